package io.tributary.testkit;

import static io.tributary.testkit.TestTraces.attribute;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
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
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP metric data for tests: one metric of each type with a given number of data points, each
 * point marked with its index in attribute {@code point} and with the fields its type has set
 * (exemplars with trace context, buckets, quantiles), so that what arrives can be compared whole.
 */
public final class TestMetrics {
    private static final long START = 1_700_000_000_000_000_000L;

    private TestMetrics() {
    }

    public static Metric gauge(String name, int points) {
        Gauge.Builder gauge = Gauge.newBuilder();
        for (int i = 0; i < points; i++) {
            gauge.addDataPoints(NumberDataPoint.newBuilder().addAttributes(point(i)).setTimeUnixNano(START + i)
                    .setAsDouble(i + 0.5).addExemplars(exemplar(i)));
        }
        return Metric.newBuilder().setName(name).setUnit("1").setGauge(gauge).build();
    }

    public static Metric sum(String name, int points, boolean monotonic, AggregationTemporality temporality) {
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(monotonic).setAggregationTemporality(temporality);
        for (int i = 0; i < points; i++) {
            sum.addDataPoints(NumberDataPoint.newBuilder().addAttributes(point(i)).setStartTimeUnixNano(START)
                    .setTimeUnixNano(START + i).setAsInt(i * 10L));
        }
        return Metric.newBuilder().setName(name).setDescription("a sum").setSum(sum).build();
    }

    public static Metric histogram(String name, int points) {
        Histogram.Builder histogram = Histogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        for (int i = 0; i < points; i++) {
            histogram.addDataPoints(HistogramDataPoint.newBuilder().addAttributes(point(i)).setTimeUnixNano(START + i)
                    .setCount(3).setSum(6.5).setMin(1).setMax(4).addAllExplicitBounds(List.of(1.0, 5.0))
                    .addAllBucketCounts(List.of(1L, 2L, 0L)).addExemplars(exemplar(i)));
        }
        return Metric.newBuilder().setName(name).setUnit("ms").setHistogram(histogram).build();
    }

    public static Metric exponentialHistogram(String name, int points) {
        ExponentialHistogram.Builder histogram = ExponentialHistogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (int i = 0; i < points; i++) {
            histogram.addDataPoints(ExponentialHistogramDataPoint.newBuilder().addAttributes(point(i))
                    .setTimeUnixNano(START + i).setCount(5).setSum(12).setScale(-2).setZeroCount(1).setZeroThreshold(0.001)
                    .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-3).addAllBucketCounts(List.of(1L, 300L)))
                    .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(2).addBucketCounts(1)));
        }
        return Metric.newBuilder().setName(name).setExponentialHistogram(histogram).build();
    }

    public static Metric summary(String name, int points) {
        Summary.Builder summary = Summary.newBuilder();
        for (int i = 0; i < points; i++) {
            summary.addDataPoints(SummaryDataPoint.newBuilder().addAttributes(point(i)).setTimeUnixNano(START + i)
                    .setCount(4).setSum(10).addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(2))
                    .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(1).setValue(4)));
        }
        return Metric.newBuilder().setName(name).setSummary(summary).build();
    }

    /** One metric of every type, {@code points} data points each: {@code 5 * points} in all. */
    public static List<Metric> everyType(int points) {
        return List.of(gauge("g", points), sum("s", points, true, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE),
                histogram("h", points), exponentialHistogram("e", points), summary("q", points));
    }

    public static ScopeMetrics scope(String name, List<Metric> metrics) {
        return ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName(name)).addAllMetrics(metrics).build();
    }

    public static ResourceMetrics resource(String service, ScopeMetrics... scopes) {
        return ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                .addAllScopeMetrics(List.of(scopes)).build();
    }

    /** The one metric named {@code name} in scope {@code scope} of any resource of the request; fails unless there is exactly one. */
    public static Metric metric(ExportMetricsServiceRequest request, String scope, String name) {
        List<Metric> found = request.getResourceMetricsList().stream()
                .flatMap(resourceMetrics -> resourceMetrics.getScopeMetricsList().stream())
                .filter(scopeMetrics -> scopeMetrics.getScope().getName().equals(scope))
                .flatMap(scopeMetrics -> scopeMetrics.getMetricsList().stream())
                .filter(metric -> metric.getName().equals(name))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " metrics " + name + " in scope " + scope + ", expected 1");
        }
        return found.get(0);
    }

    public static ExportMetricsServiceRequest request(ResourceMetrics... resources) {
        return ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics(List.of(resources)).build();
    }

    /**
     * Every data point's {@code point} index with its metric's name, in order, as
     * {@code name#index}: for checking that splitting and batching keep each point once and in order.
     */
    public static List<String> points(List<ResourceMetrics> resources) {
        List<String> points = new ArrayList<>();
        for (ResourceMetrics resource : resources) {
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    List<List<KeyValue>> attributes = switch (metric.getDataCase()) {
                        case GAUGE -> metric.getGauge().getDataPointsList().stream().map(NumberDataPoint::getAttributesList).toList();
                        case SUM -> metric.getSum().getDataPointsList().stream().map(NumberDataPoint::getAttributesList).toList();
                        case HISTOGRAM -> metric.getHistogram().getDataPointsList().stream().map(HistogramDataPoint::getAttributesList).toList();
                        case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList().stream()
                                .map(ExponentialHistogramDataPoint::getAttributesList).toList();
                        case SUMMARY -> metric.getSummary().getDataPointsList().stream().map(SummaryDataPoint::getAttributesList).toList();
                        case DATA_NOT_SET -> List.of();
                    };
                    attributes.forEach(point -> points.add(metric.getName() + "#" + point.get(0).getValue().getIntValue()));
                }
            }
        }
        return points;
    }

    private static KeyValue point(int index) {
        return attribute("point", AnyValue.newBuilder().setIntValue(index));
    }

    private static Exemplar exemplar(int index) {
        byte[] traceId = new byte[16];
        traceId[15] = (byte) (index + 1);
        return Exemplar.newBuilder().setTimeUnixNano(START + index).setAsDouble(index).setTraceId(ByteString.copyFrom(traceId))
                .setSpanId(TestTraces.spanId(index)).addFilteredAttributes(attribute("user", "u" + index)).build();
    }
}
