package io.tributary.connector.forward;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Connector;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.consumer.ConnectorTargets;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;

/**
 * {@code forward}: hands a pipeline's data on, unchanged, to the pipelines of the same signal
 * that receive from it, e.g. to run one stream through two processor chains.
 */
public final class ForwardConnectorFactory implements ConnectorFactory<ForwardConfig> {
    @Override
    public String type() {
        return "forward";
    }

    @Override
    public boolean connects(Signal<?> from, Signal<?> to) {
        return from == to;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <F extends SignalData<F, ?>, T extends SignalData<T, ?>> Connector<F> create(ComponentContext context,
            ForwardConfig config, Signal<F> from, ConnectorTargets<T> to) {
        // connects() admits only from == to, so T is F.
        return new Forward<>((SignalConsumer<F>) to.all());
    }

    @Override
    public Class<ForwardConfig> configType() {
        return ForwardConfig.class;
    }

    @Override
    public ForwardConfig defaultConfig() {
        return ForwardConfig.DEFAULT;
    }

    private record Forward<D extends SignalData<D, ?>>(SignalConsumer<D> next) implements Connector<D> {
        @Override
        public void consume(D data) {
            next.consume(data);
        }

        @Override
        public void shutdown() {
        }
    }
}
