package io.tributary.core.exporterhelper;

import io.tributary.config.Problems;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code retry_on_failure}: exponential backoff with otelcol's defaults; {@code max_elapsed_time: 0}
 * retries forever. Validation follows otelcol's {@code configretry}: field ranges always, the
 * relations between durations only when enabled.
 */
public record RetryConfig(
        boolean enabled,
        Duration initialInterval,
        double randomizationFactor,
        double multiplier,
        Duration maxInterval,
        Duration maxElapsedTime) {
    public static final RetryConfig DEFAULT = new RetryConfig(
            true, Duration.ofSeconds(5), 0.5, 1.5, Duration.ofSeconds(30), Duration.ofSeconds(300));
    /** No retry (exporters without {@code retry_on_failure}): a failed send is dropped and counted. */
    public static final RetryConfig DISABLED = new RetryConfig(false, DEFAULT.initialInterval(), DEFAULT.randomizationFactor(),
            DEFAULT.multiplier(), DEFAULT.maxInterval(), DEFAULT.maxElapsedTime());

    public RetryConfig {
        Objects.requireNonNull(initialInterval, "initial_interval");
        Objects.requireNonNull(maxInterval, "max_interval");
        Objects.requireNonNull(maxElapsedTime, "max_elapsed_time");
        Problems problems = new Problems();
        problems.when(initialInterval.isNegative(), "initial_interval", "'initial_interval' must be non-negative");
        problems.when(randomizationFactor < 0 || randomizationFactor > 1, "randomization_factor",
                "'randomization_factor' must be within [0, 1]");
        problems.when(multiplier < 0, "multiplier", "'multiplier' must be non-negative");
        problems.when(maxInterval.isNegative(), "max_interval", "'max_interval' must be non-negative");
        problems.when(maxElapsedTime.isNegative(), "max_elapsed_time", "'max_elapsed_time' must be non-negative");
        boolean limited = enabled && !maxElapsedTime.isZero();
        problems.when(limited && maxElapsedTime.compareTo(initialInterval) < 0, "max_elapsed_time",
                "'max_elapsed_time' must not be less than 'initial_interval'");
        problems.when(limited && maxElapsedTime.compareTo(maxInterval) < 0, "max_elapsed_time",
                "'max_elapsed_time' must not be less than 'max_interval'");
        problems.throwIfAny();
    }
}
