package io.tributary.processor.probabilisticsampler;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ProcessorMetrics;

/**
 * otelcol's probabilistic sampler for traces: each span is kept or dropped by {@link SpanSampler},
 * on the caller's thread and without state, so the spans of a trace get the same decision in any
 * request. The request is sampled in its encoded form ({@link WireSampler}). A scope or resource
 * left without spans goes too; when nothing is left the next consumer is not called. A request
 * whose every span is kept with its tracestate as it came is passed on as the very same
 * {@link Traces}.
 */
final class ProbabilisticSamplerProcessor implements Processor {
    private final TracesConsumer next;
    private final WireSampler sampler;
    private final ProcessorMetrics metrics;
    private final SamplerMetrics samplerMetrics;

    ProbabilisticSamplerProcessor(ComponentContext context, ProbabilisticSamplerConfig config, TracesConsumer next) {
        this.next = next;
        this.sampler = new WireSampler(new SpanSampler(config));
        this.metrics = context.telemetry().processor(context.id());
        this.samplerMetrics = new SamplerMetrics(context.telemetry().registry(), context.id());
    }

    @Override
    public void consume(Traces traces) {
        int incoming = traces.spanCount();
        metrics.incoming(incoming);
        if (traces.isEmpty()) {
            return;
        }
        int[] counts = new int[SamplerMetrics.SIZE];
        Traces out = sampler.sample(traces, counts);
        samplerMetrics.add(counts);
        if (out == null) {
            metrics.dropped(incoming);
            return;
        }
        metrics.dropped(incoming - out.spanCount());
        metrics.outgoing(out.spanCount());
        next.consume(out);
    }

    @Override
    public void shutdown() {
        // Nothing is held between requests.
    }
}
