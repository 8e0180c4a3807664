package io.tributary.exporter.loadbalancing;

import io.micrometer.core.instrument.DistributionSummary;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.Host;
import io.tributary.core.consumer.ConsumerException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend: an {@code otlp} exporter pointed at it (its retry and timeout from
 * {@code protocol.otlp}, sending synchronously) behind a queue of {@code protocol.otlp.sending_queue}
 * that this class owns, so that when the resolver drops the backend ({@link #retire()}) what waits
 * in the queue, and any batch whose send fails from then on, goes back to the router instead of
 * being lost. Without a queue, batches are sent on the caller's thread and failures go back to it.
 */
final class Backend {
    private static final Logger log = LoggerFactory.getLogger(Backend.class);
    /** How long a normal shutdown lets the consumers keep sending what is queued, as the exporter helper does. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final String endpoint;
    private final Exporter exporter;
    private final BlockingQueue<Traces> queue;
    private final int numConsumers;
    private final Consumer<Traces> reroute;
    private final LoadBalancerMetrics metrics;
    /** The backend's meters (its exporter's and its latency), removed when it retires or shuts down. */
    private final Telemetry meters;
    private final DistributionSummary latency;
    private final Clock clock;
    private ExecutorService consumers;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile boolean retired;
    private volatile boolean closed;

    /**
     * @param exporter the backend's exporter, without a queue of its own
     * @param meters   the group the exporter registered its meters in
     * @param reroute  where batches go when this backend is retired
     */
    Backend(String endpoint, Exporter exporter, Telemetry meters, QueueConfig queue, Consumer<Traces> reroute,
            LoadBalancerMetrics metrics, Clock clock) {
        this.endpoint = endpoint;
        this.exporter = exporter;
        this.queue = queue.enabled() ? new ArrayBlockingQueue<>((int) Math.min(Integer.MAX_VALUE, queue.queueSize())) : null;
        this.numConsumers = queue.enabled() ? queue.numConsumers() : 0;
        this.reroute = reroute;
        this.metrics = metrics;
        this.meters = meters;
        this.latency = LoadBalancerMetrics.latency(meters, endpoint);
        this.clock = clock;
    }

    String endpoint() {
        return endpoint;
    }

    void start(Host host) throws Exception {
        exporter.start(host);
        if (numConsumers > 0) {
            AtomicInteger n = new AtomicInteger();
            consumers = Executors.newFixedThreadPool(numConsumers, task -> {
                Thread thread = new Thread(task, "loadbalancing-" + endpoint + "-" + n.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            });
            for (int i = 0; i < numConsumers; i++) {
                consumers.execute(this::consumeQueue);
            }
        }
    }

    /**
     * Queues the batch, or sends it now when there is no queue.
     *
     * @return false when this backend is retired: the caller routes the batch again
     * @throws ConsumerException the queue is full, or (without a queue) the backend refused
     */
    boolean offer(Traces traces) {
        if (queue == null) {
            if (retired || closed) {
                return false;
            }
            send(traces); // on failure the caller asks retired() whether to route it again
            return true;
        }
        // The read lock keeps retire() from draining the queue between the check and the offer.
        gate.readLock().lock();
        try {
            if (retired || closed) {
                return false;
            }
            if (!queue.offer(traces.compact())) {
                throw RetryableException.full("sending queue of load-balancing backend " + endpoint + " is full");
            }
            return true;
        } finally {
            gate.readLock().unlock();
        }
    }

    boolean retired() {
        return retired;
    }

    private void consumeQueue() {
        try {
            while (!retired) {
                Traces traces = closed ? queue.poll() : queue.poll(100, TimeUnit.MILLISECONDS);
                if (traces == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                try {
                    send(traces);
                } catch (ConsumerException e) {
                    if (retired) {
                        reroute.accept(traces); // the send failed because the backend went away
                    }
                    // Otherwise the exporter gave up after its retries and counted the spans as failed.
                } catch (RuntimeException e) {
                    log.error("Load balancer: dropped {} spans for {}: {}", traces.spanCount(), endpoint, e.toString(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Traces traces) {
        Instant start = clock.instant();
        try {
            exporter.consume(traces);
            metrics.outcome(true);
        } catch (ConsumerException e) {
            metrics.outcome(false);
            throw e;
        } finally {
            latency.record(Duration.between(start, clock.instant()).toNanos() / 1e6);
        }
    }

    /**
     * The resolver no longer lists this backend: stop taking batches, hand what is queued back to
     * the router, and stop the exporter, which ends its retry waits so that batches in flight
     * fail and are handed back too. Returns once every batch is handed back or delivered.
     */
    void retire() {
        setFlag(() -> retired = true);
        List<Traces> left = new ArrayList<>();
        if (queue != null) {
            queue.drainTo(left);
        }
        if (!left.isEmpty()) {
            log.info("Load balancer: backend {} was removed; routing its {} queued batches again", endpoint, left.size());
        }
        left.forEach(reroute);
        exporter.shutdown();
        awaitConsumers();
        meters.close();
    }

    /** The exporter is shutting down: send what is queued within {@link #DRAIN_TIMEOUT}, then stop. */
    void shutdown() {
        setFlag(() -> closed = true);
        awaitConsumers();
        exporter.shutdown();
        if (queue != null && !queue.isEmpty()) {
            List<Traces> left = new ArrayList<>();
            queue.drainTo(left);
            for (Traces traces : left) {
                metrics.outcome(false);
                log.error("Load balancer: dropped {} spans queued for {}: not sent within the shutdown drain time of {}",
                        traces.spanCount(), endpoint, DRAIN_TIMEOUT);
            }
        }
        meters.close();
    }

    private void setFlag(Runnable set) {
        gate.writeLock().lock();
        try {
            set.run();
        } finally {
            gate.writeLock().unlock();
        }
    }

    private void awaitConsumers() {
        if (consumers == null) {
            return;
        }
        consumers.shutdown();
        try {
            consumers.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
