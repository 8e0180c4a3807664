package io.tributary.core.component;

import io.tributary.core.consumer.ConnectorTargets;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;

/**
 * A connector type: listed as an exporter of pipelines of one signal and as a receiver of
 * pipelines of another (or the same) signal, it turns the first pipelines' data into the second
 * ones'. As in otelcol, one instance is created per connector ID and pair of signals it connects
 * in the config; it consumes what every pipeline of {@code from} listing it exports and feeds
 * every pipeline of {@code to} listing it as a receiver.
 */
public interface ConnectorFactory<C> extends ComponentFactory<C> {
    @Override
    default Kind kind() {
        return Kind.CONNECTOR;
    }

    /** Whether this type takes {@code from}'s data (as an exporter) and makes {@code to}'s (as a receiver). */
    boolean connects(Signal<?> from, Signal<?> to);

    /** The connector of one pair {@link #connects} accepts, feeding {@code to}'s pipelines. */
    <F extends SignalData<F, ?>, T extends SignalData<T, ?>> Connector<F> create(ComponentContext context, C config,
            Signal<F> from, ConnectorTargets<T> to);
}
