package io.tributary.processor.batch;

import io.tributary.core.batch.BatchBuffer;
import io.tributary.core.batch.TimedBatcher;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.BatchMetrics;
import io.tributary.core.telemetry.ProcessorMetrics;
import java.util.List;
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

    private final ComponentId id;
    private final TracesConsumer next;
    private final ProcessorMetrics metrics;
    private final BatchMetrics batchMetrics;
    /** Sources are not tracked: a batch handed on is the next consumer's. */
    private final TimedBatcher<Void> batcher;
    /** Held while handing batches to {@code next}, so shutdown returns only after every send it raced with. */
    private final Object sendLock = new Object();

    BatchProcessor(ComponentContext context, BatchConfig config, TracesConsumer next, LongSupplier nanoTime) {
        this.id = context.id();
        this.next = next;
        this.metrics = context.telemetry().processor(id);
        this.batchMetrics = context.telemetry().batch(id);
        BatchBuffer<Void> buffer = new BatchBuffer<>(Traces::spanCount, config.sendBatchSize(), config.sendBatchMaxSize());
        this.batcher = new TimedBatcher<>(buffer, config.timeout(), nanoTime, context.scheduler(), context.workers(), this::send);
    }

    @Override
    public void consume(Traces traces) {
        metrics.incoming(traces.spanCount());
        if (!traces.isEmpty()) {
            batcher.add(traces, null);
        }
    }

    /** Sends what is buffered if its timeout has passed at {@code now}; otherwise waits on. Called by the timer. */
    void flushIfDue(long now) {
        batcher.flushIfDue(now);
    }

    /** Sends what is buffered, then passes later batches straight on. Idempotent. */
    @Override
    public void shutdown() {
        batcher.shutdown();
    }

    private void send(List<BatchBuffer.Batch<Void>> batches, TimedBatcher.Trigger trigger) {
        synchronized (sendLock) {
            for (BatchBuffer.Batch<Void> batch : batches) {
                int spans = batch.traces().spanCount();
                if (trigger == TimedBatcher.Trigger.SIZE) {
                    batchMetrics.sentOnSize(spans);
                } else {
                    batchMetrics.sentOnTimeout(spans);
                }
                try {
                    next.consume(batch.traces());
                    metrics.outgoing(spans);
                } catch (RuntimeException e) {
                    metrics.dropped(spans);
                    log.warn("{}: the next consumer refused a batch of {} spans; they are dropped: {}",
                            id, spans, e.toString());
                }
            }
        }
    }
}
