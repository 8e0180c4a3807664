package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import java.util.function.Supplier;

/** A processor's standard counters of one signal's items (otelcol's processorhelper pair, and Tributary's dropped count). */
public final class ProcessorMetrics {
    record Counters(Counter incoming, Counter outgoing) {
    }

    private final Supplier<Counters> counters;
    private final Supplier<Counter> dropped;

    ProcessorMetrics(Supplier<Counters> counters, Supplier<Counter> dropped) {
        this.counters = counters;
        this.dropped = dropped;
    }

    public void incoming(int items) {
        counters.get().incoming().increment(items);
    }

    public void outgoing(int items) {
        counters.get().outgoing().increment(items);
    }

    /** Items this processor discarded on purpose (filtered, sampled out) or could not pass on. */
    public void dropped(int items) {
        dropped.get().increment(items);
    }
}
