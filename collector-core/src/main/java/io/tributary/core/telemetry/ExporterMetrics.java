package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;

/** An exporter's standard counters; the queue gauges are registered with them. */
public final class ExporterMetrics {
    private final Counter sent;
    private final Counter sendFailed;
    private final Counter enqueueFailed;

    ExporterMetrics(Counter sent, Counter sendFailed, Counter enqueueFailed) {
        this.sent = sent;
        this.sendFailed = sendFailed;
        this.enqueueFailed = enqueueFailed;
    }

    public void sent(int spans) {
        sent.increment(spans);
    }

    /** Spans given up on: a permanent error, or retries exhausted. */
    public void sendFailed(int spans) {
        sendFailed.increment(spans);
    }

    /** Spans refused because the sending queue was full. */
    public void enqueueFailed(int spans) {
        enqueueFailed.increment(spans);
    }
}
