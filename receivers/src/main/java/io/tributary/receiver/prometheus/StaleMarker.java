package io.tributary.receiver.prometheus;

/**
 * Prometheus' staleness marker: the NaN with this exact bit pattern, appended for a series that
 * a scrape no longer returns. Any other NaN is an ordinary value.
 */
final class StaleMarker {
    static final long BITS = 0x7ff0000000000002L;
    static final double VALUE = Double.longBitsToDouble(BITS);

    private StaleMarker() {
    }

    static boolean is(double value) {
        return Double.doubleToRawLongBits(value) == BITS;
    }
}
