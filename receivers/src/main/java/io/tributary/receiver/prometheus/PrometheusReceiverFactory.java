package io.tributary.receiver.prometheus;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Receiver;
import io.tributary.core.component.ReceiverFactory;
import io.tributary.core.consumer.Consumers;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import java.util.Set;

/** Type {@code prometheus}: scrapes Prometheus targets into metrics, as otelcol-contrib's prometheusreceiver. */
public final class PrometheusReceiverFactory implements ReceiverFactory<PrometheusReceiverConfig> {
    @Override
    public String type() {
        return "prometheus";
    }

    @Override
    public Class<PrometheusReceiverConfig> configType() {
        return PrometheusReceiverConfig.class;
    }

    @Override
    public PrometheusReceiverConfig defaultConfig() {
        return PrometheusReceiverConfig.DEFAULT;
    }

    @Override
    public Set<Signal<?>> signals() {
        return Set.of(Signal.METRICS);
    }

    /** Never called: the service creates a receiver only for the signals {@link #signals()} names. */
    @Override
    public Receiver create(ComponentContext context, PrometheusReceiverConfig config, TracesConsumer next) {
        throw new UnsupportedOperationException("the prometheus receiver produces metrics only");
    }

    @Override
    public Receiver create(ComponentContext context, PrometheusReceiverConfig config, Consumers next) {
        return new PrometheusReceiver(context, config, next.metrics());
    }
}
