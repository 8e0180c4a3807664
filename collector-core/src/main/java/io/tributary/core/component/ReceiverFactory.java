package io.tributary.core.component;

import io.tributary.core.consumer.Consumers;
import io.tributary.core.consumer.TracesConsumer;

public interface ReceiverFactory<C> extends ComponentFactory<C> {
    @Override
    default Kind kind() {
        return Kind.RECEIVER;
    }

    Receiver create(ComponentContext context, C config, TracesConsumer next);

    /**
     * The one receiver of this ID for every pipeline that lists it, whichever of
     * {@link #signals()} they carry: {@code next} has the consumer of each signal used. A factory
     * of more signals than traces overrides it; the default creates a traces receiver.
     */
    default Receiver create(ComponentContext context, C config, Consumers next) {
        return create(context, config, next.traces());
    }
}
