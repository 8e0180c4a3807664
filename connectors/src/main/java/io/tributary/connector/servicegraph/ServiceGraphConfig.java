package io.tributary.connector.servicegraph;

import io.tributary.config.Problems;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code servicegraph} connector's settings: otelcol's keys, defaults and checks. Loops of
 * zero or less run at otelcol's default interval, as otelcol replaces them; a flush interval of
 * zero or less flushes after every batch of traces.
 *
 * @param latencyHistogramBuckets null for otelcol's default buckets
 * @param exponentialHistogramMaxSize 0: explicit-bucket latency histograms; otherwise exponential ones
 *     of at most this many buckets
 */
public record ServiceGraphConfig(
        List<Duration> latencyHistogramBuckets,
        int exponentialHistogramMaxSize,
        List<String> dimensions,
        Store store,
        Duration cacheLoop,
        Duration storeExpirationLoop,
        List<String> virtualNodePeerAttributes,
        boolean virtualNodeExtraLabel,
        Duration metricsFlushInterval,
        List<String> databaseNameAttributes,
        Duration metricsTimestampOffset) {

    private static final Duration DEFAULT_CACHE_LOOP = Duration.ofMinutes(1);
    private static final Duration DEFAULT_STORE_EXPIRATION_LOOP = Duration.ofSeconds(2);
    private static final List<String> DEFAULT_DATABASE_NAME_ATTRIBUTES = List.of("db.name");

    public static final ServiceGraphConfig DEFAULT = new ServiceGraphConfig(null, 0, List.of(), Store.DEFAULT,
            DEFAULT_CACHE_LOOP, DEFAULT_STORE_EXPIRATION_LOOP, List.of("peer.service", "db.name", "db.system"), false,
            Duration.ofSeconds(60), DEFAULT_DATABASE_NAME_ATTRIBUTES, Duration.ZERO);

    /** The store pairing client and server spans: how long an unpaired span waits, and how many wait at most. */
    public record Store(int maxItems, Duration ttl) {
        public static final Store DEFAULT = new Store(1000, Duration.ofSeconds(2));

        public Store {
            ttl = Objects.requireNonNullElse(ttl, Duration.ZERO);
        }
    }

    public ServiceGraphConfig {
        dimensions = List.copyOf(Objects.requireNonNullElse(dimensions, List.of()));
        store = Objects.requireNonNullElse(store, Store.DEFAULT);
        cacheLoop = Objects.requireNonNullElse(cacheLoop, Duration.ZERO);
        storeExpirationLoop = Objects.requireNonNullElse(storeExpirationLoop, Duration.ZERO);
        virtualNodePeerAttributes = List.copyOf(Objects.requireNonNullElse(virtualNodePeerAttributes, List.of()));
        metricsFlushInterval = Objects.requireNonNullElse(metricsFlushInterval, Duration.ZERO);
        databaseNameAttributes = List.copyOf(Objects.requireNonNullElse(databaseNameAttributes, List.of()));
        metricsTimestampOffset = Objects.requireNonNullElse(metricsTimestampOffset, Duration.ZERO);
        Problems problems = new Problems();
        if (latencyHistogramBuckets == null && exponentialHistogramMaxSize < 0) {
            problems.add("exponential_histogram_max_size", "`exponential_histogram_max_size` can not be negative");
        } else if (latencyHistogramBuckets != null && exponentialHistogramMaxSize > 0) {
            problems.add("exponential_histogram_max_size", "use either `latency_histogram_buckets` or `exponential_histogram_max_size`");
        }
        problems.throwIfAny();
        latencyHistogramBuckets = latencyHistogramBuckets == null ? null : List.copyOf(latencyHistogramBuckets);
    }

    Duration cacheLoopInEffect() {
        return isPositive(cacheLoop) ? cacheLoop : DEFAULT_CACHE_LOOP;
    }

    Duration storeExpirationLoopInEffect() {
        return isPositive(storeExpirationLoop) ? storeExpirationLoop : DEFAULT_STORE_EXPIRATION_LOOP;
    }

    /** otelcol reads an empty list as its default, {@code [db.name]}. */
    List<String> databaseNameAttributesInEffect() {
        return databaseNameAttributes.isEmpty() ? DEFAULT_DATABASE_NAME_ATTRIBUTES : databaseNameAttributes;
    }

    boolean flushesEveryBatch() {
        return !isPositive(metricsFlushInterval);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
