package io.tributary.receiver.zipkin;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Receiver;
import io.tributary.core.component.ReceiverFactory;
import io.tributary.core.consumer.TracesConsumer;

/** The {@code zipkin} receiver: Zipkin's v1 and v2 span APIs over HTTP. */
public final class ZipkinReceiverFactory implements ReceiverFactory<ZipkinReceiverConfig> {
    @Override
    public String type() {
        return "zipkin";
    }

    @Override
    public Class<ZipkinReceiverConfig> configType() {
        return ZipkinReceiverConfig.class;
    }

    @Override
    public ZipkinReceiverConfig defaultConfig() {
        return ZipkinReceiverConfig.DEFAULT;
    }

    @Override
    public Receiver create(ComponentContext context, ZipkinReceiverConfig config, TracesConsumer next) {
        return new ZipkinReceiver(context, config, next);
    }
}
