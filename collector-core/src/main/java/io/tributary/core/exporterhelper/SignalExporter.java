package io.tributary.core.exporterhelper;

import io.tributary.config.Durations;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Kind;
import io.tributary.core.component.StorageExtension;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.telemetry.ExporterMetrics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporterhelper of one signal of an exporter, as otelcol builds one per signal: its sending
 * queue (in memory, or persistent in a storage client named by the signal) with its consumer
 * threads or batcher, retries, and the signal's {@code otelcol_exporter_*} metrics. The
 * {@link ExporterHelper} holds one per signal its pipelines carry and the one {@link Sender} they
 * share; shutting down runs in phases the helper calls on every signal's in turn, so the signals
 * drain side by side within one bound.
 *
 * @param <D> the signal's data
 */
final class SignalExporter<D extends SignalData<D, ?>> implements SignalConsumer<D> {
    private static final Logger log = LoggerFactory.getLogger(ExporterHelper.class);

    /** How sending one batch ended: sent, given up on (counted as failed), or kept for after a restart. */
    record Outcome(SendException failure, boolean kept) {
        static final Outcome SENT = new Outcome(null, false);
        static final Outcome KEPT = new Outcome(null, true);
        /** Given to the hand-back of {@link ExporterHelper#shutdown(Consumer)}: done, counted neither as sent nor as failed. */
        static final Outcome HANDED_BACK = new Outcome(null, false);
    }

    private final ComponentId id;
    private final Signal<D> signal;
    private final ExporterHelper.Settings settings;
    private final QueueConfig queueConfig;
    private final Sender sender;
    private final ComponentContext context;
    private final ExporterMetrics metrics;
    private volatile boolean stopping;
    /** Released when shutdown gives up on what is still being sent: retry waits end at once. */
    private final CountDownLatch abandoned = new CountDownLatch(1);
    /** Null without a queue; a persistent queue opens at start, when its storage extension runs. */
    private volatile Queue<D> queue;
    /** Null without {@code sending_queue::batch}; created at start with the queue's consumer. */
    private volatile QueueBatcher<D> batcher;
    private volatile List<Thread> consumers = List.of();
    /** Set by {@link #handBackTo}: where batches go from then on instead of being sent, kept or dropped. */
    private volatile Consumer<D> handBack;

    SignalExporter(ComponentContext context, Signal<D> signal, ExporterHelper.Settings settings, Sender sender) {
        this.id = context.id();
        this.signal = signal;
        this.settings = settings;
        this.queueConfig = settings.queue();
        this.sender = sender;
        this.context = context;
        boolean inMemory = queueConfig.enabled() && queueConfig.storage() == null;
        this.queue = inMemory ? new MemoryQueue<>(queueConfig.queueSize(), queueConfig.effectiveSizer(), queueConfig.blockOnOverflow()) : null;
        this.metrics = context.telemetry().exporter(id, signal, queueConfig.enabled() ? () -> {
            Queue<D> q = this.queue;
            return q == null ? 0 : q.size();
        } : null, queueConfig.queueSize());
    }

