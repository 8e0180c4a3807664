package io.tributary.receiver.jaeger;

import io.micrometer.core.instrument.Counter;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ReceiverMetrics;
import io.tributary.receiver.intake.ExportFailure;
import io.tributary.receiver.intake.Intake;
import java.util.Optional;

/**
 * One Jaeger transport's way into the pipeline: the shared {@link Intake} for decoded spans, plus
 * a count of the messages that never got that far (undecodable, or dropped for lack of room),
 * whose span count is unknown and so cannot go into the span counters.
 */
final class Delivery {
    private final Intake<Traces> intake;
    private final Counter undecodable;
    private final RateLimitedLog undecodableLog;

    Delivery(TracesConsumer next, ReceiverMetrics metrics, Counter undecodable, RateLimitedLog undecodableLog) {
        this.intake = Intake.traces(next, metrics);
        this.undecodable = undecodable;
        this.undecodableLog = undecodableLog;
    }

    /** @return empty when the pipeline accepted the spans, else why not */
    Optional<ExportFailure> deliver(Traces traces, ClientInfo client) {
        return intake.export(traces, client);
    }

    /** A message that could not be decoded: counted, and logged at most once per interval. */
    void undecodable(String what, Exception cause) {
        undecodable.increment();
        undecodableLog.warn(what, cause);
    }
}
