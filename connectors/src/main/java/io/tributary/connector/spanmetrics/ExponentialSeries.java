package io.tributary.connector.spanmetrics;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.tributary.connector.expohisto.ExponentialHistogram;
import java.util.List;

/** A series' durations in an exponential histogram. */
final class ExponentialSeries extends Series {
    private final ExponentialHistogram histogram;

    ExponentialSeries(int maxSize, List<KeyValue> attributes, long startUnixNano, boolean overflow, int maxExemplars) {
        super(attributes, startUnixNano, overflow, maxExemplars);
        this.histogram = new ExponentialHistogram(maxSize);
    }

    @Override
    void record(double duration, long spans) {
        histogram.record(duration, spans);
    }

    @Override
    void writePoint(Metric.Builder metric, long start, long time, boolean cumulative) {
        ExponentialHistogramDataPoint.Builder point = ExponentialHistogramDataPoint.newBuilder()
                .addAllAttributes(attributes)
                .setStartTimeUnixNano(start)
                .setTimeUnixNano(time);
        histogram.writeTo(point);
        if (exemplars != null) {
            point.addAllExemplars(exemplars.stamped(time));
        }
        metric.getExponentialHistogramBuilder().addDataPoints(point);
    }
}
