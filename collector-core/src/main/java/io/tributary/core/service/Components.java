package io.tributary.core.service;

import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.Kind;
import java.util.List;
import java.util.Optional;

/** The registry of component factories, by kind and type name (aliases included). */
public final class Components {
    private Components() {
    }

    /** Every factory on the class path, found with {@link java.util.ServiceLoader}. */
    public static Components discover() {
        throw new UnsupportedOperationException("TODO");
    }

    public static Components of(List<ComponentFactory<?>> factories) {
        throw new UnsupportedOperationException("TODO");
    }

    public Optional<ComponentFactory<?>> find(Kind kind, String type) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Factories of one kind, sorted by type. */
    public List<ComponentFactory<?>> of(Kind kind) {
        throw new UnsupportedOperationException("TODO");
    }
}
