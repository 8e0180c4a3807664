package io.tributary.processor.resourcedetection;

import java.time.Duration;

/** When one detection must be over: {@code timeout} after it began, as otelcol's context deadline. */
record Deadline(long endNanos) {
    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** What is left, zero when past. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }
}
