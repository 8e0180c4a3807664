package io.tributary.core.component;

import io.tributary.core.consumer.TracesConsumer;

public interface ProcessorFactory<C> extends ComponentFactory<C> {
    @Override
    default Kind kind() {
        return Kind.PROCESSOR;
    }

    Processor create(ComponentContext context, C config, TracesConsumer next);
}
