package io.tributary.core.consumer;

import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;

/**
 * What one receiver feeds: per signal, the consumer of every pipeline of that signal that lists
 * the receiver, or null when none does. A receiver used by pipelines of several signals is one
 * instance, as in otelcol, and hands each request to the consumer of its signal.
 */
public record Consumers(TracesConsumer traces, SignalConsumer<Metrics> metrics, SignalConsumer<Logs> logs) {
    /** Only traces, for a receiver of traces alone. */
    public static Consumers traces(TracesConsumer traces) {
        return new Consumers(traces, null, null);
    }

    /** The consumer of {@code signal}'s pipelines, or null when no pipeline of that signal lists the receiver. */
    @SuppressWarnings("unchecked")
    public <D extends SignalData<D, ?>> SignalConsumer<D> of(Signal<D> signal) {
        if (signal == Signal.TRACES) {
            return (SignalConsumer<D>) traces;
        }
        return (SignalConsumer<D>) (signal == Signal.METRICS ? metrics : logs);
    }
}
