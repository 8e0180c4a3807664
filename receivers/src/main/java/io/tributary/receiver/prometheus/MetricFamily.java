package io.tributary.receiver.prometheus;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The samples of one metric family in one scrape, grouped into data points and written as one
 * OTLP metric, as otelcol's prometheusreceiver does: a counter is a monotonic cumulative Sum, a
 * gauge or untyped family a Gauge, a histogram a cumulative Histogram (its {@code _bucket},
 * {@code _sum}, {@code _count} samples one point), a summary a Summary, info and stateset a
 * non-monotonic Sum. A {@code _created} sample gives the point's start time (otherwise there is
 * none: otelcol v0.148 leaves start times to the {@code metricstarttime} processor). A staleness
 * marker becomes a point flagged as having no recorded value.
 */
final class MetricFamily {
    /** The OTLP shape a Prometheus type becomes. */
    enum Shape { SUM, GAUGE, HISTOGRAM, SUMMARY, OTHER }

    /** Labels that never become data point attributes, by shape. */
    private static final Set<String> NOT_ATTRIBUTES = Set.of(Labels.NAME, Labels.INSTANCE, Labels.SCHEME, Labels.METRICS_PATH,
            Labels.JOB, ScrapeTranslation.SCOPE_NAME, ScrapeTranslation.SCOPE_VERSION, ScrapeTranslation.SCOPE_SCHEMA_URL);
    private static final String TYPE_METADATA_KEY = "prometheus.type";
    private static final String TRACE_ID = "trace_id";
    private static final String SPAN_ID = "span_id";
    private static final int NO_RECORDED_VALUE = DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE;

    /** A family's metadata: its name as the exposition declared it, type, help and unit. */
    record FamilyMetadata(String family, String type, String help, String unit) {
    }

    /** A failed sample: otelcol logs it and goes on with the scrape. */
    static final class InvalidSampleException extends Exception {
        InvalidSampleException(String message) {
            super(message);
        }
    }

    /** One data point in the making: the samples of a family sharing their labels (but {@code le}/{@code quantile}). */
    private static final class Group {
        final SortedMap<String, String> labels;
        long timestampMs;
        double value;
        boolean hasValue;
        double sum;
        boolean hasSum;
        double count;
        boolean hasCount;
        double createdSeconds;
        /** Buckets (by upper bound) or quantiles, as {boundary, value}. */
        final List<double[]> boundaries = new ArrayList<>();
        final List<Exemplar> exemplars = new ArrayList<>();

        Group(SortedMap<String, String> labels, long timestampMs) {
            this.labels = labels;
            this.timestampMs = timestampMs;
        }

        boolean stale() {
            return StaleMarker.is(sum) || StaleMarker.is(count);
        }
    }

    final String name;
    final Shape shape;
    private final boolean monotonic;
    private final FamilyMetadata metadata;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    MetricFamily(String name, FamilyMetadata metadata) {
        this.name = name;
        this.metadata = metadata;
        this.shape = switch (metadata.type()) {
            case "counter", "info", "stateset" -> Shape.SUM;
            case "gauge", Exposition.Metadata.UNKNOWN -> Shape.GAUGE;
            case "histogram" -> Shape.HISTOGRAM;
            case "summary" -> Shape.SUMMARY;
            default -> Shape.OTHER;
        };
        this.monotonic = metadata.type().equals("counter");
    }

    /** Whether a sample named {@code sampleName}, not found by its own name, belongs to this family. */
    boolean includes(String sampleName) {
        String family = PrometheusNames.familyName(sampleName);
        return switch (shape) {
            case SUM -> family.equals(metadata.family());
            case GAUGE -> sampleName.equals(name);
            default -> family.equals(name);
        };
    }

    void add(String sampleName, SortedMap<String, String> labels, long timestampMs, double value) throws InvalidSampleException {
        Group group = groups.computeIfAbsent(groupKey(labels), key -> new Group(labels, timestampMs));
        if (group.timestampMs != timestampMs) {
            throw new InvalidSampleException("inconsistent timestamps on metric points for metric " + sampleName);
        }
        boolean created = sampleName.equals(metadata.family() + "_created");
        switch (shape) {
            case HISTOGRAM, SUMMARY -> {
                if (sampleName.endsWith("_sum")) {
                    group.sum = value;
                    group.hasSum = true;
                } else if (sampleName.endsWith("_count")) {
                    group.count = value;
                    group.hasCount = true;
                } else if (created) {
                    group.createdSeconds = value;
                } else {
                    group.boundaries.add(new double[] {boundary(labels), value});
                }
            }
            case SUM -> {
                if (created) {
                    group.createdSeconds = value;
                } else {
                    group.value = value;
                    group.hasValue = true;
                }
            }
            default -> {
                group.value = value;
                group.hasValue = true;
            }
        }
    }

