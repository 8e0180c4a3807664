package io.tributary.exporter.prometheus;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint.Buckets;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.util.Arrays;

/**
 * A delta histogram point added to the cumulative point kept before it, as otelcol's accumulator
 * adds them. The result carries the counts, sum, bounds or buckets, times and attributes; not
 * exemplars, flags, or an explicit histogram's min and max.
 */
final class HistogramMerge {
    private HistogramMerge() {
    }

    /**
     * Counts, bucket counts and sums added when both points have the same bounds; otherwise the
     * newer point's alone (its bounds replace the old ones). The attributes and time are the
     * newer point's, the start the kept one's.
     */
    static HistogramDataPoint explicit(HistogramDataPoint previous, HistogramDataPoint current) {
        boolean currentIsOlder = current.getTimeUnixNano() < previous.getTimeUnixNano();
        HistogramDataPoint older = currentIsOlder ? current : previous;
        HistogramDataPoint newer = currentIsOlder ? previous : current;
        HistogramDataPoint.Builder merged = HistogramDataPoint.newBuilder()
                .setStartTimeUnixNano(previous.getStartTimeUnixNano())
                .addAllAttributes(newer.getAttributesList())
                .setTimeUnixNano(newer.getTimeUnixNano())
                .addAllExplicitBounds(newer.getExplicitBoundsList());
        if (older.getExplicitBoundsList().equals(newer.getExplicitBoundsList())) {
            merged.setCount(newer.getCount() + older.getCount()).setSum(newer.getSum() + older.getSum());
            for (int i = 0; i < newer.getBucketCountsCount(); i++) {
                merged.addBucketCounts(newer.getBucketCounts(i) + (i < older.getBucketCountsCount() ? older.getBucketCounts(i) : 0));
            }
        } else {
            merged.setCount(newer.getCount()).setSum(newer.getSum()).addAllBucketCounts(newer.getBucketCountsList());
        }
        return merged.build();
    }

    /**
     * Both points at the coarser of their scales and the larger zero threshold (buckets wholly
     * below it counted as zeros), their buckets, counts and zero counts added; the sum when both
     * have one; the lower minimum and higher maximum. Times and attributes as otelcol takes them.
     */
    static ExponentialHistogramDataPoint exponential(ExponentialHistogramDataPoint previous, ExponentialHistogramDataPoint current) {
        ExponentialHistogramDataPoint.Builder merged = ExponentialHistogramDataPoint.newBuilder();
        if (current.getTimeUnixNano() < previous.getTimeUnixNano()) {
            merged.setStartTimeUnixNano(current.getStartTimeUnixNano()).addAllAttributes(previous.getAttributesList())
                    .setTimeUnixNano(previous.getTimeUnixNano());
        } else {
            merged.setStartTimeUnixNano(previous.getStartTimeUnixNano()).addAllAttributes(current.getAttributesList())
                    .setTimeUnixNano(current.getTimeUnixNano());
        }
        int scale = Math.min(current.getScale(), previous.getScale());
        double zeroThreshold = Math.max(previous.getZeroThreshold(), current.getZeroThreshold());
        merged.setScale(scale).setZeroThreshold(zeroThreshold);

        Side previousPositive = Side.of(previous.getPositive()).downscaled(previous.getScale(), scale);
        Side previousNegative = Side.of(previous.getNegative()).downscaled(previous.getScale(), scale);
        Side currentPositive = Side.of(current.getPositive()).downscaled(current.getScale(), scale);
        Side currentNegative = Side.of(current.getNegative()).downscaled(current.getScale(), scale);

        long movedToZero = 0;
        if (zeroThreshold > previous.getZeroThreshold()) {
            Filtered filtered = previousPositive.aboveZeroThreshold(scale, zeroThreshold);
            previousPositive = filtered.side();
            movedToZero += filtered.zeroCount();
        }
        if (zeroThreshold > current.getZeroThreshold()) {
            Filtered filtered = currentPositive.aboveZeroThreshold(scale, zeroThreshold);
            currentPositive = filtered.side();
            movedToZero += filtered.zeroCount();
        }
        merged.setPositive(previousPositive.merge(currentPositive).toBuckets());
        merged.setNegative(previousNegative.merge(currentNegative).toBuckets());
        merged.setZeroCount(previous.getZeroCount() + current.getZeroCount() + movedToZero);
        merged.setCount(previous.getCount() + current.getCount());
        if (previous.hasSum() && current.hasSum()) {
            merged.setSum(previous.getSum() + current.getSum());
        }
        if (previous.hasMin() || current.hasMin()) {
            merged.setMin(previous.hasMin() && current.hasMin() ? Math.min(previous.getMin(), current.getMin())
                    : previous.hasMin() ? previous.getMin() : current.getMin());
        }
        if (previous.hasMax() || current.hasMax()) {
            merged.setMax(previous.hasMax() && current.hasMax() ? Math.max(previous.getMax(), current.getMax())
                    : previous.hasMax() ? previous.getMax() : current.getMax());
        }
        return merged.build();
    }

