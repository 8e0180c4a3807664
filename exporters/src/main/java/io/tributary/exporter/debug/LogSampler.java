package io.tributary.exporter.debug;

import java.time.Clock;

/** Per one-second window: the first {@code initial} events pass, then every {@code thereafter}-th. */
final class LogSampler {
    private final int initial;
    private final int thereafter;
    private final Clock clock;
    private long window = Long.MIN_VALUE;
    private long count;

    LogSampler(int initial, int thereafter, Clock clock) {
        this.initial = initial;
        this.thereafter = thereafter;
        this.clock = clock;
    }

    synchronized boolean sample() {
        long second = Math.floorDiv(clock.millis(), 1000);
        if (second != window) {
            window = second;
            count = 0;
        }
        count++;
        if (count <= initial) {
            return true;
        }
        return thereafter > 0 && (count - initial) % thereafter == 0;
    }
}
