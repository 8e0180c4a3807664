package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The self-metrics as one OTLP {@code ExportMetricsServiceRequest}, what a periodic reader of
 * otelcol's OpenTelemetry SDK collects: one {@code ScopeMetrics} per instrumentation scope, each
 * instrument under otelcol's name and unit (no Prometheus suffixes), counters as monotonic sums,
 * up-down counters as non-monotonic sums, gauges as gauges, histograms with their bucket bounds,
 * under the resource of {@code target_info} with the semantic conventions' schema URL otelcol
 * gives it.
 *
 * <p>Cumulative points start when the reader first saw their series (the collection before, as a
 * series appears between two); under {@link TelemetryConfig.Temporality#DELTA} counters and
 * histograms (under {@code LOWMEMORY} only those recorded to synchronously, not the process
 * metrics read at collection) carry what changed since the previous collection, which is their
 * start. Values are integers but for instruments in seconds, as otelcol's instruments are typed.
 * Histograms have no min or max: Micrometer keeps neither over the whole period.
 */
public final class OtlpMetricsReader {
    /** The schema of the resource attributes otelcol v0.148 sets (semantic conventions v1.38.0). */
    static final String RESOURCE_SCHEMA_URL = "https://opentelemetry.io/schemas/1.38.0";

    private final MeterRegistry registry;
    private final Instruments instruments;
    private final Resource resource;
    /** Tags that are Prometheus labels only (scope, resource attributes): not point attributes. */
    private final Set<String> prometheusOnly;
    private final TelemetryConfig.Temporality temporality;
    private final Clock clock;
    /** When the previous collection ran (at first, when the reader was made). */
    private long previousNanos;
    /** What was last read of each series; guarded by {@code this}. */
    private final Map<Meter.Id, Series> series = new HashMap<>();

    /** One series as last collected; {@code meter} tells a series apart from one re-registered under its id. */
    private static final class Series {
        final Meter meter;
        final long startNanos;
        long lastNanos;
        double value;
        long count;
        double sum;
        long[] buckets = new long[0];

        Series(Meter meter, long startNanos) {
            this.meter = meter;
            this.startNanos = startNanos;
            this.lastNanos = startNanos;
        }
    }

    OtlpMetricsReader(MeterRegistry registry, Instruments instruments, Map<String, String> resource, Set<String> prometheusOnly,
            TelemetryConfig.Temporality temporality, Clock clock) {
        this.registry = registry;
        this.instruments = instruments;
        this.resource = Resource.newBuilder().addAllAttributes(new TreeMap<>(resource).entrySet().stream()
                .map(e -> attribute(e.getKey(), e.getValue())).toList()).build();
        this.prometheusOnly = Set.copyOf(prometheusOnly);
        this.temporality = temporality;
        this.clock = clock;
        this.previousNanos = nanos(clock.instant());
    }

    /** Reads every instrument now; under delta temporality the next collection starts from here. */
    public synchronized ExportMetricsServiceRequest collect() {
        long now = nanos(clock.instant());
        // Metrics by scope, then by name, in the order their meters come.
        Map<String, Map<String, Metric.Builder>> scopes = new LinkedHashMap<>();
        Map<Meter.Id, Series> seen = new HashMap<>();
        for (Meter meter : registry.getMeters()) {
            Instruments.Instrument instrument = instruments.of(meter.getId().getName());
            if (instrument == null) {
                continue;
            }
            Series current = series.get(meter.getId());
            if (current == null || current.meter != meter) {
                current = new Series(meter, previousNanos);
            }
            Metric.Builder metric = scopes.computeIfAbsent(instrument.scope(), scope -> new LinkedHashMap<>())
                    .computeIfAbsent(instrument.name(), name -> Metric.newBuilder()
                            .setName(name)
                            .setDescription(meter.getId().getDescription() == null ? "" : meter.getId().getDescription())
                            .setUnit(instrument.unit()));
            if (addPoint(metric, instrument, meter, current, now)) {
                seen.put(meter.getId(), current);
            }
        }
        series.clear();
        series.putAll(seen);
        previousNanos = now;
        ResourceMetrics.Builder resourceMetrics = ResourceMetrics.newBuilder().setResource(resource).setSchemaUrl(RESOURCE_SCHEMA_URL);
        scopes.forEach((scope, metrics) -> {
            ScopeMetrics.Builder scopeMetrics = ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName(scope));
            // A metric none of whose meters had a point (a gauge whose state is gone) is left out.
            metrics.values().stream().filter(metric -> metric.getDataCase() != Metric.DataCase.DATA_NOT_SET)
                    .forEach(scopeMetrics::addMetrics);
            if (scopeMetrics.getMetricsCount() > 0) {
                resourceMetrics.addScopeMetrics(scopeMetrics);
            }
        });
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(resourceMetrics).build();
    }

    /** Adds the meter's point to {@code metric}; false for a meter that has none (a gauge whose state is gone). */
    private boolean addPoint(Metric.Builder metric, Instruments.Instrument instrument, Meter meter, Series series, long now) {
        if (meter instanceof DistributionSummary summary) {
            boolean delta = temporality != TelemetryConfig.Temporality.CUMULATIVE;
            metric.getHistogramBuilder().setAggregationTemporality(temporality(delta))
                    .addDataPoints(histogramPoint(summary.takeSnapshot(), series, delta, now).addAllAttributes(attributes(meter)));
            return true;
        }
        double value;
        boolean delta;
        if (meter instanceof Counter counter) {
            value = counter.count();
            delta = temporality != TelemetryConfig.Temporality.CUMULATIVE;
        } else if (meter instanceof FunctionCounter counter) {
            value = counter.count();
            delta = temporality == TelemetryConfig.Temporality.DELTA;
        } else if (meter instanceof Gauge gauge) {
            value = gauge.value();
            delta = false;
        } else {
            return false;
        }
        if (Double.isNaN(value)) {
            return false;
        }
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setTimeUnixNano(now).addAllAttributes(attributes(meter));
        point.setStartTimeUnixNano(delta ? series.lastNanos : series.startNanos);
        double reported = delta ? value - series.value : value;
        // otelcol's instruments are integers but for the two in seconds (process uptime and CPU time).
        if (instrument.unit().equals("s")) {
            point.setAsDouble(reported);
        } else {
            point.setAsInt(Math.round(reported));
        }
        series.value = value;
        series.lastNanos = now;
        switch (instrument.kind()) {
            case GAUGE -> metric.getGaugeBuilder().addDataPoints(point);
            case UP_DOWN_COUNTER -> metric.getSumBuilder().setIsMonotonic(false).setAggregationTemporality(temporality(false))
                    .addDataPoints(point);
            default -> metric.getSumBuilder().setIsMonotonic(true).setAggregationTemporality(temporality(delta)).addDataPoints(point);
        }
        return true;
    }

    /** Micrometer's cumulative counts at each bound become OTLP's per-bucket counts, the last one above every bound. */
    private static HistogramDataPoint.Builder histogramPoint(HistogramSnapshot snapshot, Series series, boolean delta, long now) {
        CountAtBucket[] atBounds = snapshot.histogramCounts();
        long[] buckets = new long[atBounds.length + 1];
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setTimeUnixNano(now);
        long below = 0;
        for (int i = 0; i < atBounds.length; i++) {
            long cumulative = (long) atBounds[i].count();
            buckets[i] = cumulative - below;
            below = cumulative;
            point.addExplicitBounds(atBounds[i].bucket());
        }
        // Recording goes on while the snapshot is taken: the total may lag the buckets by a value or two.
        long count = Math.max(snapshot.count(), below);
        buckets[atBounds.length] = count - below;
        long[] previous = series.buckets.length == buckets.length ? series.buckets : new long[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            point.addBucketCounts(delta ? buckets[i] - previous[i] : buckets[i]);
        }
        point.setStartTimeUnixNano(delta ? series.lastNanos : series.startNanos)
                .setCount(delta ? count - series.count : count)
                .setSum(delta ? snapshot.total() - series.sum : snapshot.total());
        series.buckets = buckets;
        series.count = count;
        series.sum = snapshot.total();
        series.lastNanos = now;
        return point;
    }

    private Iterable<KeyValue> attributes(Meter meter) {
        return meter.getId().getTags().stream().filter(tag -> !prometheusOnly.contains(tag.getKey()))
                .map(tag -> attribute(tag.getKey(), tag.getValue())).toList();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static AggregationTemporality temporality(boolean delta) {
        return delta ? AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA : AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
