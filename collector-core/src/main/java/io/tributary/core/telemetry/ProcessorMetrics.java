package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;

/** A processor's standard counters. */
public final class ProcessorMetrics {
    private final Counter incoming;
    private final Counter outgoing;
    private final Counter dropped;

    ProcessorMetrics(Counter incoming, Counter outgoing, Counter dropped) {
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.dropped = dropped;
    }

    public void incoming(int spans) {
        incoming.increment(spans);
    }

    public void outgoing(int spans) {
        outgoing.increment(spans);
    }

    /** Spans this processor discarded on purpose (filtered, sampled out) or could not pass on. */
    public void dropped(int spans) {
        dropped.increment(spans);
    }
}
