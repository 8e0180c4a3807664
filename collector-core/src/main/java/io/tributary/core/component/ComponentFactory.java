package io.tributary.core.component;

import io.tributary.core.data.Signal;
import java.util.List;
import java.util.Set;

/**
 * The factory of one component type, found with {@link java.util.ServiceLoader} through one of
 * the kind-specific sub-interfaces. {@code C} is the component's config record; its defaults
 * live in {@link #defaultConfig()}, and the shared binder fills it from YAML.
 */
public interface ComponentFactory<C> {
    /** The type name used in config, e.g. {@code otlp}. */
    String type();

    /** Other names accepted for this type, e.g. {@code otlp_grpc}. */
    default List<String> aliases() {
        return List.of();
    }

    Kind kind();

    /**
     * The signals a receiver, processor or exporter of this type carries; using it in a pipeline
     * of another signal is a config error, as otelcol's factories refuse with "telemetry type is
     * not supported". Traces only unless the factory says more.
     */
    default Set<Signal<?>> signals() {
        return Set.of(Signal.TRACES);
    }

    /**
     * Checks {@code config} for a pipeline of {@code signal}, one of {@link #signals()}: what
     * otelcol's factory refuses only when it creates the component for that signal (the
     * {@code attributes} processor's log-only match keys in a traces pipeline). otelcol's
     * {@code validate} builds every pipeline, so it reports these too; the service calls this
     * once per signal a component is used with.
     *
     * @throws IllegalArgumentException saying what is wrong; a {@link io.tributary.config.Problems.Invalid}
     *                                  names the keys of {@code config} it is about
     */
    default void checkFor(Signal<?> signal, C config) {
    }

    Class<C> configType();

    C defaultConfig();
}
