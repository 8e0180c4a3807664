package io.tributary.bench;

import java.util.Arrays;

/** Keeps every latency of a measurement window (tens of thousands, not millions) for exact percentiles. */
final class LatencyRecorder {
    private long[] nanos = new long[1 << 14];
    private int size;

    synchronized void record(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    /** The latency at or below which {@code percent} % of the recorded ones fall; 0 when none. */
    synchronized long percentile(double percent) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * size);
        return sorted[Math.max(0, rank - 1)];
    }
}
