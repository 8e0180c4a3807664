package io.tributary.connector.servicegraph;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.tributary.connector.expohisto.ExponentialHistogram;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One series' cumulative latencies on one side of its edges, in seconds, and the data point
 * otelcol makes of them: an explicit-bucket histogram point or, with
 * {@code exponential_histogram_max_size} other than 0, an exponential one (without explicit
 * buckets). Not thread-safe.
 */
sealed interface Latencies {
    void record(double seconds);

    /** Adds this side's cumulative point, with the series' attributes, to the latency metric. */
    void addPoint(Metric.Builder metric, List<KeyValue> attributes, long startNanos, long timeNanos);

    /**
     * Makes the latencies the config asks for. As in otelcol, any {@code exponential_histogram_max_size}
     * but 0 makes them exponential, even beside {@code latency_histogram_buckets} (a negative size is
     * then go-expohisto's default, 160).
     */
    static Supplier<Latencies> of(int exponentialHistogramMaxSize, double[] bounds) {
        if (exponentialHistogramMaxSize != 0) {
            return () -> new Exponential(exponentialHistogramMaxSize);
        }
        List<Double> boundList = Arrays.stream(bounds).boxed().toList();
        double[] ownBounds = bounds.clone();
        return () -> new Explicit(ownBounds, boundList);
    }

    final class Explicit implements Latencies {
        private final double[] bounds;
        private final List<Double> boundList;
        private final long[] buckets;
        private long count;
        private double sum;

        private Explicit(double[] bounds, List<Double> boundList) {
            this.bounds = bounds;
            this.boundList = boundList;
            this.buckets = new long[bounds.length + 1];
        }

        @Override
        public void record(double seconds) {
            buckets[bucket(seconds)]++;
            count++;
            sum += seconds;
        }

        /**
         * The index of the first bound not below {@code value}: Go's {@code sort.SearchFloat64s}, the
         * same binary search, so that also bounds configured out of order bucket as in otelcol.
         */
        private int bucket(double value) {
            int low = 0;
            int high = bounds.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (bounds[middle] < value) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        @Override
        public void addPoint(Metric.Builder metric, List<KeyValue> attributes, long startNanos, long timeNanos) {
            HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().addAllAttributes(attributes)
                    .setStartTimeUnixNano(startNanos).setTimeUnixNano(timeNanos).addAllExplicitBounds(boundList)
                    .setCount(count).setSum(sum);
            for (long bucketCount : buckets) {
                point.addBucketCounts(bucketCount);
            }
            metric.getHistogramBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(point);
        }
    }

    final class Exponential implements Latencies {
        private final ExponentialHistogram histogram;

        private Exponential(int maxSize) {
            this.histogram = new ExponentialHistogram(maxSize);
        }

        @Override
        public void record(double seconds) {
            histogram.record(seconds, 1);
        }

        @Override
        public void addPoint(Metric.Builder metric, List<KeyValue> attributes, long startNanos, long timeNanos) {
            ExponentialHistogramDataPoint.Builder point = ExponentialHistogramDataPoint.newBuilder().addAllAttributes(attributes)
                    .setStartTimeUnixNano(startNanos).setTimeUnixNano(timeNanos);
            histogram.writeTo(point);
            metric.getExponentialHistogramBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).addDataPoints(point);
        }
    }
}
