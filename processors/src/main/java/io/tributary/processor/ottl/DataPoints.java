package io.tributary.processor.ottl;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;

/**
 * A metric's data points whatever its type: a gauge's or sum's {@code NumberDataPoint}s, a
 * histogram's, an exponential histogram's or a summary's own point type. What the
 * {@code datapoint} context, the datapoint functions and the filter read and cut.
 */
public final class DataPoints {
    private DataPoints() {
    }

    /** The metric's data points; none for a metric without data. */
    public static List<? extends Message> of(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsList();
            case SUM -> metric.getSum().getDataPointsList();
            case HISTOGRAM -> metric.getHistogram().getDataPointsList();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList();
            case SUMMARY -> metric.getSummary().getDataPointsList();
            case DATA_NOT_SET -> List.of();
        };
    }

    /** The metric with {@code points}, which are some of its own, in place of its data points. */
    @SuppressWarnings("unchecked")
    public static Metric with(Metric metric, List<? extends Message> points) {
        Metric.Builder builder = metric.toBuilder();
        switch (metric.getDataCase()) {
            case GAUGE -> builder.getGaugeBuilder().clearDataPoints().addAllDataPoints((List<NumberDataPoint>) points);
            case SUM -> builder.getSumBuilder().clearDataPoints().addAllDataPoints((List<NumberDataPoint>) points);
            case HISTOGRAM -> builder.getHistogramBuilder().clearDataPoints().addAllDataPoints((List<HistogramDataPoint>) points);
            case EXPONENTIAL_HISTOGRAM -> builder.getExponentialHistogramBuilder().clearDataPoints()
                    .addAllDataPoints((List<ExponentialHistogramDataPoint>) points);
            case SUMMARY -> builder.getSummaryBuilder().clearDataPoints().addAllDataPoints((List<SummaryDataPoint>) points);
            case DATA_NOT_SET -> {
                // nothing to replace
            }
        }
        return builder.build();
    }

    /** A data point's attributes, of whichever point type. */
    static List<KeyValue> attributes(Message point) {
        if (point instanceof NumberDataPoint number) {
            return number.getAttributesList();
        }
        if (point instanceof HistogramDataPoint histogram) {
            return histogram.getAttributesList();
        }
        if (point instanceof ExponentialHistogramDataPoint exponential) {
            return exponential.getAttributesList();
        }
        return ((SummaryDataPoint) point).getAttributesList();
    }
}
