package io.tributary.core.exporterhelper;

import io.tributary.config.Durations;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.Extension;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.component.StorageExtension;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ExporterMetrics;
import io.tributary.core.telemetry.Telemetry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every exporter otelcol's exporterhelper behaviour: a bounded sending queue with
 * {@code num_consumers} threads, in memory or persistent in a storage extension (or a synchronous
 * send when disabled), optionally blocking when full, waiting for the result, or batching what it
 * holds ({@link QueueBatcher}), retry with exponential backoff honouring the server's delay, a per-attempt
 * timeout, and the standard {@code otelcol_exporter_*} metrics. Shutdown stops intake and drains
 * the queue within a bounded wait ({@link #DRAIN_TIMEOUT}); what is left is counted as failed from
 * an in-memory queue and stays on disk in a persistent one. {@link #shutdown(Consumer)} stops
 * without draining and hands what is not sent to its caller instead (a load-balancing backend
 * that leaves the ring gives its batches back to the router).
 */
public final class ExporterHelper implements Exporter {
    /**
     * How long {@link #shutdown()} lets the queue consumers keep sending (retries included) before
     * it abandons the batches still queued or waiting for a retry. Public so the deployment
     * tests can hold Kubernetes' grace periods to it.
     */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /** otelcol names a storage client by the signal its owner stores. */
    private static final String SIGNAL = "traces";

    private static final Logger log = LoggerFactory.getLogger(ExporterHelper.class);

    /** Waits between retries; injected so tests control time. */
    interface Sleeper {
        /**
         * Waits for {@code duration}, or less once {@code cancelled} is released.
         *
         * @return true when cut short by {@code cancelled}
         */
        boolean sleep(Duration duration, CountDownLatch cancelled) throws InterruptedException;
    }

    /** The real wait: interruptible, and over as soon as shutdown abandons pending sends. */
    static final Sleeper UNTIL_CANCELLED = (duration, cancelled) -> cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS);

    /** How sending one batch ended: sent, given up on (counted as failed), or kept for after a restart. */
    record Outcome(SendException failure, boolean kept) {
        static final Outcome SENT = new Outcome(null, false);
        static final Outcome KEPT = new Outcome(null, true);
        /** Given to the hand-back of {@link #shutdown(Consumer)}: done, counted neither as sent nor as failed. */
        static final Outcome HANDED_BACK = new Outcome(null, false);
    }

    private final ComponentId id;
    private final Duration timeout;
    private final QueueConfig queueConfig;
    private final RetryConfig retry;
    private final Sender sender;
    private final Clock clock;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final ComponentContext context;
    private final Duration drainTimeout;
    private final long segmentBytes;
    private final ExporterMetrics metrics;
    private final Telemetry telemetry;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Released when shutdown gives up on what is still being sent: retry waits end at once. */
    private final CountDownLatch abandoned = new CountDownLatch(1);
    /** Null without a queue; a persistent queue opens at start, when its storage extension runs. */
    private volatile Queue queue;
    /** Null without {@code sending_queue::batch}; created at start with the queue's consumer. */
    private volatile QueueBatcher batcher;
    private volatile List<Thread> consumers = List.of();
    /** Set by {@link #shutdown(Consumer)}: where batches go from then on instead of being sent, kept or dropped. */
    private volatile Consumer<Traces> handBack;

    public ExporterHelper(ComponentContext context, Duration timeout, QueueConfig queue, RetryConfig retry, Sender sender) {
        this(context, timeout, queue, retry, sender, context.clock(), UNTIL_CANCELLED, System::nanoTime, DRAIN_TIMEOUT,
                QueueLog.SEGMENT_BYTES);
    }

    ExporterHelper(
            ComponentContext context,
            Duration timeout,
            QueueConfig queueConfig,
            RetryConfig retry,
            Sender sender,
            Clock clock,
            Sleeper sleeper,
            LongSupplier nanoTime,
            Duration drainTimeout,
            long segmentBytes) {
        this.id = context.id();
        this.timeout = timeout;
        this.queueConfig = queueConfig;
        this.retry = retry;
        this.sender = sender;
        this.clock = clock;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.context = context;
        this.drainTimeout = drainTimeout;
        this.segmentBytes = segmentBytes;
        boolean inMemory = queueConfig.enabled() && queueConfig.storage() == null;
        this.queue = inMemory ? new MemoryQueue(queueConfig.queueSize(), queueConfig.effectiveSizer(), queueConfig.blockOnOverflow()) : null;
        this.telemetry = context.telemetry();
        this.metrics = telemetry.exporter(id, queueConfig.enabled() ? () -> {
            Queue q = this.queue;
            return q == null ? 0 : q.size();
        } : null, queueConfig.queueSize());
    }

    @Override
    public void start(Host host) throws Exception {
        if (queueConfig.enabled() && queueConfig.storage() != null) {
            queue = PersistentQueue.open(storage(host).open(Kind.EXPORTER, id, SIGNAL), queueConfig.queueSize(),
                    queueConfig.effectiveSizer(), queueConfig.blockOnOverflow(), queueConfig.durableAck(), segmentBytes, telemetry.queueCorruptRecords(id));
        }
        sender.start(host);
        int count = queueConfig.enabled() ? queueConfig.numConsumers() : 0;
        Runnable consumer = this::consumeQueue;
        if (queueConfig.enabled() && queueConfig.batch() != null) {
            // As otelcol: one consumer feeds the batcher, num_consumers threads send its batches.
            Queue q = queue;
            QueueBatcher queueBatcher = new QueueBatcher(id, q, queueConfig.batch(), count, nanoTime, context.scheduler(),
                    context.workers(), traces -> send(traces, q.persistent()));
            batcher = queueBatcher;
            consumer = () -> queueBatcher.consume(abandoned);
            count = 1;
        }
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(consumer, "exporter-" + id + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        consumers = List.copyOf(threads);
        threads.forEach(Thread::start);
    }

    /** The sending-queue batcher, for tests that drive its flush_timeout; null without {@code batch}. */
    QueueBatcher batcher() {
        return batcher;
    }

    private StorageExtension storage(Host host) {
        ComponentId storageId = ComponentId.parse(queueConfig.storage());
        Extension extension = host.extension(storageId).orElseThrow(() -> new IllegalStateException(
                "sending_queue::storage: extension '" + storageId + "' is not running (define it under extensions and list it in service::extensions)"));
        if (!(extension instanceof StorageExtension storageExtension)) {
            throw new IllegalStateException("sending_queue::storage: extension '" + storageId + "' is not a storage extension");
        }
        return storageExtension;
    }

    @Override
    public void consume(Traces traces) {
        if (stopping.get()) {
            throw new RetryableException("exporter " + id + " is shutting down");
        }
        Queue q = queue;
        if (!queueConfig.enabled()) {
            sendNow(traces);
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
            accepted = q.offer(traces.compact(), result == null ? Queue.Completion.NONE : result::complete, caller);
        } catch (IOException e) {
            metrics.enqueueFailed(traces.spanCount());
            log.error("Exporter {}: cannot write {} spans to the persistent queue: {}", id, traces.spanCount(), e.toString());
            throw new RetryableException("sending queue of exporter " + id + " cannot write: " + e.getMessage(), null, false, e);
        }
        if (!accepted) {
            if (stopping.get()) {
                throw new RetryableException("exporter " + id + " is shutting down");
            }
            metrics.enqueueFailed(traces.spanCount());
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
    private void sendNow(Traces traces) {
        refuseOnFailure(send(traces, false).failure());
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
        Queue q = queue;
        try {
            Queue.Taken taken;
            while (abandoned.getCount() > 0 && (taken = q.take()) != null) {
                Outcome outcome = send(taken.traces(), q.persistent());
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
    private Outcome send(Traces traces, boolean keepOnShutdown) {
        Instant giveUpAt = retry.maxElapsedTime().isZero() ? null : clock.instant().plus(retry.maxElapsedTime());
        Backoff backoff = new Backoff(retry);
        while (true) {
            Consumer<Traces> to = handBack;
            if (to != null) {
                Thread.interrupted(); // the interrupt that cut this send short must not cut the hand-back's own waits
                to.accept(traces);
                return Outcome.HANDED_BACK;
            }
            SendException failure = attempt(traces);
            if (failure == null) {
                metrics.sent(traces.spanCount());
                return Outcome.SENT;
            }
            if (handBack != null) {
                continue; // failed because the hand-back stopped the sender: hand it back
            }
            if (!failure.retryable()) {
                return drop(traces, "not retryable error: ", failure);
            }
            if (!retry.enabled()) {
                return drop(traces, "", failure);
            }
            // As otelcol: the server's requested delay is a floor under the backoff interval.
            Duration wait = backoff.next();
            if (failure.retryAfter().isPresent() && failure.retryAfter().get().compareTo(wait) > 0) {
                wait = failure.retryAfter().get();
            }
            if (giveUpAt != null && clock.instant().plus(wait).isAfter(giveUpAt)) {
                return drop(traces, "no more retries left: ", failure);
            }
            ComponentLog.of(log.atInfo(), Kind.EXPORTER, id)
                    .addKeyValue("error", failure.getMessage())
                    .addKeyValue("interval", Durations.formatShort(wait))
                    .log("Exporting failed. Will retry the request after interval.");
            if (!pause(wait)) {
                if (handBack != null) {
                    continue;
                }
                if (keepOnShutdown) {
                    log.info("Exporter {}: shut down while waiting to retry; {} spans stay in the persistent queue", id, traces.spanCount());
                    return Outcome.KEPT;
                }
                return drop(traces, "interrupted due to shutdown: ", failure);
            }
        }
    }

    private SendException attempt(Traces traces) {
        try {
            sender.send(traces, timeout);
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
            return !sleeper.sleep(wait, abandoned) && abandoned.getCount() > 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Counts and logs a batch given up on, in otelcol's words; {@code reason} prefixes the error as otelcol's retry sender wraps it. */
    private Outcome drop(Traces traces, String reason, SendException failure) {
        metrics.sendFailed(traces.spanCount());
        // Without a queue the caller gets the error back: otelcol calls that rejecting, not dropping.
        boolean queued = queueConfig.enabled();
        ComponentLog.of(log.atError(), Kind.EXPORTER, id)
                .addKeyValue("error", reason + failure.getMessage())
                .addKeyValue(queued ? "dropped_items" : "rejected_items", traces.spanCount())
                .log(queued ? "Exporting failed. Dropping data." : "Exporting failed. Rejecting data.");
        return new Outcome(failure, false);
    }

    @Override
    public void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Queue q = queue;
        if (q != null) {
            q.close();
            awaitConsumers(System.nanoTime() + drainTimeout.toNanos());
        }
        abandoned.countDown();
        if (q != null) {
            consumers.forEach(Thread::interrupt);
            // An attempt in flight ends within its own timeout.
            awaitConsumers(System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1));
            countLeftovers(q);
        }
        sender.shutdown();
    }

    /**
     * Stops without draining: every batch still queued (removed from a persistent queue's disk),
     * and every batch whose send is cut short or fails from now on, goes to {@code handBack}
     * instead, which becomes responsible for it; none is counted as sent or failed here, and a
     * {@code wait_for_result} caller is told it was taken. Returns once the consumers stopped
     * (each within the send timeout) and the queue is handed back.
     */
    public void shutdown(Consumer<Traces> handBack) {
        this.handBack = handBack;
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Queue q = queue;
        if (q != null) {
            q.close();
        }
        abandoned.countDown();
        sender.shutdown(); // sends in flight fail at once and are handed back
        if (q != null) {
            consumers.forEach(Thread::interrupt);
            awaitConsumers(System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1));
            handBackQueued(q, handBack);
        }
    }

    private void handBackQueued(Queue q, Consumer<Traces> to) {
        int batches = 0;
        try {
            Queue.Taken taken;
            while ((taken = q.take()) != null) { // a closed queue returns what is left, then null
                to.accept(taken.traces());
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

    private void countLeftovers(Queue q) {
        List<Queue.Taken> left = q.release();
        int spans = 0;
        for (Queue.Taken taken : left) {
            spans += taken.traces().spanCount();
        }
        if (!left.isEmpty()) {
            metrics.sendFailed(spans);
            log.error("Exporter {} dropped {} spans in {} queued batches: not sent within the shutdown drain time of {}",
                    id, spans, left.size(), drainTimeout);
            SendException lost = SendException.retryable("exporter " + id + " shut down before sending the batch", null, null);
            left.forEach(taken -> q.done(taken, lost));
        }
        for (Thread consumer : consumers) {
            if (consumer.isAlive()) {
                log.warn("Exporter {}: consumer thread {} is still sending after shutdown", id, consumer.getName());
            }
        }
    }

    @Override
    public String toString() {
        return "ExporterHelper{" + id + "}";
    }
}
