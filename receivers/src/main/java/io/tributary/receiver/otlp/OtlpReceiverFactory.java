package io.tributary.receiver.otlp;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Receiver;
import io.tributary.core.component.ReceiverFactory;
import io.tributary.core.consumer.Consumers;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import java.util.Set;

/** Type {@code otlp}: OTLP/gRPC on 4317 and OTLP/HTTP on 4318 (localhost by default, as otelcol), traces, metrics and logs. */
public final class OtlpReceiverFactory implements ReceiverFactory<OtlpReceiverConfig> {
    @Override
    public String type() {
        return "otlp";
    }

    @Override
    public Class<OtlpReceiverConfig> configType() {
        return OtlpReceiverConfig.class;
    }

    @Override
    public OtlpReceiverConfig defaultConfig() {
        return OtlpReceiverConfig.DEFAULT;
    }

    @Override
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    @Override
    public Receiver create(ComponentContext context, OtlpReceiverConfig config, TracesConsumer next) {
        return create(context, config, Consumers.traces(next));
    }

    @Override
    public Receiver create(ComponentContext context, OtlpReceiverConfig config, Consumers next) {
        return new OtlpReceiver(context, config, next);
    }
}
