package io.tributary.core.component;

import java.util.List;

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

    Class<C> configType();

    C defaultConfig();
}
