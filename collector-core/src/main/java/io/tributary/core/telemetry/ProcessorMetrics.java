package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import java.util.function.Supplier;

/** A processor's standard counters (otelcol's processorhelper pair, and Tributary's dropped count). */
public final class ProcessorMetrics {
    record Counters(Counter incoming, Counter outgoing) {
    }

    private final Supplier<Counters> counters;
    private final Supplier<Counter> dropped;

    ProcessorMetrics(Supplier<Counters> counters, Supplier<Counter> dropped) {
        this.counters = counters;
        this.dropped = dropped;
    }

    public void incoming(int spans) {
        counters.get().incoming().increment(spans);
    }

    public void outgoing(int spans) {
        counters.get().outgoing().increment(spans);
    }

    /** Spans this processor discarded on purpose (filtered, sampled out) or could not pass on. */
    public void dropped(int spans) {
        dropped.get().increment(spans);
    }
}
