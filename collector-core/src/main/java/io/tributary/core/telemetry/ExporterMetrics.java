package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import java.util.function.Supplier;

/** An exporter's standard counters of one signal's items; the queue gauges are registered with them. */
public final class ExporterMetrics {
    private final Supplier<Counter> sent;
    private final Supplier<Counter> sendFailed;
    private final Supplier<Counter> enqueueFailed;

    ExporterMetrics(Supplier<Counter> sent, Supplier<Counter> sendFailed, Supplier<Counter> enqueueFailed) {
        this.sent = sent;
        this.sendFailed = sendFailed;
        this.enqueueFailed = enqueueFailed;
    }

    public void sent(int items) {
        sent.get().increment(items);
    }

    /** Items given up on: a permanent error, or retries exhausted. As otelcol, the attempt also counts 0 sent. */
    public void sendFailed(int items) {
        sent.get().increment(0);
        sendFailed.get().increment(items);
    }

    /** Items refused because the sending queue was full. */
    public void enqueueFailed(int items) {
        enqueueFailed.get().increment(items);
    }
}
