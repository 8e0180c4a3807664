package io.tributary.receiver.intake;

import com.google.protobuf.ByteString;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.consumer.ConsumerException;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ReceiverMetrics;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One transport's way into the pipeline, for every receiver: hands traces on and counts the outcome. */
public final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final TracesConsumer next;
    private final ReceiverMetrics metrics;

    public Intake(TracesConsumer next, ReceiverMetrics metrics) {
        this.next = next;
        this.metrics = metrics;
    }

    /** Validates an encoded {@code ExportTraceServiceRequest} and passes it on. */
    public Optional<ExportFailure> export(ByteString request, ClientInfo client) {
        Traces traces;
        try {
            traces = Traces.parse(request);
        } catch (InvalidOtlpException e) {
            return Optional.of(ExportFailure.invalid(e.getMessage()));
        }
        return export(traces, client);
    }

    /**
     * @param client who sent the request, carried with the traces for processors ({@code from_context})
     * @return empty when the pipeline accepted the spans (a request without spans is accepted untouched, as in otelcol)
     */
    public Optional<ExportFailure> export(Traces traces, ClientInfo client) {
        if (traces.spanCount() == 0) {
            return Optional.empty();
        }
        try {
            next.consume(traces.withClient(client));
        } catch (ConsumerException e) {
            metrics.refused(traces.spanCount());
            return Optional.of(ExportFailure.refused(e));
        } catch (RuntimeException e) {
            LOG.error("pipeline failed unexpectedly on {} spans; they were refused", traces.spanCount(), e);
            metrics.refused(traces.spanCount());
            return Optional.of(ExportFailure.refused(e));
        }
        metrics.accepted(traces.spanCount());
        return Optional.empty();
    }
}
