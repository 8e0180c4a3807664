package io.tributary.exporter.loadbalancing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.consumer.ConsumerException;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.ExporterHelper;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One backend: an exporter helper (the {@code otlp} exporter's queue, retry and metrics, from
 * {@code protocol.otlp}) around a sender pointed at it. When the resolver drops the backend
 * ({@link #retire()}) the helper hands back what it has not sent, and the router routes it again.
 */
final class Backend {
    private final String endpoint;
    private final ExporterHelper exporter;
    private final Consumer<Traces> reroute;
    /** The backend's context, whose meters (its exporter's and its latency) go when it retires or shuts down. */
    private final ComponentContext context;
    private volatile boolean retired;

    /**
     * @param context the backend's own context: its id names the backend, its telemetry group holds the backend's meters
     * @param reroute where batches go when this backend is retired
     */
    Backend(ComponentContext context, Duration timeout, QueueConfig queue, RetryConfig retry, Sender sender,
            Consumer<Traces> reroute) {
        this.endpoint = context.id().name();
        this.context = context;
        this.reroute = reroute;
        DistributionSummary latency = LoadBalancerMetrics.latency(context.telemetry(), endpoint);
        Metered metered = new Metered(sender, LoadBalancerMetrics.outcome(context.telemetry(), endpoint, true),
                LoadBalancerMetrics.outcome(context.telemetry(), endpoint, false), latency, context.clock());
        this.exporter = new ExporterHelper(context, timeout, queue, retry, metered);
    }

    String endpoint() {
        return endpoint;
    }

    void start(Host host) throws Exception {
        exporter.start(host);
    }

    /**
     * Queues the batch, or sends it now when there is no queue.
     *
     * @return false when this backend is retired: the caller routes the batch again
     * @throws ConsumerException the queue is full, or (without a queue) the backend refused
     */
    boolean offer(Traces traces) {
        if (retired) {
            return false;
        }
        exporter.consume(traces); // refused once retire() began: the caller asks retired() whether to route it again
        return true;
    }

    boolean retired() {
        return retired;
    }

    /**
     * The resolver no longer lists this backend: stop taking batches and hand what is queued, and
     * every batch whose send fails from now on, back to the router. Returns once the backend's
     * consumers stopped.
     */
    void retire() {
        retired = true;
        exporter.shutdown(reroute);
        context.telemetry().close();
    }

    /** The exporter is shutting down: send what is queued within the exporter helper's drain time, then stop. */
    void shutdown() {
        exporter.shutdown();
        context.telemetry().close();
    }

    /** contrib's backend outcome and latency, per attempt. */
    private record Metered(Sender sender, Counter succeeded, Counter failed, DistributionSummary latency, Clock clock) implements Sender {
        @Override
        public void start(Host host) throws Exception {
            sender.start(host);
        }

        @Override
        public void send(Traces traces, Duration timeout) throws SendException {
            Instant start = clock.instant();
            try {
                sender.send(traces, timeout);
                succeeded.increment();
            } catch (SendException e) {
                failed.increment();
                throw e;
            } finally {
                latency.record(Duration.between(start, clock.instant()).toNanos() / 1e6);
            }
        }

        @Override
        public void shutdown() {
            sender.shutdown();
        }
    }
}
