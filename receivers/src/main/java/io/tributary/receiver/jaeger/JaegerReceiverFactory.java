package io.tributary.receiver.jaeger;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Receiver;
import io.tributary.core.component.ReceiverFactory;
import io.tributary.core.consumer.TracesConsumer;

/** Type {@code jaeger}: gRPC 14250, Thrift HTTP 14268, agent UDP compact 6831 and binary 6832 (localhost by default). */
public final class JaegerReceiverFactory implements ReceiverFactory<JaegerReceiverConfig> {
    @Override
    public String type() {
        return "jaeger";
    }

    @Override
    public Class<JaegerReceiverConfig> configType() {
        return JaegerReceiverConfig.class;
    }

    @Override
    public JaegerReceiverConfig defaultConfig() {
        return JaegerReceiverConfig.DEFAULT;
    }

    @Override
    public Receiver create(ComponentContext context, JaegerReceiverConfig config, TracesConsumer next) {
        return new JaegerReceiver(context, config, next);
    }
}
