package io.tributary.processor.batch;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.BatchMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otelcol's batch processor. Incoming batches are buffered as they are (encoded batches are
 * concatenated, never decoded) and sent on when they add up to {@code send_batch_size} spans, on
 * the caller's thread, or when the oldest has waited {@code timeout}, from a timer. Batches above
 * {@code send_batch_max_size} are split. Sends are serialized, as in otelcol's single sending
 * goroutine; a send the next consumer refuses is logged and its spans counted as dropped.
 */
final class BatchProcessor implements Processor {
    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

    private enum Trigger { SIZE, TIMEOUT }

    private final ComponentId id;
    private final TracesConsumer next;
    private final int sendBatchSize;
    private final int sendBatchMaxSize;
    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final BatchMetrics metrics;

    private final Object lock = new Object();
    /** Held while handing batches to {@code next}, so shutdown returns only after every send it raced with. */
    private final Object sendLock = new Object();
    private final List<Traces> pending = new ArrayList<>();
    private int pendingSpans;
    private long dueNanos;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    BatchProcessor(ComponentContext context, BatchConfig config, TracesConsumer next, LongSupplier nanoTime) {
        this.id = context.id();
        this.next = next;
        this.sendBatchSize = config.sendBatchSize();
        this.sendBatchMaxSize = config.sendBatchMaxSize();
        this.timeoutNanos = config.timeout().toNanos();
        this.nanoTime = nanoTime;
        this.scheduler = context.scheduler();
        this.workers = context.workers();
        this.metrics = context.telemetry().batch(id);
    }

    @Override
    public void consume(Traces traces) {
        if (traces.isEmpty()) {
            return;
        }
        List<Traces> ready;
        synchronized (lock) {
            if (stopped || timeoutNanos == 0) {
                ready = capped(traces);
            } else {
                if (pending.isEmpty()) {
                    startWaiting();
                }
                pending.add(traces);
                pendingSpans += traces.spanCount();
                if (pendingSpans < sendBatchSize) {
                    return;
                }
                ready = takeFullBatches();
            }
        }
        send(ready, Trigger.SIZE);
    }

    /** Sends what is buffered if its timeout has passed at {@code now}; otherwise waits on. Called by the timer. */
    void flushIfDue(long now) {
        List<Traces> ready;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            if (now - dueNanos < 0) {
                armTimer(dueNanos - now);
                return;
            }
            ready = takeAll();
        }
        send(ready, Trigger.TIMEOUT);
    }

    /** Sends what is buffered, then passes later batches straight on. Idempotent. */
    @Override
    public void shutdown() {
        List<Traces> ready;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (timer != null) {
                timer.cancel(false);
            }
            ready = pending.isEmpty() ? List.of() : takeAll();
        }
        send(ready, Trigger.TIMEOUT);
    }

    /** Guarded by lock: the first batch in an empty buffer starts the wait. */
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

    /** Sending may block on the next consumer, so it runs on a worker rather than the shared scheduler thread. */
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

    /**
     * Guarded by lock: the buffer as batches of at most {@code send_batch_max_size}; a last part
     * smaller than {@code send_batch_size} stays buffered and waits a full timeout again.
     */
    private List<Traces> takeFullBatches() {
        List<Traces> ready = takeAll();
        Traces last = ready.get(ready.size() - 1);
        if (ready.size() > 1 && last.spanCount() < sendBatchSize) {
            pending.add(last);
            pendingSpans = last.spanCount();
            startWaiting();
            return ready.subList(0, ready.size() - 1);
        }
        return ready;
    }

    /** Guarded by lock. */
    private List<Traces> takeAll() {
        Traces merged = pending.size() == 1 ? pending.get(0) : Traces.concat(List.copyOf(pending));
        pending.clear();
        pendingSpans = 0;
        return capped(merged);
    }

    private List<Traces> capped(Traces traces) {
        return sendBatchMaxSize > 0 && traces.spanCount() > sendBatchMaxSize
                ? traces.split(sendBatchMaxSize)
                : List.of(traces);
    }

    private void send(List<Traces> batches, Trigger trigger) {
        synchronized (sendLock) {
            for (Traces batch : batches) {
                int spans = batch.spanCount();
                if (trigger == Trigger.SIZE) {
                    metrics.sentOnSize(spans);
                } else {
                    metrics.sentOnTimeout(spans);
                }
                try {
                    next.consume(batch);
                } catch (RuntimeException e) {
                    metrics.dropped(spans);
                    log.warn("{}: the next consumer refused a batch of {} spans; they are dropped: {}",
                            id, spans, e.toString());
                }
            }
        }
    }
}
