package io.tributary.core.exporterhelper;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.Host;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ExporterMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every exporter otelcol's exporterhelper behaviour: a bounded sending queue with
 * {@code num_consumers} threads (or a synchronous send when disabled), retry with exponential
 * backoff honouring the server's delay, a per-attempt timeout, and the standard
 * {@code otelcol_exporter_*} metrics. Shutdown stops intake, drains the queue within a bounded
 * wait ({@link #DRAIN_TIMEOUT}), and counts what is left as failed.
 */
public final class ExporterHelper implements Exporter {
    /**
     * How long {@link #shutdown()} lets the queue consumers keep sending (retries included) before
     * it abandons the batches still queued or waiting for a retry, counting them as failed.
     * Public so the deployment tests can hold Kubernetes' grace periods to it.
     */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

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

    private final ComponentId id;
    private final Duration timeout;
    private final RetryConfig retry;
    private final Sender sender;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration drainTimeout;
    private final SendingQueue queue;
    private final int numConsumers;
    private final String storage;
    private final ExporterMetrics metrics;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Released when shutdown gives up on what is still being sent: retry waits end at once. */
    private final CountDownLatch abandoned = new CountDownLatch(1);
    private volatile List<Thread> consumers = List.of();

    public ExporterHelper(ComponentContext context, Duration timeout, QueueConfig queue, RetryConfig retry, Sender sender) {
        this(context, timeout, queue, retry, sender, context.clock(), UNTIL_CANCELLED, DRAIN_TIMEOUT);
    }

    ExporterHelper(
            ComponentContext context,
            Duration timeout,
            QueueConfig queue,
            RetryConfig retry,
            Sender sender,
            Clock clock,
            Sleeper sleeper,
            Duration drainTimeout) {
        this.id = context.id();
        this.timeout = timeout;
        this.retry = retry;
        this.sender = sender;
        this.clock = clock;
        this.sleeper = sleeper;
        this.drainTimeout = drainTimeout;
        this.queue = queue.enabled() ? new SendingQueue(queue.queueSize()) : null;
        this.numConsumers = queue.enabled() ? queue.numConsumers() : 0;
        this.storage = queue.enabled() ? queue.storage() : null;
        SendingQueue sending = this.queue;
        this.metrics = context.telemetry().exporter(id, sending == null ? () -> 0 : sending::size,
                queue.enabled() ? queue.queueSize() : 0);
    }

    @Override
    public void start(Host host) throws Exception {
        if (storage != null) {
            // Refuse rather than silently keep in memory what the config asked to persist.
            throw new IllegalStateException("exporter " + id + ": sending_queue::storage (a persistent queue) is not supported yet");
        }
        sender.start(host);
        List<Thread> threads = new ArrayList<>(numConsumers);
        for (int i = 0; i < numConsumers; i++) {
            Thread thread = new Thread(this::consumeQueue, "exporter-" + id + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        consumers = List.copyOf(threads);
        threads.forEach(Thread::start);
    }

    @Override
    public void consume(Traces traces) {
        if (stopping.get()) {
            throw new RetryableException("exporter " + id + " is shutting down");
        }
        if (queue == null) {
            sendNow(traces);
        } else if (!queue.offer(traces.compact())) { // queued batches wait as bytes: several times smaller than objects
            if (stopping.get()) {
                throw new RetryableException("exporter " + id + " is shutting down");
            }
            metrics.enqueueFailed(traces.spanCount());
            throw RetryableException.full("sending queue of exporter " + id + " is full");
        }
    }

    /** Without a queue the caller waits for the outcome and learns how the backend refused. */
    private void sendNow(Traces traces) {
        SendException failure = send(traces);
        if (failure == null) {
            return;
        }
        if (failure.retryable()) {
            throw new RetryableException(failure.getMessage(), failure.retryAfter().orElse(null), false, failure);
        }
        throw new PermanentException(failure.getMessage(), failure);
    }

    private void consumeQueue() {
        try {
            Traces traces;
            while (abandoned.getCount() > 0 && (traces = queue.take()) != null) {
                send(traces);
            }
        } catch (InterruptedException e) {
            // Abandoned at shutdown, which counts what is still queued.
        }
    }

    /**
     * Sends with retries, counting the outcome in the metrics.
     *
     * @return null when delivered, else the failure that made it give up (already logged)
     */
    private SendException send(Traces traces) {
        Instant giveUpAt = retry.maxElapsedTime().isZero() ? null : clock.instant().plus(retry.maxElapsedTime());
        Backoff backoff = new Backoff(retry);
        while (true) {
            SendException failure = attempt(traces);
            if (failure == null) {
                metrics.sent(traces.spanCount());
                return null;
            }
            if (!failure.retryable()) {
                return drop(traces, "permanent error", failure);
            }
            if (!retry.enabled()) {
                return drop(traces, "retry_on_failure is disabled", failure);
            }
            // As otelcol: the server's requested delay is a floor under the backoff interval.
            Duration wait = backoff.next();
            if (failure.retryAfter().isPresent() && failure.retryAfter().get().compareTo(wait) > 0) {
                wait = failure.retryAfter().get();
            }
            if (giveUpAt != null && clock.instant().plus(wait).isAfter(giveUpAt)) {
                return drop(traces, "no more retries left within max_elapsed_time " + retry.maxElapsedTime(), failure);
            }
            log.info("Exporter {}: sending {} spans failed, retrying in {}: {}", id, traces.spanCount(), wait, failure.getMessage());
            if (!pause(wait)) {
                return drop(traces, "shut down while waiting to retry", failure);
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

    private SendException drop(Traces traces, String reason, SendException failure) {
        metrics.sendFailed(traces.spanCount());
        log.error("Exporter {} dropped {} spans: {}: {}", id, traces.spanCount(), reason, failure.getMessage());
        return failure;
    }

    @Override
    public void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        if (queue != null) {
            queue.close();
            awaitConsumers(System.nanoTime() + drainTimeout.toNanos());
        }
        abandoned.countDown();
        if (queue != null) {
            consumers.forEach(Thread::interrupt);
            // An attempt in flight ends within its own timeout.
            awaitConsumers(System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1));
            countLeftovers();
        }
        sender.shutdown();
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

    private void countLeftovers() {
        List<Traces> left = queue.drain();
        int spans = 0;
        for (Traces traces : left) {
            spans += traces.spanCount();
        }
        if (!left.isEmpty()) {
            metrics.sendFailed(spans);
            log.error("Exporter {} dropped {} spans in {} queued batches: not sent within the shutdown drain time of {}",
                    id, spans, left.size(), drainTimeout);
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
