package io.tributary.core.exporterhelper;

import io.tributary.core.batch.BatchBuffer;
import io.tributary.core.batch.TimedBatcher;
import io.tributary.core.component.ComponentId;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@code sending_queue::batch}, as otelcol's exporterhelper does it: one consumer thread takes
 * from the queue into a {@link TimedBatcher} (the batch processor's buffering), and the batches
 * go out on {@code num_consumers} sending threads, the consumer waiting for a free one. A queue
 * entry is done once every batch holding its items has ended: failed if one failed, not done at
 * all if one was kept in a persistent queue for after a restart.
 *
 * @param <D> the signal's data
 */
final class QueueBatcher<D extends SignalData<D, ?>> implements TimedBatcher.Flush<D, QueueBatcher<D>.Source> {
    private final Queue<D> queue;
    private final Function<D, SignalExporter.Outcome> send;
    private final TimedBatcher<D, Source> batcher;
    private final Semaphore idleSenders;
    private final ExecutorService senders;

    /** @param send sends one batch with retries and counts it in the metrics */
    QueueBatcher(ComponentId id, Signal<D> signal, Queue<D> queue, QueueBatchConfig config, int numSenders, LongSupplier nanoTime,
            ScheduledExecutorService scheduler, Executor workers, Function<D, SignalExporter.Outcome> send) {
        this.queue = queue;
        this.send = send;
        Sizer sizer = config.sizer();
        BatchBuffer<D, Source> buffer = new BatchBuffer<>(signal, sizer::sizeOf, config.minSize(), (int) config.maxSize());
        this.batcher = new TimedBatcher<>(buffer, config.flushTimeout(), nanoTime, scheduler, workers, this);
        this.idleSenders = new Semaphore(numSenders);
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(numSenders, task -> {
            Thread thread = new Thread(task, "exporter-" + id + "-" + signal + "-send-" + threads.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The consumer thread: batches what it takes until the queue is closed and drained, or until
     * shutdown abandons the queue (interrupting it); then flushes what is buffered and waits for
     * the sends, which shutdown's abandoning cuts short like any other.
     */
    void consume(CountDownLatch abandoned) {
        try {
            Queue.Taken<D> taken;
            while (abandoned.getCount() > 0 && (taken = queue.take()) != null) {
                batcher.add(taken.data(), new Source(taken));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batcher.shutdown();
        synchronized (this) { // after any flush still handing batches over
            senders.shutdown();
        }
        try {
            // Sends end within their timeout once shutdown abandons retries.
            senders.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Flushes what is buffered if its flush_timeout has passed at {@code now}; called by the timer. */
    void flushIfDue(long now) {
        batcher.flushIfDue(now);
    }

    @Override
    public void leaving(List<BatchBuffer.Batch<D, Source>> batches, Predicate<Source> stillBuffered) {
        for (BatchBuffer.Batch<D, Source> batch : batches) {
            batch.sources().forEach(Source::addBatch);
        }
        for (BatchBuffer.Batch<D, Source> batch : batches) {
            for (Source source : batch.sources()) {
                if (!stillBuffered.test(source)) {
                    source.leftBuffer();
                }
            }
        }
    }

    /** Serialized, so batches go out in order and the consumer shuts the senders down only after a timer's flush handed its batches over. */
    @Override
    public synchronized void flush(List<BatchBuffer.Batch<D, Source>> batches, TimedBatcher.Trigger trigger) {
        for (BatchBuffer.Batch<D, Source> batch : batches) {
            idleSenders.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    SignalExporter.Outcome outcome = send.apply(batch.data());
                    batch.sources().forEach(source -> source.release(outcome));
                } finally {
                    idleSenders.release();
                }
            });
        }
    }

    /**
     * A queue entry in the batcher: counts the batches holding its items, plus one while the
     * buffer still holds some, so it is done only when the last of them ended.
     */
    final class Source {
        private final Queue.Taken<D> taken;
        private int holders = 1;
        private boolean buffered = true;
        private SendException failure;
        private boolean kept;

        private Source(Queue.Taken<D> taken) {
            this.taken = taken;
        }

        private synchronized void addBatch() {
            holders++;
        }

        private void leftBuffer() {
            synchronized (this) {
                if (!buffered) {
                    return;
                }
                buffered = false;
            }
            release(null);
        }

        /** One holder let go: a batch that ended with {@code outcome}, or (null) the buffer. */
        private void release(SignalExporter.Outcome outcome) {
            boolean last;
            synchronized (this) {
                if (outcome != null) {
                    if (failure == null) {
                        failure = outcome.failure();
                    }
                    kept |= outcome.kept();
                }
                last = --holders == 0;
            }
            if (last && !kept) {
                queue.done(taken, failure);
            }
        }
    }
}
