package io.tributary.connector.expohisto;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import org.junit.jupiter.api.Test;

/** go-expohisto's bucket indexes and downscaling. */
class ExponentialHistogramTest {
    @Test
    void powersOfTwoFallInTheBucketBelowAtPositiveScales() {
        assertThat(ExponentialHistogram.index(1.0, 20)).isEqualTo(-1);
        assertThat(ExponentialHistogram.index(2.0, 20)).isEqualTo((1 << 20) - 1);
        assertThat(ExponentialHistogram.index(1.5, 1)).as("floor(2 log2 1.5)").isEqualTo(1);
        assertThat(ExponentialHistogram.index(Double.MIN_VALUE, 1)).isEqualTo((-1022 << 1) - 1);
    }

    @Test
    void atScaleZeroAndBelowABucketIsAPowerOfTwoWide() {
        assertThat(ExponentialHistogram.index(3.0, 0)).isEqualTo(1);
        assertThat(ExponentialHistogram.index(4.0, 0)).as("(2, 4]").isEqualTo(1);
        assertThat(ExponentialHistogram.index(Math.nextUp(4.0), 0)).isEqualTo(2);
        assertThat(ExponentialHistogram.index(4.0, -1)).isEqualTo(0);
        assertThat(ExponentialHistogram.index(1024.0, -2)).as("(2^9 .. 2^10] >> 2").isEqualTo(2);
    }

    @Test
    void aValueOutsideMaxSizeBucketsLowersTheScaleJustEnough() {
        ExponentialHistogram histogram = new ExponentialHistogram(4);
        for (double value : new double[] {1, 2, 3, 4, 8}) {
            histogram.record(value, 1);
        }
        ExponentialHistogramDataPoint.Builder point = ExponentialHistogramDataPoint.newBuilder();
        histogram.writeTo(point);

        assertThat(point.getScale()).isZero();
        assertThat(point.getPositive().getOffset()).isEqualTo(-1);
        assertThat(point.getPositive().getBucketCountsList()).as("(0.5, 1], (1, 2], (2, 4], (4, 8]").containsExactly(1L, 1L, 2L, 1L);
        assertThat(point.getSum()).isEqualTo(18.0);
    }

    @Test
    void onlyZerosReportScaleZeroAndNoBuckets() {
        ExponentialHistogram histogram = new ExponentialHistogram(160);
        histogram.record(0, 3);
        ExponentialHistogramDataPoint.Builder point = ExponentialHistogramDataPoint.newBuilder();
        histogram.writeTo(point);

        assertThat(point.getZeroCount()).isEqualTo(3);
        assertThat(point.getScale()).isZero();
        assertThat(point.getPositive().getBucketCountsCount()).isZero();
        assertThat(point.getMin()).isZero();
        assertThat(point.getMax()).isZero();
    }

    @Test
    void theConfiguredSizeIsHeldWithinGoExpohistosBounds() {
        assertThat(ExponentialHistogram.effectiveMaxSize(0)).isEqualTo(160);
        assertThat(ExponentialHistogram.effectiveMaxSize(-3)).isEqualTo(160);
        assertThat(ExponentialHistogram.effectiveMaxSize(1)).isEqualTo(2);
        assertThat(ExponentialHistogram.effectiveMaxSize(20_000)).isEqualTo(16_384);
    }
}
