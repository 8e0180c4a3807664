package io.tributary.receiver.otlp;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Receiver;
import io.tributary.core.component.ReceiverFactory;
import io.tributary.core.consumer.TracesConsumer;

/** Type {@code otlp}: OTLP/gRPC on 4317 and OTLP/HTTP on 4318 (localhost by default, as otelcol). */
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
    public Receiver create(ComponentContext context, OtlpReceiverConfig config, TracesConsumer next) {
        return new OtlpReceiver(context, config, next);
    }
}
