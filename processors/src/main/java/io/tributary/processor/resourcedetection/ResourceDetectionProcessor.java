package io.tributary.processor.resourcedetection;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.processor.attributes.actions.RewritingProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects at start (which fails when detection does) and then merges what it found into every
 * resource passing through, on the encoded request. With a {@code refresh_interval} it detects
 * again that often; a failed refresh keeps what the last one found.
 */
final class ResourceDetectionProcessor<D extends SignalData<D, ?>> implements SignalProcessor<D> {
    private static final Logger log = LoggerFactory.getLogger(ResourceDetectionProcessor.class);

    private final Detection detection;
    private final Duration refreshInterval;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final RewritingProcessor<D> rewriting;
    private volatile List<KeyValue> detected = List.of();
    /** Set while a refresh runs, so a slow one is not overlapped by the next. */
    private final AtomicBoolean refreshRunning = new AtomicBoolean();
    private ScheduledFuture<?> refreshing;

    ResourceDetectionProcessor(ComponentContext context, Signal<D> signal, SignalConsumer<D> next, Detection detection,
            boolean override, Duration refreshInterval) {
        this.detection = detection;
        this.refreshInterval = refreshInterval;
        this.scheduler = context.scheduler();
        this.workers = context.workers();
        this.rewriting = new RewritingProcessor<>(context, signal, next,
                client -> AttributeEditor.resources(resource -> DetectedResource.merge(resource, detected, override)));
    }

    @Override
    public void start(Host host) throws Exception {
        detected = detection.run();
        if (!refreshInterval.isNegative() && !refreshInterval.isZero()) {
            long every = refreshInterval.toNanos();
            // Detection blocks up to its timeout, so it runs on a worker rather than on the shared scheduler.
            refreshing = scheduler.scheduleWithFixedDelay(() -> {
                if (refreshRunning.compareAndSet(false, true)) {
                    workers.execute(this::refresh);
                }
            }, every, every, TimeUnit.NANOSECONDS);
        }
    }

    private void refresh() {
        try {
            detected = detection.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("resource refresh failed; keeping previous snapshot: {}", e.getMessage());
        } finally {
            refreshRunning.set(false);
        }
    }

    @Override
    public void consume(D data) {
        rewriting.consume(data);
    }

    @Override
    public void shutdown() {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
        rewriting.shutdown();
        detection.close();
    }
}
