package io.tributary.processor.memorylimiter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.processorhelper.ProcessorHelper;
import io.tributary.core.telemetry.ScopeMeter;

/**
 * One pipeline's {@code memory_limiter}: passes traces on while the shared {@link MemoryLimiter}
 * allows, and refuses them with a {@link RetryableException} (503 / UNAVAILABLE at the receiver,
 * so clients retry) while it does not. Counts as otelcol does: every batch is incoming; a passed
 * batch is outgoing ({@link ProcessorHelper}) and {@code accepted} (even when the next consumer
 * then refuses it), a refused one is {@code refused}.
 */
final class MemoryLimiterProcessor extends ProcessorHelper {
    /** otelcol's {@code ErrDataRefused} text. */
    static final String REFUSED = "data refused due to high memory usage";
    /** otelcol's meter name for the memory limiter's own metrics: its Go package. */
    static final String SCOPE = "go.opentelemetry.io/collector/processor/memorylimiterprocessor";

    private final MemoryLimiter limiter;
    private final Runnable release;
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
        super(context, next);
        this.limiter = limiter;
        this.release = release;
        Tags processor = Tags.of("processor", context.id().toString());
        ScopeMeter meter = context.telemetry().meter(SCOPE);
        this.accepted = meter.counter("otelcol_processor_memory_limiter_accepted_spans",
                "Number of spans successfully pushed into the next component in the pipeline.", "{span}", processor);
        this.refused = meter.counter("otelcol_processor_memory_limiter_refused_spans",
                "Number of spans that were rejected by the next component in the pipeline.", "{span}", processor);
    }

    @Override
    public void start(Host host) {
        limiter.start();
    }

    @Override
    protected Traces process(Traces traces) {
        if (limiter.refusing()) {
            refused.increment(traces.spanCount());
            throw refusal;
        }
        accepted.increment(traces.spanCount());
        return traces;
    }

    @Override
    public synchronized void shutdown() {
        if (!stopped) {
            stopped = true;
            release.run();
        }
    }
}
