package io.tributary.core.component;

import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;

public interface ProcessorFactory<C> extends ComponentFactory<C> {
    @Override
    default Kind kind() {
        return Kind.PROCESSOR;
    }

    Processor create(ComponentContext context, C config, TracesConsumer next);

    /**
     * A processor in a pipeline of {@code signal}, one of {@link #signals()} other than traces
     * (traces pipelines get theirs from the method above). A factory of more signals than traces
     * overrides it.
     */
    default <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, C config, Signal<D> signal,
            SignalConsumer<D> next) {
        throw new UnsupportedOperationException("the " + type() + " processor does not support " + signal);
    }
}
