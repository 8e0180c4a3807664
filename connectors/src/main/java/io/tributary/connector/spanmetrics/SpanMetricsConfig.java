package io.tributary.connector.spanmetrics;

import io.tributary.config.Durations;
import io.tributary.config.FromString;
import io.tributary.config.Key;
import io.tributary.config.Problems;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code spanmetrics} connector's settings, otelcol's keys and defaults (v0.148.0) with its
 * checks and their messages. {@code aggregation_temporality} is delta only when it says
 * {@code AGGREGATION_TEMPORALITY_DELTA} exactly; any other text is cumulative, as in otelcol.
 */
public record SpanMetricsConfig(
        List<Dimension> dimensions,
        List<Dimension> callsDimensions,
        List<String> excludeDimensions,
        int dimensionsCacheSize,
        int resourceMetricsCacheSize,
        List<String> resourceMetricsKeyAttributes,
        String aggregationTemporality,
        HistogramConfig histogram,
        Duration metricsFlushInterval,
        Duration metricsExpiration,
        Integer metricTimestampCacheSize,
        String namespace,
        ExemplarsConfig exemplars,
        EventsConfig events,
        List<String> includeInstrumentationScope,
        int aggregationCardinalityLimit,
        boolean addResourceAttributes,
        boolean enableMetricsSamplingMethod) {
    static final String DELTA = "AGGREGATION_TEMPORALITY_DELTA";
    static final String CUMULATIVE = "AGGREGATION_TEMPORALITY_CUMULATIVE";
    static final int DEFAULT_TIMESTAMP_CACHE_SIZE = 1000;

    /** The names every series has, which a configured dimension may not take. */
    private static final List<String> RESERVED = List.of("service.name", "span.kind", "status.code", "span.name");

    public static final SpanMetricsConfig DEFAULT = new SpanMetricsConfig(List.of(), List.of(), List.of(), 0, 1000, List.of(),
            CUMULATIVE, HistogramConfig.DEFAULT, Duration.ofSeconds(60), Duration.ZERO, null, "traces.span.metrics",
            ExemplarsConfig.DEFAULT, EventsConfig.DEFAULT, List.of(), 0, false, false);

    public SpanMetricsConfig {
        dimensions = copy(dimensions);
        callsDimensions = copy(callsDimensions);
        excludeDimensions = copy(excludeDimensions);
        resourceMetricsKeyAttributes = copy(resourceMetricsKeyAttributes);
        includeInstrumentationScope = copy(includeInstrumentationScope);
        histogram = histogram == null ? HistogramConfig.DEFAULT : histogram;
        exemplars = exemplars == null ? ExemplarsConfig.DEFAULT : exemplars;
        events = events == null ? EventsConfig.DEFAULT : events;
        aggregationTemporality = aggregationTemporality == null ? "" : aggregationTemporality;
        namespace = namespace == null ? "" : namespace;
        Problems problems = new Problems();
        String duplicate = duplicateName(dimensions);
        problems.when(duplicate != null, "dimensions", "failed validating dimensions: duplicate dimension name " + duplicate);
        if (events.enabled()) {
            String eventDuplicate = duplicateName(events.dimensions());
            problems.when(events.dimensions().isEmpty(), "events",
                    "failed validating event dimensions: no dimensions configured for events");
            problems.when(eventDuplicate != null, "events",
                    "failed validating event dimensions: duplicate dimension name " + eventDuplicate);
        }
        problems.when(histogram.explicit() != null && histogram.exponential() != null, "histogram",
                "use either `explicit` or `exponential` buckets histogram");
        problems.when(metricsFlushInterval == null || metricsFlushInterval.isNegative(), "metrics_flush_interval",
                "invalid metrics_flush_interval: " + format(metricsFlushInterval) + ", the duration should be positive");
        // otelcol accepts 0 here and then panics starting its ticker.
        problems.when(metricsFlushInterval != null && metricsFlushInterval.isZero(), "metrics_flush_interval",
                "must be greater than 0");
        problems.when(metricsExpiration == null || metricsExpiration.isNegative(), "metrics_expiration",
                "invalid metrics_expiration: " + format(metricsExpiration) + ", the duration should be positive");
        int timestampCacheSize = metricTimestampCacheSize == null ? DEFAULT_TIMESTAMP_CACHE_SIZE : metricTimestampCacheSize;
        problems.when(DELTA.equals(aggregationTemporality) && timestampCacheSize <= 0, "metric_timestamp_cache_size",
                "invalid delta timestamp cache size: " + timestampCacheSize
                        + ", the maximum number of the items in the cache should be positive");
        problems.when(aggregationCardinalityLimit < 0, "aggregation_cardinality_limit",
                "invalid aggregation_cardinality_limit: " + aggregationCardinalityLimit + ", the limit should be positive");
        problems.when(exemplars.enabled() && exemplars.maxPerDataPoint() < 0, "exemplars",
                "invalid max_per_data_point: " + exemplars.maxPerDataPoint() + ", the value should be positive");
        // otelcol's LRU refuses this when the connector is built.
        problems.when(resourceMetricsCacheSize <= 0, "resource_metrics_cache_size", "must provide a positive size");
        problems.throwIfAny();
    }

    boolean delta() {
        return DELTA.equals(aggregationTemporality);
    }

    int timestampCacheSize() {
        return metricTimestampCacheSize == null ? DEFAULT_TIMESTAMP_CACHE_SIZE : metricTimestampCacheSize;
    }

    private static String duplicateName(List<Dimension> dimensions) {
        Set<String> names = new HashSet<>(RESERVED);
        for (Dimension dimension : dimensions) {
            if (!names.add(dimension.name())) {
                return dimension.name();
            }
        }
        return null;
    }

    private static String format(Duration duration) {
        return duration == null ? "<nil>" : Durations.format(duration);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** An attribute looked up on the span, then the resource (or event); without a value and no {@code default}, it is left out. */
    public record Dimension(String name, @Key("default") String defaultValue) {
        public Dimension {
            name = name == null ? "" : name;
        }
    }

    /**
     * {@code explicit} and {@code exponential} are null when not written; with neither, the
     * explicit histogram with otelcol's default buckets.
     */
    public record HistogramConfig(boolean disable, DurationUnit unit, ExplicitConfig explicit, ExponentialConfig exponential,
            List<Dimension> dimensions) {
        public static final HistogramConfig DEFAULT = new HistogramConfig(false, DurationUnit.MS, null, null, List.of());

        public HistogramConfig {
            unit = unit == null ? DurationUnit.MS : unit;
            dimensions = copy(dimensions);
        }
    }

    /** Bucket bounds as durations; written without {@code buckets}, a histogram of one bucket, as otelcol's. */
    public record ExplicitConfig(List<Duration> buckets) {
        public ExplicitConfig {
            buckets = copy(buckets);
        }
    }

    /** {@code max_size} 0 is go-expohisto's default, 160. */
    public record ExponentialConfig(int maxSize) {
    }

    public record ExemplarsConfig(boolean enabled, int maxPerDataPoint) {
        public static final ExemplarsConfig DEFAULT = new ExemplarsConfig(false, 5);
    }

    public record EventsConfig(boolean enabled, List<Dimension> dimensions) {
        public static final EventsConfig DEFAULT = new EventsConfig(false, List.of());

        public EventsConfig {
            dimensions = copy(dimensions);
        }
    }

    /** The unit durations are recorded in, and the {@code duration} metric's unit. */
    public enum DurationUnit {
        MS("ms", 1_000_000L),
        S("s", 1_000_000_000L);

        final String text;
        final long nanos;

        DurationUnit(String text, long nanos) {
            this.text = text;
            this.nanos = nanos;
        }

        /** Either case, as otelcol reads it. */
        @FromString
        public static DurationUnit parse(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (DurationUnit unit : values()) {
                if (unit.text.equals(lower)) {
                    return unit;
                }
            }
            throw new IllegalArgumentException("unknown Unit \"" + lower + "\", allowed units are \"ms\" and \"s\"");
        }
    }
}
