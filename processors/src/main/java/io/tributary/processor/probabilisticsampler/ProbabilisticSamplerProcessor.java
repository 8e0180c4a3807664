package io.tributary.processor.probabilisticsampler;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.processorhelper.ProcessorHelper;

/**
 * otelcol's probabilistic sampler for traces or logs: each span ({@link SpanSampler}) or log
 * record ({@link LogSampler}) is kept or dropped on the caller's thread and without state, so the
 * items of a trace get the same decision in any request. A batch is sampled in its encoded form
 * ({@link WireSampler}). A scope or resource left without items goes too; when nothing is left the
 * next consumer is not called. A batch whose every item is kept as it came is passed on as the
 * very same batch.
 *
 * @param <D> the signal's data
 */
final class ProbabilisticSamplerProcessor<D extends SignalData<D, ?>> extends ProcessorHelper<D> {
    /** Samples one batch, counting each item by policy and decision into {@code counts} ({@link SamplerMetrics#index}). */
    @FunctionalInterface
    interface BatchSampler<D> {
        /** @return the kept items, the batch itself when all are kept as they came, or null when none is */
        D sample(D data, int[] counts);
    }

    private final BatchSampler<D> sampler;
    private final SamplerMetrics samplerMetrics;

    ProbabilisticSamplerProcessor(ComponentContext context, Signal<D> signal, SignalConsumer<D> next, BatchSampler<D> sampler,
            SamplerMetrics samplerMetrics) {
        super(context, signal, next);
        this.sampler = sampler;
        this.samplerMetrics = samplerMetrics;
    }

    @Override
    protected D process(D data) {
        if (data.isEmpty()) {
            return null;
        }
        int[] counts = new int[SamplerMetrics.SIZE];
        D kept = sampler.sample(data, counts);
        samplerMetrics.add(counts);
        return kept;
    }
}
