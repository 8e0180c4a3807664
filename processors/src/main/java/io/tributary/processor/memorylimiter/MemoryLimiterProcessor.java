package io.tributary.processor.memorylimiter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.processorhelper.ProcessorHelper;
import io.tributary.core.telemetry.ScopeMeter;

/**
 * One pipeline's {@code memory_limiter}, of any signal: passes data on while the shared
 * {@link MemoryLimiter} allows, and refuses it with a {@link RetryableException} (503 /
 * UNAVAILABLE at the receiver, so clients retry) while it does not. Counts as otelcol does: every
 * batch is incoming; a passed batch is outgoing ({@link ProcessorHelper}) and {@code accepted}
 * (even when the next consumer then refuses it), a refused one is {@code refused}, in the
 * signal's items.
 */
final class MemoryLimiterProcessor<D extends SignalData<D, ?>> extends ProcessorHelper<D> {
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
    MemoryLimiterProcessor(ComponentContext context, Signal<D> signal, MemoryLimiter limiter, Runnable release, SignalConsumer<D> next) {
        super(context, signal, next);
        this.limiter = limiter;
        this.release = release;
        Tags processor = Tags.of("processor", context.id().toString());
        String words = signal.itemName() + "s";
        ScopeMeter meter = context.telemetry().meter(SCOPE);
        this.accepted = meter.counter("otelcol_processor_memory_limiter_accepted_" + signal.itemMetricName(),
                "Number of " + words + " successfully pushed into the next component in the pipeline.", signal.itemUnit(), processor);
        this.refused = meter.counter("otelcol_processor_memory_limiter_refused_" + signal.itemMetricName(),
                "Number of " + words + " that were rejected by the next component in the pipeline.", signal.itemUnit(), processor);
    }

    @Override
    public void start(Host host) {
        limiter.start();
    }

    @Override
    protected D process(D data) {
        if (limiter.refusing()) {
            refused.increment(data.itemCount());
            throw refusal;
        }
        accepted.increment(data.itemCount());
        return data;
    }

    @Override
    public synchronized void shutdown() {
        if (!stopped) {
            stopped = true;
            release.run();
        }
    }
}
