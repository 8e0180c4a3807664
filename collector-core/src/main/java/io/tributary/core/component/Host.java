package io.tributary.core.component;

import java.util.Optional;

/** What a starting component may ask of the running service. */
public interface Host {
    /** A started extension by ID, e.g. a storage extension for a persistent queue. */
    Optional<Extension> extension(ComponentId id);
}
