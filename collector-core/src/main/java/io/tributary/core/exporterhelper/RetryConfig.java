package io.tributary.core.exporterhelper;

import java.time.Duration;

/** {@code retry_on_failure}: exponential backoff with otelcol's defaults; {@code max_elapsed_time: 0} retries forever. */
public record RetryConfig(
        boolean enabled,
        Duration initialInterval,
        double randomizationFactor,
        double multiplier,
        Duration maxInterval,
        Duration maxElapsedTime) {
    public static final RetryConfig DEFAULT = new RetryConfig(
            true, Duration.ofSeconds(5), 0.5, 1.5, Duration.ofSeconds(30), Duration.ofSeconds(300));
}
