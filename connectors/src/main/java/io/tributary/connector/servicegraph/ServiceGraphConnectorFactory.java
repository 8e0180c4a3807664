package io.tributary.connector.servicegraph;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Connector;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.consumer.ConnectorTargets;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;

/** {@code servicegraph}: from traces, the metrics of the requests between services (otelcol's connector). */
public final class ServiceGraphConnectorFactory implements ConnectorFactory<ServiceGraphConfig> {
    @Override
    public String type() {
        return "servicegraph";
    }

    @Override
    public boolean connects(Signal<?> from, Signal<?> to) {
        return from == Signal.TRACES && to == Signal.METRICS;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <F extends SignalData<F, ?>, T extends SignalData<T, ?>> Connector<F> create(ComponentContext context,
            ServiceGraphConfig config, Signal<F> from, ConnectorTargets<T> to) {
        // connects() admits traces to metrics only, so F is Traces and T is Metrics.
        return (Connector<F>) new ServiceGraphConnector(context, config, ((ConnectorTargets<Metrics>) to).all());
    }

    @Override
    public Class<ServiceGraphConfig> configType() {
        return ServiceGraphConfig.class;
    }

    @Override
    public ServiceGraphConfig defaultConfig() {
        return ServiceGraphConfig.DEFAULT;
    }
}
