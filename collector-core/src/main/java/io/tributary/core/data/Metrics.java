package io.tributary.core.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.Schema;
import java.util.List;

/**
 * An immutable batch of metrics as OTLP {@code ResourceMetrics}: the metrics flavour of
 * {@link SignalData}. Its items are data points, as otelcol counts metrics (its
 * {@code DataPointCount}: every data point of every metric type), so batch sizes and the
 * {@code *_metric_points} metrics count them, and splitting cuts a metric between its points.
 */
public final class Metrics extends SignalData<Metrics, ResourceMetrics> {
    private static final OneofDescriptor DATA = Metric.getDescriptor().getOneofs().stream()
            .filter(oneof -> oneof.getName().equals("data")).findFirst().orElseThrow();

    private static final DataCodec<Metrics, ResourceMetrics> CODEC = new DataCodec<>(Schema.METRICS,
            ResourceMetrics.parser(), Metrics::new,
            request -> ExportMetricsServiceRequest.parseFrom(request).getResourceMetricsList(),
            entries -> ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics(entries).build().toByteString(),
            Metrics::dataPoints, EnvelopeWalker::metricDataPoints, metric -> dataPoints((Metric) metric), Metrics::slice);

    public static final Metrics EMPTY = CODEC.empty;

    private Metrics(ByteString encoded, List<ResourceMetrics> decoded, int dataPoints, int resourceMetrics,
            ClientInfo client, DecodedBefore<ResourceMetrics> decodedBefore) {
        super(encoded, decoded, dataPoints, resourceMetrics, client, decodedBefore);
    }

    @Override
    DataCodec<Metrics, ResourceMetrics> codec() {
        return CODEC;
    }

    private static int dataPoints(ResourceMetrics entry) {
        int points = 0;
        for (ScopeMetrics scope : entry.getScopeMetricsList()) {
            for (Metric metric : scope.getMetricsList()) {
                points += dataPoints(metric);
            }
        }
        return points;
    }

    static int dataPoints(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }

    /** The metric with only its data points [from, to), whichever its type: every type keeps them in field 1. */
    private static Message slice(Message item, int from, int to) {
        Metric metric = (Metric) item;
        FieldDescriptor dataField = metric.getOneofFieldDescriptor(DATA);
        Message data = (Message) metric.getField(dataField);
        FieldDescriptor points = data.getDescriptorForType().findFieldByNumber(Schema.MetricData.DATA_POINTS);
        Message.Builder part = data.toBuilder().clearField(points);
        for (Object point : ((List<?>) data.getField(points)).subList(from, to)) {
            part.addRepeatedField(points, point);
        }
        return metric.toBuilder().setField(dataField, part.build()).build();
    }

    /**
     * Wraps the wire bytes of an {@code ExportMetricsServiceRequest} after checking their
     * structure down to each field, as {@link Traces#parse} does (an exemplar's trace and span
     * IDs may be empty), counting data points.
     *
     * @throws InvalidOtlpException saying what is wrong and where
     */
    public static Metrics parse(ByteString request) throws InvalidOtlpException {
        return CODEC.parse(request);
    }

    public static Metrics of(List<ResourceMetrics> resourceMetrics) {
        return CODEC.of(resourceMetrics);
    }

    public static Metrics of(ExportMetricsServiceRequest request) {
        return of(request.getResourceMetricsList());
    }

    /** As {@link Traces#trusted}: bytes a component built itself from valid ones, with their counts. */
    public static Metrics trusted(ByteString request, int dataPointCount, int resourceMetricsCount) {
        return CODEC.trusted(request, dataPointCount, resourceMetricsCount);
    }

    /** As {@link Traces#concat}. */
    public static Metrics concat(List<Metrics> parts) {
        return CODEC.concat(parts);
    }

    public int dataPointCount() {
        return itemCount();
    }

    public List<ResourceMetrics> resourceMetrics() {
        return resourceEntries();
    }

    public ExportMetricsServiceRequest toRequest() {
        return ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics(resourceMetrics()).build();
    }
}