    /** Opens a persistent queue in {@code storage} and starts the consumer threads; the sender has started. */
    void start(StorageExtension storage) throws IOException {
        if (storage != null) {
            queue = PersistentQueue.open(signal, storage.open(Kind.EXPORTER, id, signal.id()), queueConfig.queueSize(),
                    queueConfig.effectiveSizer(), queueConfig.blockOnOverflow(), queueConfig.durableAck(), settings.segmentBytes(),
                    context.telemetry().queueCorruptRecords(id, signal));
        }
        int count = queueConfig.enabled() ? queueConfig.numConsumers() : 0;
        Runnable consumer = this::consumeQueue;
        if (queueConfig.enabled() && queueConfig.batch() != null) {
            // As otelcol: one consumer feeds the batcher, num_consumers threads send its batches.
            Queue<D> q = queue;
            QueueBatcher<D> queueBatcher = new QueueBatcher<>(id, signal, q, queueConfig.batch(), count, settings.nanoTime(),
                    context.scheduler(), context.workers(), data -> send(data, q.persistent()));
            batcher = queueBatcher;
            consumer = () -> queueBatcher.consume(abandoned);
            count = 1;
        }
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(consumer, "exporter-" + id + "-" + signal + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        consumers = List.copyOf(threads);
        threads.forEach(Thread::start);
    }

    /** The sending-queue batcher, for tests that drive its flush_timeout; null without {@code batch}. */
    QueueBatcher<D> batcher() {
        return batcher;
    }

    @Override
    public void consume(D data) {
        if (stopping) {
            throw new RetryableException("exporter " + id + " is shutting down");
        }
        Queue<D> q = queue;
        if (!queueConfig.enabled()) {
            sendNow(data);
            return;
        }
        if (q == null) {
            throw new RetryableException("exporter " + id + " has not started");
        }
        CompletableFuture<SendException> result = queueConfig.waitForResult() ? new CompletableFuture<>() : null;
        CallerContext caller = CallerContext.current();
        boolean accepted;
        try {
            // Queued batches wait as bytes: several times smaller than objects.
            accepted = q.offer(data.compact(), result == null ? Queue.Completion.NONE : result::complete, caller);
        } catch (IOException e) {
            metrics.enqueueFailed(data.itemCount());
            log.error("Exporter {}: cannot write {} {}s to the persistent queue: {}", id, data.itemCount(), signal.itemName(), e.toString());
            throw new RetryableException("sending queue of exporter " + id + " cannot write: " + e.getMessage(), null, false, e);
        }
        if (!accepted) {
            if (stopping) {
                throw new RetryableException("exporter " + id + " is shutting down");
            }
            metrics.enqueueFailed(data.itemCount());
            if (caller.gone()) {
                throw new RetryableException(
                        "sending queue of exporter " + id + " is full and the caller stopped waiting for room (deadline or cancellation)");
            }
            throw RetryableException.full("sending queue of exporter " + id + " is full");
        }
        if (result != null) {
            refuseOnFailure(awaitResult(result, caller));
        }
    }

    /** {@code wait_for_result}: the batch's outcome, or a retryable failure once the caller stops waiting. */
    private SendException awaitResult(CompletableFuture<SendException> result, CallerContext caller) {
        SendException stoppedWaiting = SendException.retryable(
                "the caller stopped waiting (deadline or cancellation) before exporter " + id + " sent the batch", null, null);
        try (CallerContext.Registration ignored = caller.onGone(() -> result.complete(stoppedWaiting))) {
            return result.join();
        }
    }

    /** Without a queue the caller waits for the outcome and learns how the backend refused. */
    private void sendNow(D data) {
        refuseOnFailure(send(data, false).failure());
    }

    /** Hands a send's failure back to the caller, classified as the backend classified it. */
    private static void refuseOnFailure(SendException failure) {
        if (failure == null) {
            return;
        }
        if (failure.retryable()) {
            throw new RetryableException(failure.getMessage(), failure.retryAfter().orElse(null), false, failure);
        }
        throw new PermanentException(failure.getMessage(), failure);
    }

    private void consumeQueue() {
        Queue<D> q = queue;
        try {
            Queue.Taken<D> taken;
            while (abandoned.getCount() > 0 && (taken = q.take()) != null) {
                Outcome outcome = send(taken.data(), q.persistent());
                if (!outcome.kept()) {
                    q.done(taken, outcome.failure());
                }
            }
        } catch (InterruptedException e) {
            // Abandoned at shutdown, which accounts for what is still queued.
        }
    }

    /**
     * Sends with retries, counting the outcome in the metrics (and logging a failure).
     *
     * @param keepOnShutdown whether a batch whose retries shutdown cuts short is kept (in a
     *                       persistent queue) rather than counted as failed
     */
    private Outcome send(D data, boolean keepOnShutdown) {
        RetryConfig retry = settings.retry();
        Instant giveUpAt = retry.maxElapsedTime().isZero() ? null : settings.clock().instant().plus(retry.maxElapsedTime());
        Backoff backoff = new Backoff(retry);
        while (true) {
            Consumer<D> to = handBack;
            if (to != null) {
                Thread.interrupted(); // the interrupt that cut this send short must not cut the hand-back's own waits
                to.accept(data);
                return Outcome.HANDED_BACK;
            }
            SendException failure = attempt(data);
            if (failure == null) {
                metrics.sent(data.itemCount());
                return Outcome.SENT;
            }
            if (handBack != null) {
                continue; // failed because the hand-back stopped the sender: hand it back
            }
            if (!failure.retryable()) {
                return drop(data, "not retryable error: ", failure);
            }
            if (!retry.enabled()) {
                return drop(data, "", failure);
            }
            // As otelcol: the server's requested delay is a floor under the backoff interval.
            Duration wait = backoff.next();
            if (failure.retryAfter().isPresent() && failure.retryAfter().get().compareTo(wait) > 0) {
                wait = failure.retryAfter().get();
            }
            if (giveUpAt != null && settings.clock().instant().plus(wait).isAfter(giveUpAt)) {
                return drop(data, "no more retries left: ", failure);
            }
            ComponentLog.of(log.atInfo(), Kind.EXPORTER, id, signal)
                    .addKeyValue("error", failure.getMessage())
                    .addKeyValue("interval", Durations.formatShort(wait))
                    .log("Exporting failed. Will retry the request after interval.");
            if (!pause(wait)) {
                if (handBack != null) {
                    continue;
                }
                if (keepOnShutdown) {
                    log.info("Exporter {}: shut down while waiting to retry; {} {}s stay in the persistent queue", id, data.itemCount(),
                            signal.itemName());
                    return Outcome.KEPT;
                }
                return drop(data, "interrupted due to shutdown: ", failure);
            }
        }
    }

    private SendException attempt(D data) {
        try {
            sender.send(signal, data, settings.timeout());
            return null;
        } catch (SendException e) {
            return e;
        } catch (RuntimeException e) {
            // A bug in the sender; retrying the same call would fail the same way.
            return SendException.permanent("sender failed: " + e, e);
        }
    }

    /** False when the wait was cut short because shutdown abandoned pending sends. */
    private boolean pause(Duration wait) {
        try {
            return !settings.sleeper().sleep(wait, abandoned) && abandoned.getCount() > 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Counts and logs a batch given up on, in otelcol's words; {@code reason} prefixes the error as otelcol's retry sender wraps it. */
    private Outcome drop(D data, String reason, SendException failure) {
        metrics.sendFailed(data.itemCount());
        // Without a queue the caller gets the error back: otelcol calls that rejecting, not dropping.
        boolean queued = queueConfig.enabled();
        ComponentLog.of(log.atError(), Kind.EXPORTER, id, signal)
                .addKeyValue("error", reason + failure.getMessage())
                .addKeyValue(queued ? "dropped_items" : "rejected_items", data.itemCount())
                .log(queued ? "Exporting failed. Dropping data." : "Exporting failed. Rejecting data.");
        return new Outcome(failure, false);
    }

    /*
     * Shutdown, in the phases ExporterHelper runs across its signals: close, drain, abandon, then
     * either release (count or keep what is left) or hand back.
     */

    /** Refuses further batches; the consumers go on with what is queued. */
    void close() {
        stopping = true;
        Queue<D> q = queue;
        if (q != null) {
            q.close();
        }
    }

    /** Waits until the consumers have drained the closed queue, or {@code deadlineNanos} ({@code System.nanoTime}) passes. */
    void awaitDrained(long deadlineNanos) {
        awaitConsumers(deadlineNanos);
    }

    /** Gives up on what is still being sent or waits for a retry: waits end, consumers are interrupted. */
    void abandon() {
        abandoned.countDown();
        consumers.forEach(Thread::interrupt);
    }

    /** From now on every batch whose send is cut short or fails goes to {@code to} instead. */
    void handBackTo(Consumer<D> to) {
        this.handBack = to;
    }

    /**
     * After {@link #abandon}: waits for the attempts in flight (each ends within its timeout) and
     * gives up the queue, counting what an in-memory queue loses as failed; a persistent one keeps it.
     */
    void release() {
        Queue<D> q = queue;
        if (q == null) {
            return;
        }
        awaitConsumers(System.nanoTime() + settings.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1));
        List<Queue.Taken<D>> left = q.release();
        int items = 0;
        for (Queue.Taken<D> taken : left) {
            items += taken.data().itemCount();
        }
        if (!left.isEmpty()) {
            metrics.sendFailed(items);
            log.error("Exporter {} dropped {} {}s in {} queued batches: not sent within the shutdown drain time of {}",
                    id, items, signal.itemName(), left.size(), settings.drainTimeout());
            SendException lost = SendException.retryable("exporter " + id + " shut down before sending the batch", null, null);
            left.forEach(taken -> q.done(taken, lost));
        }
        for (Thread consumer : consumers) {
            if (consumer.isAlive()) {
                log.warn("Exporter {}: consumer thread {} is still sending after shutdown", id, consumer.getName());
            }
        }
    }

    /**
     * After {@link #abandon} and the sender's shutdown: waits for the attempts in flight, which
     * hand their batches back, then hands back what is still queued (removing it from a
     * persistent queue's disk), counted neither as sent nor as failed.
     */
    void releaseTo(Consumer<D> to) {
        Queue<D> q = queue;
        if (q == null) {
            return;
        }
        awaitConsumers(System.nanoTime() + settings.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1));
        int batches = 0;
        try {
            Queue.Taken<D> taken;
            while ((taken = q.take()) != null) { // a closed queue returns what is left, then null
                to.accept(taken.data());
                q.done(taken, null);
                batches++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        q.release();
        if (batches > 0) {
            log.info("Exporter {}: handed back {} queued batches", id, batches);
        }
    }

    private void awaitConsumers(long deadlineNanos) {
        for (Thread consumer : consumers) {
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left > 0) {
                    consumer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "ExporterHelper{" + id + ", " + signal + "}";
    }
}
