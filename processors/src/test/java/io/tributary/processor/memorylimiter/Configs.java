package io.tributary.processor.memorylimiter;

import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;

/** Binds a {@code memory_limiter} section from YAML the way the service does. */
final class Configs {
    private Configs() {
    }

    static MemoryLimiterConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null),
                "processors::memory_limiter", MemoryLimiterConfig.class, MemoryLimiterConfig.DEFAULT);
    }
}
