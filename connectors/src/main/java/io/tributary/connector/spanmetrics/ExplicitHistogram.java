package io.tributary.connector.spanmetrics;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;

/**
 * Durations in explicit buckets: bucket i counts the values in (bounds[i-1], bounds[i]], the
 * last one those above every bound, as otelcol's binary search places them. No min or max, as otelcol.
 */
final class ExplicitHistogram extends Series {
    private final double[] bounds;
    private final long[] buckets;
    private long count;
    private double sum;

    ExplicitHistogram(double[] bounds, List<KeyValue> attributes, long startUnixNano, boolean overflow, int maxExemplars) {
        super(attributes, startUnixNano, overflow, maxExemplars);
        this.bounds = bounds;
        this.buckets = new long[bounds.length + 1];
    }

    @Override
    void record(double duration, long spans) {
        sum += duration * spans;
        count += spans;
        buckets[bucket(duration)] += spans;
    }

    /** The first bound at or above the value (Go's {@code sort.SearchFloat64s}), or past the last. */
    private int bucket(double value) {
        int low = 0;
        int high = bounds.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (bounds[middle] >= value) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    @Override
    void writePoint(Metric.Builder metric, long start, long time, boolean cumulative) {
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder()
                .addAllAttributes(attributes)
                .setStartTimeUnixNano(start)
                .setTimeUnixNano(time)
                .setCount(count)
                .setSum(sum);
        for (double bound : bounds) {
            point.addExplicitBounds(bound);
        }
        for (long bucket : buckets) {
            point.addBucketCounts(bucket);
        }
        if (exemplars != null) {
            point.addAllExemplars(exemplars.stamped(time));
        }
        metric.getHistogramBuilder().addDataPoints(point);
    }
}
