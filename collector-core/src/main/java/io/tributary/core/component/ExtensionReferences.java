package io.tributary.core.component;

import java.util.Map;

/**
 * A config record (a component's config, or one of its sections) naming extensions the component
 * needs, e.g. {@code sending_queue::storage}. The service checks at validation that each one is
 * defined under {@code extensions} and listed in {@code service::extensions}, the only extensions
 * otelcol starts, so a typo is a config error with its line instead of a failure at start.
 */
public interface ExtensionReferences {
    /** Extension IDs as written, by the key of this record that names them; empty when none. */
    Map<String, String> extensionReferences();
}
