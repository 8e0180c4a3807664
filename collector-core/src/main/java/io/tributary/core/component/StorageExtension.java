package io.tributary.core.component;

import java.io.IOException;

/**
 * An extension that gives components a place to keep data across restarts ({@code file_storage}),
 * found by a component through {@link Host#extension} with the ID its config names, e.g. an
 * exporter's {@code sending_queue::storage}.
 */
public interface StorageExtension extends Extension {
    /**
     * The directory kept for {@code owner}'s {@code name} data (otelcol's storage client for
     * {@code kind}, {@code owner}, {@code name}), created when absent and held exclusively until
     * closed: a second holder, in this or another process, waits up to the extension's timeout and
     * then fails.
     */
    StorageDirectory open(Kind kind, ComponentId owner, String name) throws IOException;
}
