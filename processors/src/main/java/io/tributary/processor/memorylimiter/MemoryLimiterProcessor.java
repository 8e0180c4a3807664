package io.tributary.processor.memorylimiter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ProcessorMetrics;

/**
 * One pipeline's {@code memory_limiter}: passes traces on while the shared {@link MemoryLimiter}
 * allows, and refuses them with a {@link RetryableException} (503 / UNAVAILABLE at the receiver,
 * so clients retry) while it does not. Counts as otelcol does: every batch is incoming; a passed
 * batch is outgoing and {@code accepted} (even when the next consumer then refuses it), a refused
 * one is {@code refused}.
 */
final class MemoryLimiterProcessor implements Processor {
    /** otelcol's {@code ErrDataRefused} text. */
    static final String REFUSED = "data refused due to high memory usage";

    private final MemoryLimiter limiter;
    private final Runnable release;
    private final TracesConsumer next;
    private final ProcessorMetrics metrics;
    private final Counter accepted;
    private final Counter refused;
    /**
     * Thrown for every refusal: receivers read only its message and kind, and a fresh exception
     * (with its stack trace) per request is garbage made exactly when the heap is full. Shared, so
     * nothing may attach suppressed exceptions or causes to it.
     */
    private final RetryableException refusal = new RetryableException(REFUSED);
    private boolean stopped;

    /** @param release called once on shutdown, to let the shared limiter stop with its last pipeline */
    MemoryLimiterProcessor(ComponentContext context, MemoryLimiter limiter, Runnable release, TracesConsumer next) {
        this.limiter = limiter;
        this.release = release;
        this.next = next;
        this.metrics = context.telemetry().processor(context.id());
        MeterRegistry registry = context.telemetry().registry();
        String processor = context.id().toString();
        this.accepted = Counter.builder("otelcol.processor.memory_limiter.accepted.spans")
                .description("Number of spans successfully pushed into the next component in the pipeline.")
                .tag("processor", processor).register(registry);
        this.refused = Counter.builder("otelcol.processor.memory_limiter.refused.spans")
                .description("Number of spans that were rejected by the next component in the pipeline.")
                .tag("processor", processor).register(registry);
    }

    @Override
    public void start(Host host) {
        limiter.start();
    }

    @Override
    public void consume(Traces traces) {
        int spans = traces.spanCount();
        metrics.incoming(spans);
        if (limiter.refusing()) {
            refused.increment(spans);
            throw refusal;
        }
        accepted.increment(spans);
        metrics.outgoing(spans);
        next.consume(traces);
    }

    @Override
    public synchronized void shutdown() {
        if (!stopped) {
            stopped = true;
            release.run();
        }
    }
}
