package io.tributary.core.data;

import java.util.List;
import java.util.Optional;

/**
 * An OTLP signal a pipeline carries, as a key typed by its data: what otelcol's
 * {@code pipeline.Signal} is, with the data class attached so that code written once for all
 * signals stays typed ({@code Signal<D>} goes with {@code SignalConsumer<D>}).
 *
 * @param <D> {@link Traces}, {@link Metrics} or {@link Logs}
 */
public final class Signal<D extends SignalData<D, ?>> {
    public static final Signal<Traces> TRACES = new Signal<>("traces");
    public static final Signal<Metrics> METRICS = new Signal<>("metrics");
    public static final Signal<Logs> LOGS = new Signal<>("logs");
    private static final List<Signal<?>> ALL = List.of(TRACES, METRICS, LOGS);

    private final String id;

    private Signal(String id) {
        this.id = id;
    }

    /** Every signal, traces first. */
    public static List<Signal<?>> all() {
        return ALL;
    }

    /** The signal a pipeline ID starts with ({@code metrics} of {@code metrics/host}), if it is one. */
    public static Optional<Signal<?>> byId(String id) {
        return ALL.stream().filter(signal -> signal.id.equals(id)).findFirst();
    }

    /** As config and otelcol's messages write it: {@code traces}, {@code metrics}, {@code logs}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