    /** One side's buckets: the index of the first and the counts from it. */
    private record Side(int offset, long[] counts) {
        static Side of(Buckets buckets) {
            return new Side(buckets.getOffset(), buckets.getBucketCountsList().stream().mapToLong(Long::longValue).toArray());
        }

        Buckets toBuckets() {
            return Buckets.newBuilder().setOffset(offset).addAllBucketCounts(Arrays.stream(counts).boxed().toList()).build();
        }

        /**
         * The buckets at a coarser scale, each {@code 2^(from - to)} of them folded into one. As
         * otelcol's downscaling does it in place, a first bucket whose index is not a multiple of
         * the factor is added to itself (counted twice).
         */
        Side downscaled(int fromScale, int toScale) {
            if (counts.length == 0 || fromScale <= toScale) {
                return this;
            }
            int factor = 1 << (fromScale - toScale);
            int newOffset = Math.floorDiv(offset, factor);
            int newLength = Math.floorDiv(offset + counts.length - 1, factor) - newOffset + 1;
            long[] folded = counts.clone();
            for (int i = 0; i < folded.length; i++) {
                int index = offset + i;
                int target = Math.floorDiv(index, factor) - newOffset;
                if (index % factor == 0) {
                    folded[target] = folded[i];
                } else {
                    folded[target] += folded[i];
                }
            }
            return new Side(newOffset, Arrays.copyOf(folded, newLength));
        }

        /**
         * Without the leading buckets whose upper bound, by otelcol's reckoning
         * ({@code 2^(scale + offset + i + 1)}), is at most the zero threshold; their counts move to
         * the zero bucket.
         */
        Filtered aboveZeroThreshold(int scale, double zeroThreshold) {
            if (counts.length == 0 || zeroThreshold <= 0) {
                return new Filtered(this, 0);
            }
            long zeroCount = 0;
            for (int i = 0; i < counts.length; i++) {
                if (Math.pow(2, scale + offset + i + 1) > zeroThreshold) {
                    return new Filtered(new Side(offset + i, Arrays.copyOfRange(counts, i, counts.length)), zeroCount);
                }
                zeroCount += counts[i];
            }
            return new Filtered(new Side(0, new long[0]), zeroCount);
        }

        /** Both sides' counts added bucket by bucket, over the union of their ranges. */
        Side merge(Side other) {
            if (counts.length == 0 && other.counts.length == 0) {
                return new Side(0, new long[0]);
            }
            if (counts.length == 0) {
                return other;
            }
            if (other.counts.length == 0) {
                return this;
            }
            int first = Math.min(offset, other.offset);
            int last = Math.max(offset + counts.length - 1, other.offset + other.counts.length - 1);
            long[] sum = new long[last - first + 1];
            for (int i = 0; i < counts.length; i++) {
                sum[offset + i - first] += counts[i];
            }
            for (int i = 0; i < other.counts.length; i++) {
                sum[other.offset + i - first] += other.counts[i];
            }
            return new Side(first, sum);
        }
    }

    private record Filtered(Side side, long zeroCount) {
    }
}
