package io.tributary.core.telemetry.push;

import io.netty.channel.EventLoopGroup;
import io.tributary.core.telemetry.OtlpMetricsReader;
import io.tributary.core.telemetry.TelemetryConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code periodic} metrics reader with an {@code otlp} exporter, as the OpenTelemetry SDK's
 * periodic reader runs in otelcol: every {@code interval} it collects the self-metrics and sends
 * them, the two together given {@code timeout} (and the request no more than the exporter's own
 * {@code timeout}); closing stops the schedule, waits for a send in flight, and sends once more,
 * so the last counts reach the backend. A failed send is logged, at most once a minute with the
 * number of failures since, and never stops the reader or the service; the next interval sends
 * again (cumulative values catch up, deltas of a failed send are lost, as in otelcol).
 */
public final class PeriodicPush implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicPush.class);
    private static final Duration FAILURE_REPORT_INTERVAL = Duration.ofMinutes(1);

    private final OtlpMetricsReader reader;
    private final MetricsPush push;
    private final String destination;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    /** Failure reporting, guarded by {@code this}: when the last report went out, and failures since. */
    private long reportedNanos;
    private boolean reportedAny;
    private int unreported;

    private PeriodicPush(OtlpMetricsReader reader, MetricsPush push, String destination, Duration timeout) {
        this.reader = reader;
        this.push = push;
        this.destination = destination;
        this.timeout = timeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tributary-metrics-push");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts pushing what {@code reader} collects as {@code config} says.
     *
     * @throws Exception when the exporter cannot be set up (unreadable TLS files, a header the HTTP client refuses)
     */
    public static PeriodicPush start(TelemetryConfig.Periodic config, OtlpMetricsReader reader, EventLoopGroup eventLoops)
            throws Exception {
        TelemetryConfig.Otlp otlp = config.exporter().otlp();
        Duration timeout = Duration.ofMillis(Math.min(config.timeout(), otlp.timeout()));
        PeriodicPush push = new PeriodicPush(reader, MetricsPush.open(otlp, eventLoops), otlp.url().toString(), timeout);
        push.timer.scheduleAtFixedRate(push::export, config.interval(), config.interval(), TimeUnit.MILLISECONDS);
        return push;
    }

    /** Collects and sends once; a failure is reported, never thrown. */
    private synchronized void export() {
        try {
            push.send(reader.collect(), timeout);
        } catch (Exception e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        long now = System.nanoTime();
        if (reportedAny && now - reportedNanos < FAILURE_REPORT_INTERVAL.toNanos()) {
            unreported++;
            return;
        }
        String since = unreported == 0 ? "" : " (" + unreported + " more failed since the last report)";
        log.warn("pushing self-metrics to {} failed{}: {}", destination, since, e.toString());
        reportedAny = true;
        reportedNanos = now;
        unreported = 0;
    }

    /** Stops the schedule, lets a send in flight finish (within the timeout), sends the final values, closes the client. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        export();
        push.close();
    }
}
