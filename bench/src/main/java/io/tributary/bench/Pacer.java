package io.tributary.bench;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A fixed schedule of sends, {@code perSecond} on average: the n-th send is due n intervals after
 * the first. A send made a little late (the sender lost the CPU for a moment) does not move the
 * schedule: the ones it held up follow at once, so the rate holds on average. A sender held up
 * longer than {@link #MAX_LAG} (most often: the endpoint is slower than the rate and every
 * request allowed in flight is out) forgets what it owes and starts the schedule afresh, so a
 * stall before a measurement window is not paid back inside it as a burst above the rate.
 * A rate of 0 makes every send due at once (unpaced). Used by one sender thread.
 */
final class Pacer {
    static final Duration MAX_LAG = Duration.ofMillis(100);

    private final LongSupplier nanoClock;
    private final double intervalNanos;
    private long anchorNanos;
    /** Sends made since {@link #anchorNanos}. */
    private long sent;

    /** Starts the schedule now: the first send is due at once. */
    Pacer(double perSecond, LongSupplier nanoClock) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rate must be 0 (unpaced) or positive, got " + perSecond);
        }
        this.nanoClock = nanoClock;
        this.intervalNanos = perSecond == 0 ? 0 : 1e9 / perSecond;
        this.anchorNanos = nanoClock.getAsLong();
    }

    /** How long until the next send is due; zero or less when it is due now. */
    long nanosUntilDue() {
        long now = nanoClock.getAsLong();
        long until = anchorNanos + (long) (sent * intervalNanos) - now;
        if (-until > MAX_LAG.toNanos() && intervalNanos > 0) {
            anchorNanos = now;
            sent = 0;
            return 0;
        }
        return until;
    }

    /** Counts the send that was due: the next one is due an interval after it. */
    void sent() {
        sent++;
    }
}
