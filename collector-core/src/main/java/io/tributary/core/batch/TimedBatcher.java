package io.tributary.core.batch;

import io.tributary.core.data.SignalData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A {@link BatchBuffer} with a timeout, shared by the batch processor and the exporters' sending
 * queue batcher: batches that reach the minimum size go out on the adding thread; what is
 * buffered goes out once the oldest of it has waited {@code timeout} (0: nothing waits, inputs are
 * only capped), from a timer that hands the flush to a worker because flushing may block. Time
 * comes from {@code nanoTime} and tests call {@link #flushIfDue} themselves.
 *
 * @param <D> the signal's data
 * @param <S> what a source is (see {@link BatchBuffer})
 */
public final class TimedBatcher<D extends SignalData<D, ?>, S> {
    /** Why batches went out: the size was reached (or no waiting is configured), or the timeout passed (or shutdown). */
    public enum Trigger { SIZE, TIMEOUT }

    /** Takes batches that are ready. */
    @FunctionalInterface
    public interface Flush<D, S> {
        /**
         * Called under the batcher's lock, in order, as batches leave the buffer and before any
         * of them is flushed, so a source can be counted in all its batches before one of them
         * ends; {@code stillBuffered} says whether a source has items left in the buffer.
         */
        default void leaving(List<BatchBuffer.Batch<D, S>> batches, Predicate<S> stillBuffered) {
        }

        /** Called without the batcher's lock held. */
        void flush(List<BatchBuffer.Batch<D, S>> batches, Trigger trigger);
    }

    private final BatchBuffer<D, S> buffer;
    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final Flush<D, S> flush;
    private final Object lock = new Object();
    private long dueNanos;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    public TimedBatcher(BatchBuffer<D, S> buffer, Duration timeout, LongSupplier nanoTime, ScheduledExecutorService scheduler,
            Executor workers, Flush<D, S> flush) {
        this.buffer = buffer;
        this.timeoutNanos = timeout.toNanos();
        this.nanoTime = nanoTime;
        this.scheduler = scheduler;
        this.workers = workers;
        this.flush = flush;
    }

    /** Buffers {@code data}; flushes, on this thread, the batches that are full. After {@link #shutdown} nothing is buffered. */
    public void add(D data, S source) {
        List<BatchBuffer.Batch<D, S>> ready;
        synchronized (lock) {
            if (stopped || timeoutNanos == 0) {
                ready = buffer.passThrough(data, source);
            } else {
                boolean wasEmpty = buffer.isEmpty();
                ready = buffer.add(data, source);
                if (wasEmpty || !ready.isEmpty() && !buffer.isEmpty()) {
                    startWaiting(); // a new oldest input: the first into an empty buffer, or the remainder kept
                }
                if (ready.isEmpty()) {
                    return;
                }
            }
            flush.leaving(ready, buffer::holds);
        }
        flush.flush(ready, Trigger.SIZE);
    }

    /** Flushes what is buffered if its timeout has passed at {@code now}; otherwise waits on. Called by the timer. */
    public void flushIfDue(long now) {
        List<BatchBuffer.Batch<D, S>> ready;
        synchronized (lock) {
            if (buffer.isEmpty()) {
                return;
            }
            if (now - dueNanos < 0) {
                armTimer(dueNanos - now);
                return;
            }
            ready = buffer.takeAll();
            flush.leaving(ready, buffer::holds);
        }
        flush.flush(ready, Trigger.TIMEOUT);
    }

    /** Flushes what is buffered, then passes later inputs straight on. Idempotent. */
    public void shutdown() {
        List<BatchBuffer.Batch<D, S>> ready;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (timer != null) {
                timer.cancel(false);
            }
            ready = buffer.takeAll();
            flush.leaving(ready, buffer::holds);
        }
        if (!ready.isEmpty()) {
            flush.flush(ready, Trigger.TIMEOUT);
        }
    }

    /** Guarded by lock. */
    private void startWaiting() {
        dueNanos = nanoTime.getAsLong() + timeoutNanos;
        armTimer(timeoutNanos);
    }

    /** Guarded by lock: at most one timer is pending; a timer that fires early re-arms itself. */
    private void armTimer(long delayNanos) {
        if (timer == null) {
            timer = scheduler.schedule(this::onTimer, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Flushing may block, so it runs on a worker rather than the shared scheduler thread. */
    private void onTimer() {
        synchronized (lock) {
            timer = null;
        }
        try {
            workers.execute(() -> flushIfDue(nanoTime.getAsLong()));
        } catch (RejectedExecutionException e) {
            flushIfDue(nanoTime.getAsLong());
        }
    }
}