    /** Attaches an exemplar to the point of the sample that carried it. */
    void addExemplar(SortedMap<String, String> labels, Exposition.Exemplar exemplar, long sampleTimestampMs) {
        Group group = groups.get(groupKey(labels));
        if (group == null) {
            return;
        }
        long timestampMs = exemplar.timestampMs() != null ? exemplar.timestampMs() : sampleTimestampMs;
        Exemplar.Builder out = Exemplar.newBuilder().setTimeUnixNano(timestampMs * 1_000_000L).setAsDouble(exemplar.value());
        exemplar.labels().forEach((key, value) -> {
            byte[] id = switch (key.toLowerCase(Locale.ROOT)) {
                case TRACE_ID -> hexId(value, 16);
                case SPAN_ID -> hexId(value, 8);
                default -> null;
            };
            if (id == null) {
                out.addFilteredAttributes(attribute(key, value));
            } else if (id.length == 16) {
                out.setTraceId(ByteString.copyFrom(id));
            } else {
                out.setSpanId(ByteString.copyFrom(id));
            }
        });
        group.exemplars.add(out.build());
    }

    /** This family as an OTLP metric, or null when it has no data point (a histogram without {@code _count}, say). */
    Metric toMetric(boolean trimSuffixes) {
        Metric.Builder metric = Metric.newBuilder()
                .setName(trimSuffixes ? PrometheusNames.trimSuffixes(name, shape == Shape.SUM, metadata.unit()) : name)
                .setDescription(metadata.help())
                .setUnit(PrometheusNames.ucum(metadata.unit()))
                .addMetadata(attribute(TYPE_METADATA_KEY, metadata.type()));
        int points;
        switch (shape) {
            case HISTOGRAM -> {
                Histogram.Builder histogram = Histogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                groups.values().stream().filter(g -> g.hasCount).forEach(g -> histogram.addDataPoints(histogramPoint(g)));
                points = histogram.getDataPointsCount();
                metric.setHistogram(histogram);
            }
            case SUMMARY -> {
                Summary.Builder summary = Summary.newBuilder();
                groups.values().stream().filter(g -> g.hasCount).forEach(g -> summary.addDataPoints(summaryPoint(g)));
                points = summary.getDataPointsCount();
                metric.setSummary(summary);
            }
            case SUM -> {
                Sum.Builder sum = Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .setIsMonotonic(monotonic);
                groups.values().stream().filter(g -> g.hasValue).forEach(g -> sum.addDataPoints(numberPoint(g, true)));
                points = sum.getDataPointsCount();
                metric.setSum(sum);
            }
            default -> {
                Gauge.Builder gauge = Gauge.newBuilder();
                groups.values().stream().filter(g -> g.hasValue).forEach(g -> gauge.addDataPoints(numberPoint(g, false)));
                points = gauge.getDataPointsCount();
                metric.setGauge(gauge);
            }
        }
        return points == 0 ? null : metric.build();
    }

    private NumberDataPoint numberPoint(Group group, boolean withStart) {
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setTimeUnixNano(nanos(group.timestampMs));
        if (withStart && group.createdSeconds != 0) {
            point.setStartTimeUnixNano(secondsToNanos(group.createdSeconds));
        }
        if (StaleMarker.is(group.value)) {
            point.setFlags(NO_RECORDED_VALUE);
        } else {
            point.setAsDouble(group.value);
        }
        return point.addAllAttributes(attributes(group.labels, Shape.GAUGE)).addAllExemplars(group.exemplars).build();
    }

