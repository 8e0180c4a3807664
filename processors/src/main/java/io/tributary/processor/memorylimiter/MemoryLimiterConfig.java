package io.tributary.processor.memorylimiter;

import io.tributary.config.Validated;
import java.time.Duration;

/**
 * The {@code memory_limiter} processor's settings, as otelcol's memorylimiterprocessor. The hard
 * limit is {@code limit_mib}, or else {@code limit_percentage} of the JVM's max heap; the soft limit
 * is the hard limit less {@code spike_limit_mib} ({@code spike_limit_percentage}), which defaults to
 * 20% of the hard limit. When both {@code limit_mib} and {@code limit_percentage} are set,
 * {@code limit_mib} wins, as in otelcol. The {@code *_gc_interval_*} keys pace forced collections.
 *
 * <p>{@code DEFAULT} is otelcol's default config, which is deliberately invalid (no
 * {@code check_interval}, no limit), so the rules live in {@link #validate()} and are checked in
 * otelcol's order with its messages.
 */
public record MemoryLimiterConfig(
        Duration checkInterval,
        int limitMib,
        int spikeLimitMib,
        int limitPercentage,
        int spikeLimitPercentage,
        Duration minGcIntervalWhenSoftLimited,
        Duration minGcIntervalWhenHardLimited,
        Duration maxGcIntervalWhenSoftLimited,
        Duration maxGcIntervalWhenHardLimited) implements Validated {
    public static final MemoryLimiterConfig DEFAULT = new MemoryLimiterConfig(
            Duration.ZERO, 0, 0, 0, 0, Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(30));

    public MemoryLimiterConfig {
        // otelcol's limits are uint32, so a negative value never gets as far as its Validate.
        requireNotNegative(limitMib, "limit_mib");
        requireNotNegative(spikeLimitMib, "spike_limit_mib");
        requireNotNegative(limitPercentage, "limit_percentage");
        requireNotNegative(spikeLimitPercentage, "spike_limit_percentage");
    }

    @Override
    public void validate() {
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("'check_interval' must be greater than zero");
        }
        if (minGcIntervalWhenSoftLimited.compareTo(minGcIntervalWhenHardLimited) < 0) {
            throw new IllegalArgumentException(
                    "'min_gc_interval_when_soft_limited' should be larger than 'min_gc_interval_when_hard_limited'");
        }
        if (maxGcIntervalWhenSoftLimited.isNegative()) {
            throw new IllegalArgumentException("'max_gc_interval_when_soft_limited' must be non-negative");
        }
        if (maxGcIntervalWhenHardLimited.isNegative()) {
            throw new IllegalArgumentException("'max_gc_interval_when_hard_limited' must be non-negative");
        }
        if (enabled(maxGcIntervalWhenSoftLimited) && maxGcIntervalWhenSoftLimited.compareTo(minGcIntervalWhenSoftLimited) < 0) {
            throw new IllegalArgumentException("'max_gc_interval_when_soft_limited' must be greater than or equal to "
                    + "'min_gc_interval_when_soft_limited' (or 0 to disable)");
        }
        if (enabled(maxGcIntervalWhenHardLimited) && maxGcIntervalWhenHardLimited.compareTo(minGcIntervalWhenHardLimited) < 0) {
            throw new IllegalArgumentException("'max_gc_interval_when_hard_limited' must be greater than or equal to "
                    + "'min_gc_interval_when_hard_limited' (or 0 to disable)");
        }
        if (enabled(maxGcIntervalWhenSoftLimited) && enabled(maxGcIntervalWhenHardLimited)
                && maxGcIntervalWhenSoftLimited.compareTo(maxGcIntervalWhenHardLimited) < 0) {
            throw new IllegalArgumentException("'max_gc_interval_when_soft_limited' should be larger than or equal to "
                    + "'max_gc_interval_when_hard_limited' (when both are set)");
        }
        if (limitMib == 0 && limitPercentage == 0) {
            throw new IllegalArgumentException("'limit_mib' or 'limit_percentage' must be greater than zero");
        }
        if (limitPercentage > 100 || spikeLimitPercentage > 100) {
            throw new IllegalArgumentException(
                    "'limit_percentage' and 'spike_limit_percentage' must be greater than zero and less than or equal to hundred");
        }
        if (limitMib > 0 && limitMib <= spikeLimitMib) {
            throw new IllegalArgumentException("'spike_limit_mib' must be smaller than 'limit_mib'");
        }
        if (limitPercentage > 0 && limitPercentage <= spikeLimitPercentage) {
            throw new IllegalArgumentException("'spike_limit_percentage' must be smaller than 'limit_percentage'");
        }
    }

    /**
     * The hard and soft limits in bytes for a heap of {@code maxHeapBytes}: {@code limit_mib} takes
     * precedence over {@code limit_percentage}; an unset spike is 20% of the hard limit.
     */
    Limits limits(long maxHeapBytes) {
        long hard;
        long spike;
        if (limitMib > 0) {
            hard = limitMib * Limits.MIB;
            spike = spikeLimitMib * Limits.MIB;
        } else {
            hard = limitPercentage * maxHeapBytes / 100;
            spike = spikeLimitPercentage * maxHeapBytes / 100;
        }
        return new Limits(hard, spike == 0 ? hard / 5 : spike);
    }

    private static boolean enabled(Duration maxInterval) {
        return !maxInterval.isZero();
    }

    private static void requireNotNegative(int value, String key) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must not be negative");
        }
    }

    /** The limits in bytes: refuse at or above {@link #soft()}, also force a GC at or above {@link #hard()}. */
    record Limits(long hard, long spike) {
        static final long MIB = 1024 * 1024;

        long soft() {
            return hard - spike;
        }
    }
}
