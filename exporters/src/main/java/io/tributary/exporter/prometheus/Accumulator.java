package io.tributary.exporter.prometheus;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
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
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.tributary.translator.AttributeJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * otelcol's last-value accumulator: one data point per series, the latest, kept until
 * {@code metric_expiration} passes without an update (on the component clock). A series is the
 * metric's name and type, its scope (name, version, schema URL, attributes), the point's
 * attributes and the resource's {@code job} and {@code instance}; other resource attributes do not
 * tell series apart (the last resource seen is kept).
 *
 * <p>As otelcol: a point older than the kept one is ignored; a point flagged "no recorded value"
 * removes its series (and ends the metric's other points). Sums: cumulative kept as they come; a
 * monotonic delta whose start is the kept point's time is added to it (else it starts over); a
 * non-monotonic delta, or a sum of unspecified temporality, is dropped. Histograms (explicit and
 * exponential): a delta whose start is the kept point's time is merged into it, one that starts
 * later starts over, one that starts earlier is dropped; unspecified temporality keeps only the
 * first point. Merged points keep neither exemplars nor flags.
 */
final class Accumulator {
    /** Resource attributes that name the job and instance, as otelcol maps them. */
    static final String SERVICE_NAME = "service.name";
    static final String SERVICE_NAMESPACE = "service.namespace";
    static final String SERVICE_INSTANCE_ID = "service.instance.id";

    /**
     * One series as kept: {@code metric} holds its single data point, with the metric's name,
     * description and unit (not its metadata).
     */
    record Accumulated(Metric metric, List<KeyValue> resource, InstrumentationScope scope, String scopeSchemaUrl, Instant updated) {
    }

    private final Clock clock;
    private final Duration expiration;
    /** By series signature, in the order first seen; guarded by {@code this}. */
    private final Map<String, Accumulated> series = new LinkedHashMap<>();

    Accumulator(Clock clock, Duration expiration) {
        this.clock = clock;
        this.expiration = expiration;
    }

    /** Keeps the points of {@code resourceMetrics}; returns how many were kept. */
    synchronized int accumulate(ResourceMetrics resourceMetrics) {
        Instant now = clock.instant();
        List<KeyValue> resource = resourceMetrics.getResource().getAttributesList();
        int kept = 0;
        for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
            Origin origin = new Origin(resource, scopeMetrics.getScope(), scopeMetrics.getSchemaUrl(), now);
            for (Metric metric : scopeMetrics.getMetricsList()) {
                kept += switch (metric.getDataCase()) {
                    case GAUGE -> accumulateGauge(metric, origin);
                    case SUM -> accumulateSum(metric, origin);
                    case HISTOGRAM -> accumulateHistogram(metric, origin);
                    case EXPONENTIAL_HISTOGRAM -> accumulateExponentialHistogram(metric, origin);
                    case SUMMARY -> accumulateSummary(metric, origin);
                    case DATA_NOT_SET -> 0;
                };
            }
        }
        return kept;
    }

    /** The series updated within {@code metric_expiration}; the others are forgotten. */
    synchronized List<Accumulated> collect() {
        Instant oldest = clock.instant().minus(expiration);
        List<Accumulated> live = new ArrayList<>(series.size());
        for (Iterator<Accumulated> it = series.values().iterator(); it.hasNext(); ) {
            Accumulated accumulated = it.next();
            if (accumulated.updated().isBefore(oldest)) {
                it.remove();
            } else {
                live.add(accumulated);
            }
        }
        return live;
    }

    /** Where the points of one scope came from, and when they arrived. */
    private record Origin(List<KeyValue> resource, InstrumentationScope scope, String schemaUrl, Instant now) {
    }

    private int accumulateGauge(Metric metric, Origin origin) {
        int kept = 0;
        for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
            String signature = signature(metric, origin, point.getAttributesList());
            if (noRecordedValue(point.getFlags())) {
                series.remove(signature);
                return 0;
            }
            Optional<Metric> previous = previous(signature);
            if (previous.isPresent() && point.getTimeUnixNano() < previous.get().getGauge().getDataPoints(0).getTimeUnixNano()) {
                continue;
            }
            store(signature, header(metric).setGauge(Gauge.newBuilder().addDataPoints(point)), origin);
            kept++;
        }
        return kept;
    }

    private int accumulateSum(Metric metric, Origin origin) {
        Sum sum = metric.getSum();
        AggregationTemporality temporality = sum.getAggregationTemporality();
        boolean delta = temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
        if (temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED || (delta && !sum.getIsMonotonic())) {
            return 0;
        }
        int kept = 0;
        for (NumberDataPoint point : sum.getDataPointsList()) {
            String signature = signature(metric, origin, point.getAttributesList());
            if (noRecordedValue(point.getFlags())) {
                series.remove(signature);
                return 0;
            }
            Optional<Metric> previous = previous(signature);
            NumberDataPoint next = point;
            if (previous.isPresent()) {
                NumberDataPoint last = previous.get().getSum().getDataPoints(0);
                if (point.getTimeUnixNano() < last.getTimeUnixNano()) {
                    continue;
                }
                if (delta && point.getStartTimeUnixNano() == last.getTimeUnixNano()) {
                    next = added(point, last);
                }
            }
            store(signature, header(metric).setSum(Sum.newBuilder().setIsMonotonic(sum.getIsMonotonic())
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).addDataPoints(next)), origin);
            kept++;
        }
        return kept;
    }

    /** A delta point added to the cumulative one before it, in the delta's value type (as pdata reads the other type: zero). */
    private static NumberDataPoint added(NumberDataPoint delta, NumberDataPoint last) {
        NumberDataPoint.Builder sum = delta.toBuilder().setStartTimeUnixNano(last.getStartTimeUnixNano());
        switch (delta.getValueCase()) {
            case AS_INT -> sum.setAsInt(delta.getAsInt() + last.getAsInt());
            case AS_DOUBLE -> sum.setAsDouble(delta.getAsDouble() + last.getAsDouble());
            default -> {
            }
        }
        return sum.build();
    }

    private int accumulateHistogram(Metric metric, Origin origin) {
        Histogram histogram = metric.getHistogram();
        int kept = 0;
        for (HistogramDataPoint point : histogram.getDataPointsList()) {
            String signature = signature(metric, origin, point.getAttributesList());
            if (noRecordedValue(point.getFlags())) {
                series.remove(signature);
                return 0;
            }
            Optional<Metric> previous = previous(signature);
            HistogramDataPoint next = point;
            if (previous.isPresent()) {
                HistogramDataPoint last = previous.get().getHistogram().getDataPoints(0);
                switch (histogram.getAggregationTemporality()) {
                    case AGGREGATION_TEMPORALITY_DELTA -> {
                        if (point.getStartTimeUnixNano() == last.getTimeUnixNano()) {
                            next = HistogramMerge.explicit(last, point);
                        } else if (point.getStartTimeUnixNano() <= last.getTimeUnixNano()) {
                            continue; // overlaps what is kept: a second writer, or a replay
                        }
                    }
                    case AGGREGATION_TEMPORALITY_CUMULATIVE -> {
                        if (point.getTimeUnixNano() < last.getTimeUnixNano()) {
                            continue;
                        }
                    }
                    default -> {
                        continue;
                    }
                }
            }
            store(signature, header(metric).setHistogram(Histogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).addDataPoints(next)), origin);
            kept++;
        }
        return kept;
    }

    private int accumulateExponentialHistogram(Metric metric, Origin origin) {
        ExponentialHistogram histogram = metric.getExponentialHistogram();
        int kept = 0;
        for (ExponentialHistogramDataPoint point : histogram.getDataPointsList()) {
            String signature = signature(metric, origin, point.getAttributesList());
            if (noRecordedValue(point.getFlags())) {
                series.remove(signature);
                return 0;
            }
            Optional<Metric> previous = previous(signature);
            ExponentialHistogramDataPoint next = point;
            if (previous.isPresent()) {
                ExponentialHistogramDataPoint last = previous.get().getExponentialHistogram().getDataPoints(0);
                switch (histogram.getAggregationTemporality()) {
                    case AGGREGATION_TEMPORALITY_DELTA -> {
                        if (point.getStartTimeUnixNano() == last.getTimeUnixNano()) {
                            next = HistogramMerge.exponential(last, point);
                        } else if (point.getStartTimeUnixNano() <= last.getTimeUnixNano()) {
                            continue;
                        }
                    }
                    case AGGREGATION_TEMPORALITY_CUMULATIVE -> {
                        if (point.getTimeUnixNano() < last.getTimeUnixNano()) {
                            continue;
                        }
                    }
                    default -> {
                        continue;
                    }
                }
            }
            store(signature, header(metric).setExponentialHistogram(ExponentialHistogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).addDataPoints(next)), origin);
            kept++;
        }
        return kept;
    }

    private int accumulateSummary(Metric metric, Origin origin) {
        int kept = 0;
        for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
            String signature = signature(metric, origin, point.getAttributesList());
            if (noRecordedValue(point.getFlags())) {
                series.remove(signature);
                return 0;
            }
            Optional<Metric> previous = previous(signature);
            if (previous.isPresent() && point.getTimeUnixNano() < previous.get().getSummary().getDataPoints(0).getTimeUnixNano()) {
                continue;
            }
            store(signature, header(metric).setSummary(Summary.newBuilder().addDataPoints(point)), origin);
            kept++;
        }
        return kept;
    }

    private Optional<Metric> previous(String signature) {
        return Optional.ofNullable(series.get(signature)).map(Accumulated::metric);
    }

    private void store(String signature, Metric.Builder metric, Origin origin) {
        series.put(signature, new Accumulated(metric.build(), origin.resource(), origin.scope(), origin.schemaUrl(), origin.now()));
    }

    /** What otelcol copies of a metric besides its point: name, description, unit. */
    private static Metric.Builder header(Metric metric) {
        return Metric.newBuilder().setName(metric.getName()).setDescription(metric.getDescription()).setUnit(metric.getUnit());
    }

    private static boolean noRecordedValue(int flags) {
        return (flags & DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE) != 0;
    }

    /** otelcol's series key: metric name and type, scope, the point's attributes and the resource's job and instance. */
    private static String signature(Metric metric, Origin origin, List<KeyValue> attributes) {
        StringBuilder signature = new StringBuilder(metric.getName()).append('*').append(metric.getDataCase()).append('*')
                .append(origin.scope().getName()).append('*').append(origin.scope().getVersion()).append('*')
                .append(origin.schemaUrl()).append('*');
        appendSorted(signature, origin.scope().getAttributesList());
        appendSorted(signature, attributes);
        job(origin.resource()).ifPresent(job -> signature.append("job*").append(job).append('*'));
        instance(origin.resource()).ifPresent(instance -> signature.append("instance*").append(instance).append('*'));
        return signature.toString();
    }

    private static void appendSorted(StringBuilder signature, List<KeyValue> attributes) {
        attributes.stream().map(kv -> kv.getKey() + "*" + AttributeJson.asString(kv.getValue())).sorted()
                .forEach(pair -> signature.append(pair).append('*'));
    }

    /** The {@code job} label: {@code service.namespace/service.name}, or {@code service.name} alone. */
    static Optional<String> job(List<KeyValue> resource) {
        return value(resource, SERVICE_NAME).map(name -> value(resource, SERVICE_NAMESPACE).map(ns -> ns + "/" + name).orElse(name));
    }

    /** The {@code instance} label: {@code service.instance.id}. */
    static Optional<String> instance(List<KeyValue> resource) {
        return value(resource, SERVICE_INSTANCE_ID);
    }

    private static Optional<String> value(List<KeyValue> attributes, String key) {
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals(key)) {
                return Optional.of(AttributeJson.asString(attribute.getValue()));
            }
        }
        return Optional.empty();
    }
}