    private HistogramDataPoint histogramPoint(Group group) {
        group.boundaries.sort(Comparator.comparingDouble(b -> b[0]));
        boolean stale = group.stale();
        List<double[]> buckets = group.boundaries;
        int bucketCount = buckets.size() + 1;
        // The +Inf bucket is the count, which OTLP carries apart.
        if (bucketCount > 1 && buckets.get(bucketCount - 2)[0] == Double.POSITIVE_INFINITY) {
            bucketCount--;
        }
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder();
        for (int i = 0; i < bucketCount - 1; i++) {
            point.addExplicitBounds(buckets.get(i)[0]);
            double cumulative = buckets.get(i)[1];
            // A stale point keeps its buckets, each zero: a NaN would not fit a count.
            point.addBucketCounts(stale ? 0 : count(i == 0 ? cumulative : cumulative - buckets.get(i - 1)[1]));
        }
        double last = bucketCount > 1 ? buckets.get(bucketCount - 2)[1] : 0;
        point.addBucketCounts(stale ? 0 : count(group.count - last));
        if (stale) {
            point.setFlags(NO_RECORDED_VALUE);
        } else {
            point.setCount(count(group.count));
            if (group.hasSum) {
                point.setSum(group.sum);
            }
        }
        if (group.createdSeconds != 0) {
            point.setStartTimeUnixNano(secondsToNanos(group.createdSeconds));
        }
        return point.setTimeUnixNano(nanos(group.timestampMs)).addAllAttributes(attributes(group.labels, Shape.HISTOGRAM))
                .addAllExemplars(group.exemplars).build();
    }

    private SummaryDataPoint summaryPoint(Group group) {
        group.boundaries.sort(Comparator.comparingDouble(b -> b[0]));
        boolean stale = group.stale();
        SummaryDataPoint.Builder point = SummaryDataPoint.newBuilder();
        if (stale) {
            point.setFlags(NO_RECORDED_VALUE);
        } else {
            if (group.hasSum) {
                point.setSum(group.sum);
            }
            point.setCount(count(group.count));
        }
        for (double[] quantile : group.boundaries) {
            SummaryDataPoint.ValueAtQuantile.Builder value = SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(quantile[0]);
            if (!stale) {
                value.setValue(quantile[1]);
            }
            point.addQuantileValues(value);
        }
        if (group.createdSeconds != 0) {
            point.setStartTimeUnixNano(secondsToNanos(group.createdSeconds));
        }
        return point.setTimeUnixNano(nanos(group.timestampMs)).addAllAttributes(attributes(group.labels, Shape.SUMMARY)).build();
    }

    /** The key of a sample's group: its labels but those that tell apart the samples of one point. */
    private String groupKey(SortedMap<String, String> labels) {
        StringBuilder key = new StringBuilder();
        labels.forEach((label, value) -> {
            if (!value.isEmpty() && !isNotAttribute(label, shape)) {
                key.append(label).append('\u0000').append(value).append('\u0000');
            }
        });
        return key.toString();
    }

    private static boolean isNotAttribute(String label, Shape shape) {
        return NOT_ATTRIBUTES.contains(label) || shape == Shape.HISTOGRAM && label.equals(Labels.BUCKET)
                || shape == Shape.SUMMARY && label.equals(Labels.QUANTILE);
    }

    private static List<KeyValue> attributes(SortedMap<String, String> labels, Shape shape) {
        List<KeyValue> attributes = new ArrayList<>(labels.size());
        labels.forEach((label, value) -> {
            if (!value.isEmpty() && !isNotAttribute(label, shape)) {
                attributes.add(attribute(label, value));
            }
        });
        return attributes;
    }

    private double boundary(SortedMap<String, String> labels) throws InvalidSampleException {
        String label = shape == Shape.HISTOGRAM ? Labels.BUCKET : Labels.QUANTILE;
        String value = labels.getOrDefault(label, "");
        if (value.isEmpty()) {
            throw new InvalidSampleException(shape == Shape.HISTOGRAM ? "'le' label on histogram metric is missing or empty"
                    : "'quantile' label on summary metric is missing or empty");
        }
        try {
            return PromFloats.parse(value);
        } catch (NumberFormatException e) {
            throw new InvalidSampleException(e.getMessage());
        }
    }

    static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /** An exemplar's trace or span ID from hex, right-aligned as otelcol decodes a short one; null when not hex. */
    private static byte[] hexId(String hex, int size) {
        String digits = hex.length() / 2 >= size ? hex.substring(0, 2 * size) : hex;
        if (digits.length() % 2 != 0) {
            return null;
        }
        try {
            byte[] decoded = HexFormat.of().parseHex(digits);
            byte[] id = new byte[size];
            System.arraycopy(decoded, 0, id, size - decoded.length, decoded.length);
            return id;
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    /** A float count as Go converts it; a negative one (a broken exposition) is 0. */
    private static long count(double value) {
        return value <= 0 || Double.isNaN(value) ? 0 : (long) value;
    }

    private static long nanos(long millis) {
        return millis * 1_000_000L;
    }

    /** As otelcol: whole seconds, then the fraction truncated to nanoseconds. */
    private static long secondsToNanos(double seconds) {
        long whole = (long) seconds;
        return whole * 1_000_000_000L + (long) ((seconds - whole) * 1e9);
    }
}
