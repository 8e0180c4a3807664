package io.tributary.connector.spanmetrics;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.util.List;

/** A monotonic sum of spans (the {@code calls} metric) or of span events (the {@code events} metric). */
final class CallCount extends Series {
    private long count;
    /**
     * otelcol writes a cumulative series' first point as 0 whatever it counted, so that Prometheus
     * does not lose the first increase; the count shows from the next flush on.
     */
    private boolean first = true;

    CallCount(List<KeyValue> attributes, long startUnixNano, boolean overflow, int maxExemplars) {
        super(attributes, startUnixNano, overflow, maxExemplars);
    }

    @Override
    void record(double duration, long spans) {
        count += spans;
    }

    @Override
    void writePoint(Metric.Builder metric, long start, long time, boolean cumulative) {
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder()
                .addAllAttributes(attributes)
                .setStartTimeUnixNano(start)
                .setTimeUnixNano(time);
        if (cumulative && first) {
            point.setAsInt(0);
            first = false;
        } else {
            point.setAsInt(count);
        }
        if (exemplars != null) {
            point.addAllExemplars(exemplars.stamped(time));
        }
        metric.getSumBuilder().addDataPoints(point);
    }
}
