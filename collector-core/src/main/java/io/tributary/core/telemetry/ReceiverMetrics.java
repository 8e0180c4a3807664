package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import java.util.function.Supplier;

/**
 * A receiver's standard counters, for one transport. As otelcol does, every outcome touches all
 * three, so they appear together; {@code failed} stays 0 because otelcol counts every error as
 * refused unless its {@code receiverhelper.newReceiverMetrics} feature gate is on.
 */
public final class ReceiverMetrics {
    record Counters(Counter accepted, Counter refused, Counter failed) {
    }

    private final Supplier<Counters> counters;

    ReceiverMetrics(Supplier<Counters> counters) {
        this.counters = counters;
    }

    /** Items (spans, metric points, log records) the pipeline took (the client got a success status). */
    public void accepted(int items) {
        record(items, 0);
    }

    /** Items the pipeline refused or that could not be decoded (the client got an error status). */
    public void refused(int items) {
        record(0, items);
    }

    private void record(int accepted, int refused) {
        Counters c = counters.get();
        c.accepted().increment(accepted);
        c.refused().increment(refused);
        c.failed().increment(0);
    }
}
