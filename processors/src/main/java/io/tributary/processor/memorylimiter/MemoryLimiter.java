package io.tributary.processor.memorylimiter;

import io.tributary.core.component.ComponentId;
import io.tributary.processor.memorylimiter.MemoryLimiterConfig.Limits;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory check shared by every pipeline's instance of one {@code memory_limiter} (as otelcol
 * shares one per config, so several pipelines do not force several collections). Every
 * {@code check_interval}, on its own daemon thread, it reads the heap (see {@link JvmHeap}) and
 * follows otelcol's rules: at or above the soft limit it refuses data; above it, it also forces a
 * collection at most every {@code min_gc_interval_when_soft_limited}, and at or above the hard
 * limit at most every {@code min_gc_interval_when_hard_limited}; each collection that frees less
 * than 5% and leaves the heap above the soft limit doubles both waits (from the larger of the
 * minimum and 95% of the check interval, up to the {@code max_gc_interval_*} caps), and any drop
 * resets them. Data flows again once the heap is below the soft limit.
 *
 * <p>The hot path reads one volatile boolean; everything else happens on the check thread, so the
 * check's own fields need no lock. Each change between refusing and accepting is logged once.
 */
final class MemoryLimiter {
    private static final Logger log = LoggerFactory.getLogger(MemoryLimiter.class);
    /** The share of the heap a forced collection must free to count as effective, as otelcol's. */
    private static final int GC_EFFECTIVE_PERCENT = 5;

    private final ComponentId id;
    private final Heap heap;
    private final Limits limits;
    private final long checkIntervalNanos;
    private final long minSoftGcNanos;
    private final long minHardGcNanos;
    private final long maxSoftGcNanos;
    private final long maxHardGcNanos;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;

    private volatile boolean refusing;

    // Check-thread state (and start(), which runs before the timer).
    private long lastGcNanos;
    private long lastUsed;
    private long softGcBackoffNanos;
    private long hardGcBackoffNanos;

    private int users;

    /**
     * @param timer   runs the periodic check; the limiter owns it and shuts it down with its last user
     * @param nanoTime the clock that paces forced collections
     */
    MemoryLimiter(ComponentId id, MemoryLimiterConfig config, Heap heap, ScheduledExecutorService timer, LongSupplier nanoTime) {
        this.id = id;
        this.heap = heap;
        this.limits = config.limits(heap.maxBytes());
        this.checkIntervalNanos = config.checkInterval().toNanos();
        this.minSoftGcNanos = config.minGcIntervalWhenSoftLimited().toNanos();
        this.minHardGcNanos = config.minGcIntervalWhenHardLimited().toNanos();
        this.maxSoftGcNanos = config.maxGcIntervalWhenSoftLimited().toNanos();
        this.maxHardGcNanos = config.maxGcIntervalWhenHardLimited().toNanos();
        this.timer = timer;
        this.nanoTime = nanoTime;
        this.lastGcNanos = nanoTime.getAsLong();
        if (config.limitMib() == 0) {
            log.info("{}: using percentage memory limiter: max_heap_mib={} limit_percentage={} spike_limit_percentage={}",
                    id, mib(heap.maxBytes()), config.limitPercentage(), config.spikeLimitPercentage());
        }
        log.info("{}: memory limiter configured: limit_mib={} spike_limit_mib={} check_interval={}ms",
                id, mib(limits.hard()), mib(limits.spike()), config.checkInterval().toMillis());
        if (limits.soft() >= heap.maxBytes()) {
            log.warn("{}: the soft limit ({} MiB) is not below the JVM's max heap ({} MiB), so the heap runs out before "
                    + "data is refused; lower limit_mib or raise -Xmx", id, mib(limits.soft()), mib(heap.maxBytes()));
        }
    }

    /** Whether data must be refused now: one volatile read. */
    boolean refusing() {
        return refusing;
    }

