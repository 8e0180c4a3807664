package io.tributary.connector.spanmetrics;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.tributary.core.component.Connector;
import io.tributary.core.component.Host;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Traces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otelcol's {@code spanmetrics} connector: aggregates the spans of the traces pipelines that
 * export to it into R.E.D. metrics and hands them to the metrics pipelines it feeds every
 * {@code metrics_flush_interval}. As in otelcol, spans are added under one lock, a flush writes
 * the metrics under it and hands them on outside it, and shutdown only stops the timer: what
 * was counted since the last flush is not sent.
 */
final class SpanMetricsConnector implements Connector<Traces> {
    private static final Logger log = LoggerFactory.getLogger(SpanMetricsConnector.class);

    private final Aggregator aggregator;
    private final MetricsBuilder builder;
    private final SignalConsumer<Metrics> next;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration flushInterval;
    private final Object lock = new Object();
    private ScheduledFuture<?> ticker;

    SpanMetricsConnector(SpanMetricsConfig config, SignalConsumer<Metrics> next, Clock clock, ScheduledExecutorService scheduler) {
        this.aggregator = new Aggregator(config);
        this.builder = new MetricsBuilder(config);
        this.next = next;
        this.clock = clock;
        this.scheduler = scheduler;
        this.flushInterval = config.metricsFlushInterval();
    }

    @Override
    public void start(Host host) {
        long interval = flushInterval.toNanos();
        ticker = scheduler.scheduleAtFixedRate(this::flushLogged, interval, interval, TimeUnit.NANOSECONDS);
    }

    @Override
    public void consume(Traces traces) {
        long now = nanos(clock.instant());
        synchronized (lock) {
            aggregator.add(traces, now);
        }
    }

    /** Writes the series out and hands them on (nothing when no resource has any); the timer calls it, tests too. */
    void flush() {
        ExportMetricsServiceRequest request;
        synchronized (lock) {
            long now = nanos(clock.instant());
            request = builder.build(aggregator.resources().all(), now);
            aggregator.afterFlush(now);
        }
        if (request.getResourceMetricsCount() > 0) {
            next.consume(Metrics.of(request));
        }
    }

    /** A failed flush must not stop the timer, which a scheduled task's exception would. */
    private void flushLogged() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("Failed ConsumeMetrics", e);
        }
    }

    /** Series held now, for tests of the memory bound. */
    int seriesCount() {
        synchronized (lock) {
            return aggregator.resources().seriesCount();
        }
    }

    @Override
    public void shutdown() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
