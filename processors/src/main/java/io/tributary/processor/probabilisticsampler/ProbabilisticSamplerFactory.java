package io.tributary.processor.probabilisticsampler;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.Schema;
import java.util.Set;

/**
 * The {@code probabilistic_sampler} processor: keeps a percentage of traces, decided per span from
 * its trace ID, or of log records, decided per record from its trace ID or an attribute.
 */
public final class ProbabilisticSamplerFactory implements ProcessorFactory<ProbabilisticSamplerConfig> {
    @Override
    public String type() {
        return "probabilistic_sampler";
    }

    @Override
    public Class<ProbabilisticSamplerConfig> configType() {
        return ProbabilisticSamplerConfig.class;
    }

    @Override
    public ProbabilisticSamplerConfig defaultConfig() {
        return ProbabilisticSamplerConfig.DEFAULT;
    }

    /** As otelcol: traces and logs, not metrics. */
    @Override
    public Set<Signal<?>> signals() {
        return Set.of(Signal.TRACES, Signal.LOGS);
    }

    @Override
    public Processor create(ComponentContext context, ProbabilisticSamplerConfig config, TracesConsumer next) {
        SpanSampler spans = new SpanSampler(config);
        WireSampler<Traces> wire = new WireSampler<>(Schema.TRACES, Traces::trusted);
        return Processor.of(new ProbabilisticSamplerProcessor<>(context, Signal.TRACES, next,
                (traces, counts) -> wire.sample(traces, (buf, start, end) -> spans.sample(buf, start, end, counts)),
                SamplerMetrics.forTraces(context.telemetry())));
    }

    // signals() admits traces (the method above) and logs, so D is Logs here.
    @SuppressWarnings("unchecked")
    @Override
    public <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, ProbabilisticSamplerConfig config,
            Signal<D> signal, SignalConsumer<D> next) {
        if (signal != Signal.LOGS) {
            throw new UnsupportedOperationException("the probabilistic_sampler processor does not support " + signal);
        }
        LogSampler records = new LogSampler(config);
        return (SignalProcessor<D>) new ProbabilisticSamplerProcessor<>(context, Signal.LOGS, (SignalConsumer<Logs>) next,
                records::sample, SamplerMetrics.forLogs(context.telemetry(), config.fromAttribute()));
    }
}