    /** Starts checking (the first check runs now, so a heap that is already full is guarded from the first request). */
    synchronized void start() {
        if (users++ == 0) {
            check();
            timer.scheduleWithFixedDelay(this::checkSafely, checkIntervalNanos, checkIntervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops checking once every user has stopped. @return true when that was the last user */
    synchronized boolean stop() {
        if (users == 0 || --users > 0) {
            return false;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** One check, as otelcol's {@code CheckMemLimits}. */
    void check() {
        long used = heap.usedBytes();
        log.debug("{}: currently used memory: cur_mem_mib={}", id, mib(used));
        boolean aboveSoft = classify(used, false);
        if (aboveSoft) {
            boolean aboveHard = used >= limits.hard();
            long wait = aboveHard ? Math.max(minHardGcNanos, hardGcBackoffNanos) : Math.max(minSoftGcNanos, softGcBackoffNanos);
            if (nanoTime.getAsLong() - lastGcNanos > wait) {
                if (aboveHard) {
                    log.warn("{}: memory usage is above hard limit; forcing a GC: cur_mem_mib={}", id, mib(used));
                } else {
                    log.info("{}: memory usage is above soft limit; forcing a GC: cur_mem_mib={}", id, mib(used));
                }
                used = collect();
                aboveSoft = classify(used, true);
            }
        }
        if (aboveSoft && !refusing) {
            log.warn("{}: memory usage is above soft limit; refusing data: cur_mem_mib={}", id, mib(used));
        } else if (!aboveSoft && refusing) {
            log.info("{}: memory usage back within limits; resuming normal operation: cur_mem_mib={}", id, mib(used));
        }
        refusing = aboveSoft;
    }

    /** The timer's task: a failed check must not cancel the schedule, so it is logged and the next one runs. */
    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.error("{}: memory check failed", id, e);
        }
    }

    private long collect() {
        heap.collect();
        lastGcNanos = nanoTime.getAsLong();
        long used = heap.usedBytes();
        log.info("{}: memory usage after GC: cur_mem_mib={}", id, mib(used));
        return used;
    }

    /**
     * Whether {@code used} is at or above the soft limit, keeping otelcol's GC backoff: a reading
     * below the soft limit or 5% below the previous one resets it; after a forced collection that
     * achieved neither ({@code afterGc}), both paths' waits grow.
     */
    private boolean classify(long used, boolean afterGc) {
        boolean aboveSoft = used >= limits.soft();
        boolean dropped = !aboveSoft || used <= lastUsed / 100 * (100 - GC_EFFECTIVE_PERCENT);
        lastUsed = used;
        if (dropped) {
            softGcBackoffNanos = 0;
            hardGcBackoffNanos = 0;
        } else if (afterGc) {
            softGcBackoffNanos = nextBackoff(softGcBackoffNanos, minSoftGcNanos, maxSoftGcNanos);
            hardGcBackoffNanos = nextBackoff(hardGcBackoffNanos, minHardGcNanos, maxHardGcNanos);
            log.warn("{}: forced GC did not reclaim enough memory; backing off GC frequency to preserve CPU for recovery: "
                            + "next_soft_gc_interval={}ms next_hard_gc_interval={}ms cur_mem_mib={}",
                    id, softGcBackoffNanos / 1_000_000, hardGcBackoffNanos / 1_000_000, mib(used));
        }
        return aboveSoft;
    }

    /**
     * The next wait after an ineffective collection: pinned to the minimum when the cap is 0, else
     * doubled from at least the minimum or 95% of the check interval (so a wait of "every check"
     * still passes the strict elapsed-time test on the next tick), capped.
     */
    private long nextBackoff(long current, long min, long max) {
        if (max == 0) {
            return min;
        }
        long floor = Math.max(min, checkIntervalNanos / 100 * 95);
        return Math.min(Math.max(current, floor) * 2, Math.max(max, min));
    }

    private static long mib(long bytes) {
        return bytes / Limits.MIB;
    }
}
