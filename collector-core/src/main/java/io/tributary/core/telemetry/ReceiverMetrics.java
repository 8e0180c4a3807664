package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;

/** A receiver's standard counters, for one transport. */
public final class ReceiverMetrics {
    private final Counter accepted;
    private final Counter refused;

    ReceiverMetrics(Counter accepted, Counter refused) {
        this.accepted = accepted;
        this.refused = refused;
    }

    /** Spans the pipeline took (the client got a success status). */
    public void accepted(int spans) {
        accepted.increment(spans);
    }

    /** Spans the pipeline refused or that could not be decoded (the client got an error status). */
    public void refused(int spans) {
        refused.increment(spans);
    }
}
