package io.tributary.connector.expohisto;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import java.util.Arrays;

/**
 * Durations in an exponential histogram, bucketed as otelcol's {@code spanmetrics} and
 * {@code servicegraph} connectors bucket them (lightstep go-expohisto): it starts at scale 20 and,
 * when a value would make the positive buckets span {@code max_size} or more, lowers the scale just enough to fit, merging buckets. Indexes are computed as its
 * mappings compute them: exact powers of two fall in the bucket below at positive scales, and
 * {@link StrictMath#log} is fdlibm's logarithm, the one Go's {@code math.Log} ports. Durations are
 * never negative, so the negative buckets stay empty. Not thread-safe.
 */
public final class ExponentialHistogram {
    private static final int DEFAULT_MAX_SIZE = 160;
    private static final int MIN_SIZE = 2;
    private static final int MAX_MAX_SIZE = 16384;
    private static final int MAX_SCALE = 20;
    private static final int MIN_NORMAL_EXPONENT = -1022;
    private static final int MAX_NORMAL_EXPONENT = 1023;
    private static final long SIGNIFICAND_MASK = (1L << 52) - 1;
    /** Go's {@code math.Log2E} as a float64. */
    private static final double LOG2E = 1.4426950408889634;

    private final int maxSize;
    private long count;
    private long zeroCount;
    private double sum;
    private double min;
    private double max;
    private int scale = MAX_SCALE;
    /** counts[i] is bucket {@code indexStart + i}; null until a value above zero arrives. */
    private long[] counts;
    private int indexStart;
    private int indexEnd;

    /** An empty histogram of the configured {@code max_size}, held as go-expohisto holds it ({@link #effectiveMaxSize}). */
    public ExponentialHistogram(int configuredMaxSize) {
        this.maxSize = effectiveMaxSize(configuredMaxSize);
    }

    /** go-expohisto's size from the configured one: 0 or less is the default, others are held within [2, 16384]. */
    static int effectiveMaxSize(int configured) {
        return configured <= 0 ? DEFAULT_MAX_SIZE : Math.max(MIN_SIZE, Math.min(MAX_MAX_SIZE, configured));
    }

    /** Counts this duration {@code times} times (a sampled span may stand for several). */
    public void record(double duration, long times) {
        if (count == 0) {
            min = duration;
            max = duration;
        } else {
            min = Math.min(min, duration);
            max = Math.max(max, duration);
        }
        count += times;
        if (duration == 0) {
            zeroCount += times;
            return;
        }
        sum += duration * times;
        int index = index(duration, scale);
        if (counts != null) {
            int low = Math.min(index, indexStart);
            int high = Math.max(index, indexEnd);
            if (high - low >= maxSize) {
                int change = 0;
                while (high - low >= maxSize) {
                    high >>= 1;
                    low >>= 1;
                    change++;
                }
                downscale(change);
                index = index(duration, scale);
            }
        }
        increment(index, times);
    }

    private void increment(int index, long times) {
        if (counts == null) {
            counts = new long[1];
            indexStart = index;
            indexEnd = index;
        } else if (index < indexStart) {
            int shift = indexStart - index;
            long[] grown = new long[capacity(indexEnd - index + 1)];
            System.arraycopy(counts, 0, grown, shift, indexEnd - indexStart + 1);
            counts = grown;
            indexStart = index;
        } else if (index > indexEnd) {
            if (index - indexStart + 1 > counts.length) {
                counts = Arrays.copyOf(counts, capacity(index - indexStart + 1));
            }
            indexEnd = index;
        }
        counts[index - indexStart] += times;
    }

    /** go-expohisto grows its buckets to a power of two, at most {@code max_size}. */
    private int capacity(int needed) {
        return Math.min(maxSize, needed <= 1 ? 1 : Integer.highestOneBit(needed - 1) << 1);
    }

    /** Lowers the scale by {@code change}: bucket i becomes bucket i >> change, counts added up. */
    private void downscale(int change) {
        int newStart = indexStart >> change;
        int newEnd = indexEnd >> change;
        long[] merged = new long[capacity(newEnd - newStart + 1)];
        for (int index = indexStart; index <= indexEnd; index++) {
            merged[(index >> change) - newStart] += counts[index - indexStart];
        }
        counts = merged;
        indexStart = newStart;
        indexEnd = newEnd;
        scale -= change;
    }

    /** The bucket of a positive value at {@code scale}: go-expohisto's logarithm mapping above 0, its exponent mapping at 0 and below. */
    static int index(double value, int scale) {
        long bits = Double.doubleToRawLongBits(value);
        if (scale > 0) {
            if (value <= Double.MIN_NORMAL) {
                return (MIN_NORMAL_EXPONENT << scale) - 1;
            }
            if ((bits & SIGNIFICAND_MASK) == 0) {
                return (Math.getExponent(value) << scale) - 1;
            }
            int index = (int) Math.floor(StrictMath.log(value) * Math.scalb(LOG2E, scale));
            return Math.min(index, ((MAX_NORMAL_EXPONENT + 1) << scale) - 1);
        }
        int shift = -scale;
        if (value < Double.MIN_NORMAL) {
            return (MIN_NORMAL_EXPONENT >> shift) - (shift < 2 ? 1 : 0);
        }
        int correction = (int) (((bits & SIGNIFICAND_MASK) - 1) >> 52);
        return (Math.getExponent(value) + correction) >> shift;
    }

    /** Sets the point's count, sum, zero count, scale, buckets and, when it counted anything, min and max. */
    public void writeTo(ExponentialHistogramDataPoint.Builder point) {
        ExponentialHistogramDataPoint.Buckets.Builder positive = ExponentialHistogramDataPoint.Buckets.newBuilder();
        if (counts != null) {
            positive.setOffset(indexStart);
            for (int i = 0; i <= indexEnd - indexStart; i++) {
                positive.addBucketCounts(counts[i]);
            }
        }
        point.setCount(count)
                .setSum(sum)
                .setZeroCount(zeroCount)
                // go-expohisto reports scale 0 while it holds only zeros
                .setScale(count == zeroCount ? 0 : scale)
                .setPositive(positive)
                .setNegative(ExponentialHistogramDataPoint.Buckets.getDefaultInstance());
        if (count != 0) {
            point.setMin(min).setMax(max);
        }
    }
}
