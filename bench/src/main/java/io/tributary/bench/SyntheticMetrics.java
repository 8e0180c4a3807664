package io.tributary.bench;

import static io.tributary.bench.SyntheticShop.INSTRUMENTATION_VERSION;
import static io.tributary.bench.SyntheticShop.ROUTES;
import static io.tributary.bench.SyntheticShop.SCHEMA_URL;
import static io.tributary.bench.SyntheticShop.SERVICES;
import static io.tributary.bench.SyntheticShop.TABLES;
import static io.tributary.bench.SyntheticShop.bool;
import static io.tributary.bench.SyntheticShop.integer;
import static io.tributary.bench.SyntheticShop.randomBytes;
import static io.tributary.bench.SyntheticShop.scope;
import static io.tributary.bench.SyntheticShop.string;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;

/**
 * Metrics export requests like those the shop's Java SDKs send every minute: for each of the
 * {@link SyntheticShop} services HTTP server and client durations and JDBC durations (explicit
 * bucket histograms, the server's with an exemplar), connection pool and JVM runtime sums and
 * gauges, and the application's own counters and exponential histograms, all cumulative, each
 * series with the attributes its instrumentation sets. A request takes the next data points of
 * an endless sequence of such collections (service after service, instrument after instrument),
 * so it may end inside a collection or a metric. Deterministic for a given seed except for the
 * timestamps, which start at the current time.
 */
final class SyntheticMetrics {
    /** Data points per request in the benchmarks: about the bytes of a 100-span traces request. */
    static final int POINTS_PER_REQUEST = 160;

