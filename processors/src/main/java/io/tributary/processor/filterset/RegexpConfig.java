package io.tributary.processor.filterset;

import io.tributary.config.Key;

/**
 * otelcol's {@code regexp} options of a match section. Its result cache only saves time in Go;
 * {@code java.util.regex} on short names is cheap enough that the keys are accepted and checked,
 * not acted on.
 */
public record RegexpConfig(
        @Key("cacheenabled") boolean cacheEnabled,
        @Key("cachemaxnumentries") int cacheMaxNumEntries) {
    public static final RegexpConfig DEFAULT = new RegexpConfig(false, 0);

    public RegexpConfig {
        if (cacheMaxNumEntries < 0) {
            throw new IllegalArgumentException("cachemaxnumentries must not be negative");
        }
    }
}
