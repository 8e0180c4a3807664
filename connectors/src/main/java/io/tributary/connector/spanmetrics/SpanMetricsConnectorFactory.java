package io.tributary.connector.spanmetrics;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Connector;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.consumer.ConnectorTargets;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code spanmetrics}: traces to metrics, R.E.D. metrics of the spans, as otelcol-contrib's spanmetricsconnector. */
public final class SpanMetricsConnectorFactory implements ConnectorFactory<SpanMetricsConfig> {
    private static final Logger log = LoggerFactory.getLogger(SpanMetricsConnectorFactory.class);

    @Override
    public String type() {
        return "spanmetrics";
    }

    @Override
    public boolean connects(Signal<?> from, Signal<?> to) {
        return from == Signal.TRACES && to == Signal.METRICS;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <F extends SignalData<F, ?>, T extends SignalData<T, ?>> Connector<F> create(ComponentContext context,
            SpanMetricsConfig config, Signal<F> from, ConnectorTargets<T> to) {
        if (config.dimensionsCacheSize() != 0) {
            log.warn("DimensionsCacheSize is deprecated, please use AggregationCardinalityLimit instead.");
        }
        // connects() admits traces to metrics only
        return (Connector<F>) new SpanMetricsConnector(config, ((ConnectorTargets<Metrics>) to).all(), context.clock(),
                context.scheduler());
    }

    @Override
    public Class<SpanMetricsConfig> configType() {
        return SpanMetricsConfig.class;
    }

    @Override
    public SpanMetricsConfig defaultConfig() {
        return SpanMetricsConfig.DEFAULT;
    }
}
