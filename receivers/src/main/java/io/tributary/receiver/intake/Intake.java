package io.tributary.receiver.intake;

import com.google.protobuf.ByteString;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.consumer.ConsumerException;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ReceiverMetrics;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transport's way into the pipelines of one signal, for every receiver: hands the data on and
 * counts the outcome in items (spans, metric points, log records).
 */
public final class Intake<D extends SignalData<D, ?>> {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final Signal<D> signal;
    private final SignalConsumer<D> next;
    private final ReceiverMetrics metrics;

    public Intake(Signal<D> signal, SignalConsumer<D> next, ReceiverMetrics metrics) {
        this.signal = signal;
        this.next = next;
        this.metrics = metrics;
    }

    /** The traces intake of a receiver of traces alone. */
    public static Intake<Traces> traces(SignalConsumer<Traces> next, ReceiverMetrics metrics) {
        return new Intake<>(Signal.TRACES, next, metrics);
    }

    public Signal<D> signal() {
        return signal;
    }

    /** Validates an encoded export request of the signal and passes it on. */
    public Optional<ExportFailure> export(ByteString request, ClientInfo client) {
        D data;
        try {
            data = signal.parse(request);
        } catch (InvalidOtlpException e) {
            return Optional.of(ExportFailure.invalid(e.getMessage()));
        }
        return export(data, client);
    }

    /**
     * @param client who sent the request, carried with the data for processors ({@code from_context})
     * @return empty when the pipeline accepted the data (a request without items is accepted untouched, as in otelcol)
     */
    public Optional<ExportFailure> export(D data, ClientInfo client) {
        int items = data.itemCount();
        if (items == 0) {
            return Optional.empty();
        }
        try {
            next.consume(data.withClient(client));
        } catch (ConsumerException e) {
            metrics.refused(items);
            return Optional.of(ExportFailure.refused(e));
        } catch (RuntimeException e) {
            LOG.error("pipeline failed unexpectedly on {} {}s; they were refused", items, signal.itemName(), e);
            metrics.refused(items);
            return Optional.of(ExportFailure.refused(e));
        }
        metrics.accepted(items);
        return Optional.empty();
    }
}
