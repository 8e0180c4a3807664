package io.tributary.processor.tailsampling;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.TracesConsumer;

/** The {@code tail_sampling} processor: buffers each trace, then keeps or drops it whole by policy. */
public final class TailSamplingProcessorFactory implements ProcessorFactory<TailSamplingConfig> {
    @Override
    public String type() {
        return "tail_sampling";
    }

    @Override
    public Class<TailSamplingConfig> configType() {
        return TailSamplingConfig.class;
    }

    @Override
    public TailSamplingConfig defaultConfig() {
        return TailSamplingConfig.DEFAULT;
    }

    @Override
    public Processor create(ComponentContext context, TailSamplingConfig config, TracesConsumer next) {
        return new TailSamplingProcessor(context, config, next);
    }
}
