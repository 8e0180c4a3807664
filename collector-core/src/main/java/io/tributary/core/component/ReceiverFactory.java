package io.tributary.core.component;

import io.tributary.core.consumer.TracesConsumer;

public interface ReceiverFactory<C> extends ComponentFactory<C> {
    @Override
    default Kind kind() {
        return Kind.RECEIVER;
    }

    Receiver create(ComponentContext context, C config, TracesConsumer next);
}