    private static final InstrumentationScope HTTP_SCOPE = scope("io.opentelemetry.netty-4.1", INSTRUMENTATION_VERSION);
    private static final InstrumentationScope JDBC_SCOPE = scope("io.opentelemetry.jdbc", INSTRUMENTATION_VERSION);
    private static final InstrumentationScope POOL_SCOPE = scope("io.opentelemetry.hikaricp-3.0", INSTRUMENTATION_VERSION);
    private static final InstrumentationScope RUNTIME_SCOPE = scope("io.opentelemetry.runtime-telemetry-java17", INSTRUMENTATION_VERSION);
    /** The SDK's default explicit buckets for HTTP durations (seconds), as the semantic conventions advise. */
    private static final double[] HTTP_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};
    private static final double[] GC_BOUNDS = {0.01, 0.1, 1, 10};
    private static final String[][] MEMORY_POOLS = {
        {"heap", "G1 Eden Space"}, {"heap", "G1 Old Gen"}, {"heap", "G1 Survivor Space"},
        {"non_heap", "Metaspace"}, {"non_heap", "Compressed Class Space"}, {"non_heap", "CodeHeap 'non-nmethods'"},
        {"non_heap", "CodeHeap 'profiled nmethods'"}, {"non_heap", "CodeHeap 'non-profiled nmethods'"}};
    /** Exponential histograms at scale 4 span a factor of 1,000 in 160 buckets, the SDK's default maximum. */
    private static final int EXPONENTIAL_SCALE = 4;
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private enum Kind {
        COUNTER, UP_DOWN_COUNTER, GAUGE, HISTOGRAM, EXPONENTIAL_HISTOGRAM
    }

    /**
     * One instrument of one service, with the attributes of each of its series; {@code bounds} for
     * explicit-bucket histograms, {@code typical} the size of a measurement or level in its unit.
     */
    private record Instrument(String service, InstrumentationScope scope, String name, String description, String unit,
            Kind kind, double[] bounds, double typical, boolean exemplars, List<List<KeyValue>> series) {
    }

    private final SplittableRandom random;
    private final Map<String, Resource> resources;
    private final List<Instrument> instruments = new ArrayList<>();
    private final long startNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    /** Collections reported so far, counted from an hour after start: how far the cumulative values have grown. */
    private long collections = 60;
    private int nextInstrument;

    SyntheticMetrics(long seed) {
        this.random = new SplittableRandom(seed);
        this.resources = SyntheticShop.resources(random);
        for (String service : SERVICES) {
            addInstruments(service);
        }
    }

    /** The next {@code points} data points of the collections, grouped by service, scope and metric. */
    ExportMetricsServiceRequest nextRequest(int points) {
        Map<String, Map<InstrumentationScope, List<Metric>>> byService = new LinkedHashMap<>();
        long time = startNanos + collections * INTERVAL_NANOS;
        int remaining = points;
        while (remaining > 0) {
            Instrument instrument = instruments.get(nextInstrument);
            List<List<KeyValue>> series = instrument.series.subList(0, Math.min(remaining, instrument.series.size()));
            byService.computeIfAbsent(instrument.service, s -> new LinkedHashMap<>())
                    .computeIfAbsent(instrument.scope, s -> new ArrayList<>())
                    .add(metric(instrument, series, time));
            remaining -= series.size();
            if (++nextInstrument == instruments.size()) {
                nextInstrument = 0;
                collections++;
                time += INTERVAL_NANOS;
            }
        }
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        byService.forEach((service, scopes) -> {
            ResourceMetrics.Builder rm = request.addResourceMetricsBuilder().setResource(resources.get(service)).setSchemaUrl(SCHEMA_URL);
            scopes.forEach((scope, metrics) -> rm.addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope).addAllMetrics(metrics)));
        });
        return request.build();
    }

    private void addInstruments(String service) {
        List<List<KeyValue>> serverSeries = new ArrayList<>();
        for (String route : ROUTES) {
            for (int status : new int[] {200, 500}) {
                serverSeries.add(List.of(string("http.request.method", "GET"), integer("http.response.status_code", status),
                        string("http.route", route), string("network.protocol.version", "1.1"), string("url.scheme", "http")));
            }
        }
        add(service, HTTP_SCOPE, "http.server.request.duration", "Duration of HTTP server requests.", "s", Kind.HISTOGRAM,
                HTTP_BOUNDS, 0.04, true, serverSeries);
        List<List<KeyValue>> clientSeries = new ArrayList<>();
        for (String target : SERVICES) {
            if (!target.equals(service)) {
                clientSeries.add(List.of(string("http.request.method", "GET"), integer("http.response.status_code", 200),
                        string("network.protocol.version", "1.1"), string("server.address", target), integer("server.port", 8080)));
            }
        }
        add(service, HTTP_SCOPE, "http.client.request.duration", "Duration of HTTP client requests.", "s", Kind.HISTOGRAM,
                HTTP_BOUNDS, 0.02, false, clientSeries);
        List<List<KeyValue>> querySeries = new ArrayList<>();
        for (String table : TABLES) {
            querySeries.add(List.of(string("db.system", "postgresql"), string("db.namespace", "shop"),
                    string("db.operation.name", "SELECT"), string("db.collection.name", table),
                    string("server.address", "postgres.shop.svc.cluster.local"), integer("server.port", 5432)));
        }
        add(service, JDBC_SCOPE, "db.client.operation.duration", "Duration of database client operations.", "s", Kind.HISTOGRAM,
                HTTP_BOUNDS, 0.003, false, querySeries);

        KeyValue pool = string("pool.name", "HikariPool-1");
        add(service, POOL_SCOPE, "db.client.connections.usage",
                "The number of connections that are currently in state described by the state attribute", "{connection}",
                Kind.UP_DOWN_COUNTER, null, 5, false, List.of(List.of(pool, string("state", "idle")), List.of(pool, string("state", "used"))));
        add(service, POOL_SCOPE, "db.client.connections.max", "The maximum number of open connections allowed", "{connection}",
                Kind.UP_DOWN_COUNTER, null, 10, false, List.of(List.of(pool)));
        add(service, POOL_SCOPE, "db.client.connections.pending_requests",
                "The number of pending requests for an open connection, cumulative for the entire pool", "{request}",
                Kind.UP_DOWN_COUNTER, null, 1, false, List.of(List.of(pool)));

        List<List<KeyValue>> pools = new ArrayList<>();
        for (String[] memoryPool : MEMORY_POOLS) {
            pools.add(List.of(string("jvm.memory.pool.name", memoryPool[1]), string("jvm.memory.type", memoryPool[0])));
        }
        add(service, RUNTIME_SCOPE, "jvm.memory.used", "Measure of memory used.", "By", Kind.UP_DOWN_COUNTER, null, 5e7, false, pools);
        add(service, RUNTIME_SCOPE, "jvm.memory.committed", "Measure of memory committed.", "By", Kind.UP_DOWN_COUNTER, null, 8e7, false,
                pools);
        add(service, RUNTIME_SCOPE, "jvm.memory.limit", "Measure of max obtainable memory.", "By", Kind.UP_DOWN_COUNTER, null, 5e8, false,
                pools.subList(1, 6));
        add(service, RUNTIME_SCOPE, "jvm.memory.used_after_last_gc",
                "Measure of memory used, as measured after the most recent garbage collection event on this pool.", "By",
                Kind.UP_DOWN_COUNTER, null, 3e7, false, pools.subList(0, 3));
        List<List<KeyValue>> threads = new ArrayList<>();
        for (boolean daemon : new boolean[] {false, true}) {
            for (String state : new String[] {"runnable", "waiting", "timed_waiting"}) {
                threads.add(List.of(bool("jvm.thread.daemon", daemon), string("jvm.thread.state", state)));
            }
        }
        add(service, RUNTIME_SCOPE, "jvm.thread.count", "Number of executing platform threads.", "{thread}", Kind.UP_DOWN_COUNTER, null,
                12, false, threads);
        add(service, RUNTIME_SCOPE, "jvm.class.loaded", "Number of classes loaded since JVM start.", "{class}", Kind.COUNTER, null, 200,
                false, List.of(List.of()));
        add(service, RUNTIME_SCOPE, "jvm.class.unloaded", "Number of classes unloaded since JVM start.", "{class}", Kind.COUNTER, null, 2,
                false, List.of(List.of()));
        add(service, RUNTIME_SCOPE, "jvm.class.count", "Number of classes currently loaded.", "{class}", Kind.UP_DOWN_COUNTER, null,
                15_000, false, List.of(List.of()));
        add(service, RUNTIME_SCOPE, "jvm.cpu.time", "CPU time used by the process as reported by the JVM.", "s", Kind.COUNTER, null, 6,
                false, List.of(List.of()));
        add(service, RUNTIME_SCOPE, "jvm.cpu.count", "Number of processors available to the Java virtual machine.", "{cpu}",
                Kind.UP_DOWN_COUNTER, null, 2, false, List.of(List.of()));
        add(service, RUNTIME_SCOPE, "jvm.cpu.recent_utilization", "Recent CPU utilization for the process as reported by the JVM.", "1",
                Kind.GAUGE, null, 0.2, false, List.of(List.of()));
        add(service, RUNTIME_SCOPE, "jvm.system.cpu.load_1m",
                "Average CPU load of the whole system for the last minute as reported by the JVM.", "{run_queue_item}", Kind.GAUGE, null,
                1.5, false, List.of(List.of()));
        add(service, RUNTIME_SCOPE, "jvm.gc.duration", "Duration of JVM garbage collection actions.", "s", Kind.HISTOGRAM, GC_BOUNDS,
                0.008, false, List.of(
                        List.of(string("jvm.gc.action", "end of minor GC"), string("jvm.gc.name", "G1 Young Generation")),
                        List.of(string("jvm.gc.action", "end of GC pause"), string("jvm.gc.name", "G1 Concurrent GC"))));

        InstrumentationScope app = scope("shop." + service.replace("-", ""), "1.0.0");
        List<List<KeyValue>> operations = new ArrayList<>();
        for (String operation : new String[] {"load", "validate", "persist", "notify"}) {
            operations.add(List.of(string("app.operation", operation)));
        }
        add(service, app, "app.operation.duration", "Time spent in each step of handling a request.", "ms",
                Kind.EXPONENTIAL_HISTOGRAM, null, 3, false, operations);
        add(service, app, "app.cache.lookups", "Item cache lookups by result.", "{lookup}", Kind.COUNTER, null, 400, false, List.of(
                List.of(string("cache.name", "items"), string("cache.result", "hit")),
                List.of(string("cache.name", "items"), string("cache.result", "miss"))));
    }

    private void add(String service, InstrumentationScope scope, String name, String description, String unit, Kind kind,
            double[] bounds, double typical, boolean exemplars, List<List<KeyValue>> series) {
        instruments.add(new Instrument(service, scope, name, description, unit, kind, bounds, typical, exemplars, series));
    }

    private Metric metric(Instrument instrument, List<List<KeyValue>> series, long time) {
        Metric.Builder metric = Metric.newBuilder().setName(instrument.name).setDescription(instrument.description).setUnit(instrument.unit);
        AggregationTemporality cumulative = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
        switch (instrument.kind) {
            case COUNTER, UP_DOWN_COUNTER -> {
                boolean monotonic = instrument.kind == Kind.COUNTER;
                Sum.Builder sum = Sum.newBuilder().setAggregationTemporality(cumulative).setIsMonotonic(monotonic);
                for (List<KeyValue> attributes : series) {
                    // A counter has grown for every collection so far; an up-down counter is a level.
                    double level = instrument.typical * (monotonic ? collections : 1) * (0.5 + random.nextDouble());
                    sum.addDataPoints(numberPoint(attributes, time).setAsInt(Math.round(level)));
                }
                metric.setSum(sum);
            }
            case GAUGE -> {
                Gauge.Builder gauge = Gauge.newBuilder();
                for (List<KeyValue> attributes : series) {
                    gauge.addDataPoints(numberPoint(attributes, time).setAsDouble(instrument.typical * (0.5 + random.nextDouble())));
                }
                metric.setGauge(gauge);
            }
            case HISTOGRAM -> {
                Histogram.Builder histogram = Histogram.newBuilder().setAggregationTemporality(cumulative);
                for (List<KeyValue> attributes : series) {
                    histogram.addDataPoints(histogramPoint(instrument, attributes, time));
                }
                metric.setHistogram(histogram);
            }
            case EXPONENTIAL_HISTOGRAM -> {
                ExponentialHistogram.Builder histogram = ExponentialHistogram.newBuilder().setAggregationTemporality(cumulative);
                for (List<KeyValue> attributes : series) {
                    histogram.addDataPoints(exponentialPoint(instrument, attributes, time));
                }
                metric.setExponentialHistogram(histogram);
            }
        }
        return metric.build();
    }

    private NumberDataPoint.Builder numberPoint(List<KeyValue> attributes, long time) {
        return NumberDataPoint.newBuilder().addAllAttributes(attributes).setStartTimeUnixNano(startNanos).setTimeUnixNano(time);
    }

    /**
     * Measurements drawn around the instrument's typical value (log-normal, as latencies are), a
     * few dozen per collection: the bucket counts are then scaled by the collections so far.
     */
    private double[] measurements(Instrument instrument) {
        double[] values = new double[10 + random.nextInt(90)];
        for (int i = 0; i < values.length; i++) {
            values[i] = instrument.typical * Math.exp(0.8 * random.nextGaussian());
        }
        return values;
    }

    private HistogramDataPoint histogramPoint(Instrument instrument, List<KeyValue> attributes, long time) {
        double[] values = measurements(instrument);
        long[] counts = new long[instrument.bounds.length + 1];
        for (double value : values) {
            int bucket = 0;
            while (bucket < instrument.bounds.length && value > instrument.bounds[bucket]) {
                bucket++;
            }
            counts[bucket]++;
        }
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().addAllAttributes(attributes)
                .setStartTimeUnixNano(startNanos).setTimeUnixNano(time)
                .setCount(values.length * collections).setSum(DoubleStream.of(values).sum() * collections)
                .setMin(DoubleStream.of(values).min().orElseThrow()).setMax(DoubleStream.of(values).max().orElseThrow());
        for (double bound : instrument.bounds) {
            point.addExplicitBounds(bound);
        }
        for (long count : counts) {
            point.addBucketCounts(count * collections);
        }
        if (instrument.exemplars) {
            point.addExemplars(Exemplar.newBuilder().setTimeUnixNano(time - TimeUnit.SECONDS.toNanos(1 + random.nextInt(59)))
                    .setAsDouble(values[0]).setSpanId(randomBytes(random, 8)).setTraceId(randomBytes(random, 16)));
        }
        return point.build();
    }

    private ExponentialHistogramDataPoint exponentialPoint(Instrument instrument, List<KeyValue> attributes, long time) {
        double[] values = measurements(instrument);
        double scaleFactor = Math.scalb(1 / Math.log(2), EXPONENTIAL_SCALE);
        int[] indexes = new int[values.length];
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;
        for (int i = 0; i < values.length; i++) {
            // Bucket i holds (base^i, base^(i+1)] with base = 2^(2^-scale).
            indexes[i] = (int) Math.ceil(Math.log(values[i]) * scaleFactor) - 1;
            lowest = Math.min(lowest, indexes[i]);
            highest = Math.max(highest, indexes[i]);
        }
        long[] counts = new long[highest - lowest + 1];
        for (int index : indexes) {
            counts[index - lowest]++;
        }
        ExponentialHistogramDataPoint.Buckets.Builder positive = ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(lowest);
        for (long count : counts) {
            positive.addBucketCounts(count * collections);
        }
        return ExponentialHistogramDataPoint.newBuilder().addAllAttributes(attributes)
                .setStartTimeUnixNano(startNanos).setTimeUnixNano(time)
                .setCount(values.length * collections).setSum(DoubleStream.of(values).sum() * collections)
                .setScale(EXPONENTIAL_SCALE).setPositive(positive)
                .setMin(DoubleStream.of(values).min().orElseThrow()).setMax(DoubleStream.of(values).max().orElseThrow())
                .build();
    }
}
