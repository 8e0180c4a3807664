package io.tributary.processor.probabilisticsampler;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.processorhelper.ProcessorHelper;

/**
 * otelcol's probabilistic sampler for traces: each span is kept or dropped by {@link SpanSampler},
 * on the caller's thread and without state, so the spans of a trace get the same decision in any
 * request. The request is sampled in its encoded form ({@link WireSampler}). A scope or resource
 * left without spans goes too; when nothing is left the next consumer is not called. A request
 * whose every span is kept with its tracestate as it came is passed on as the very same
 * {@link Traces}.
 */
final class ProbabilisticSamplerProcessor extends ProcessorHelper<Traces> implements Processor {
    private final WireSampler sampler;
    private final SamplerMetrics samplerMetrics;

    ProbabilisticSamplerProcessor(ComponentContext context, ProbabilisticSamplerConfig config, TracesConsumer next) {
        super(context, Signal.TRACES, next);
        this.sampler = new WireSampler(new SpanSampler(config));
        this.samplerMetrics = new SamplerMetrics(context.telemetry());
    }

    @Override
    protected Traces process(Traces traces) {
        if (traces.isEmpty()) {
            return null;
        }
        int[] counts = new int[SamplerMetrics.SIZE];
        Traces kept = sampler.sample(traces, counts);
        samplerMetrics.add(counts);
        return kept;
    }
}
