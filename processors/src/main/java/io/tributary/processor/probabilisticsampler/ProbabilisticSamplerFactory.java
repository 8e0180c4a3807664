package io.tributary.processor.probabilisticsampler;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.TracesConsumer;

/** The {@code probabilistic_sampler} processor: keeps a percentage of traces, decided per span from its trace ID. */
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

    @Override
    public Processor create(ComponentContext context, ProbabilisticSamplerConfig config, TracesConsumer next) {
        return new ProbabilisticSamplerProcessor(context, config, next);
    }
}
