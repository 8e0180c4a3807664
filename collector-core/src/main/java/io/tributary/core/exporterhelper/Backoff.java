package io.tributary.core.exporterhelper;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before each retry of one batch: starts at {@code initial_interval}, grows by
 * {@code multiplier} up to {@code max_interval}, each wait drawn uniformly within
 * ±{@code randomization_factor} of the current interval (the algorithm otelcol inherits from
 * cenkalti/backoff). One instance per batch; not thread-safe.
 */
final class Backoff {
    private final RetryConfig config;
    private final long maxNanos;
    private long currentNanos;

    Backoff(RetryConfig config) {
        this.config = config;
        this.maxNanos = config.maxInterval().toNanos();
        this.currentNanos = config.initialInterval().toNanos();
    }

    Duration next() {
        double interval = currentNanos;
        currentNanos = currentNanos >= maxNanos / config.multiplier()
                ? maxNanos
                : (long) (currentNanos * config.multiplier());
        double delta = config.randomizationFactor() * interval;
        double randomized = interval - delta + ThreadLocalRandom.current().nextDouble() * 2 * delta;
        return Duration.ofNanos((long) randomized);
    }
}
