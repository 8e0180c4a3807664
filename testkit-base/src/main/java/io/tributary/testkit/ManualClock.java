package io.tributary.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when a test moves it. One reading serves both kinds of seam: a
 * {@link Clock} for wall time and {@link #nanoTime()} for code that takes a
 * {@code LongSupplier} of {@code System.nanoTime()}.
 */
public final class ManualClock extends Clock {
    /** An arbitrary start, so no test depends on the real date. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong epochNanos;
    private final long stepNanos;

    /** Stands at {@link #START} until advanced. */
    public ManualClock() {
        this(START, Duration.ZERO);
    }

    private ManualClock(Instant start, Duration step) {
        this.epochNanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano());
        this.stepNanos = step.toNanos();
    }

    /** A clock that reads {@code start}, then moves {@code step} after every reading: each reading is a new instant. */
    public static ManualClock ticking(Instant start, Duration step) {
        return new ManualClock(start, step);
    }

    public void advance(Duration duration) {
        epochNanos.addAndGet(duration.toNanos());
    }

    /** The time in nanoseconds, for a {@code LongSupplier} that stands for {@code System.nanoTime()}. */
    public long nanoTime() {
        return epochNanos.getAndAdd(stepNanos);
    }

    @Override
    public Instant instant() {
        long nanos = nanoTime();
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
