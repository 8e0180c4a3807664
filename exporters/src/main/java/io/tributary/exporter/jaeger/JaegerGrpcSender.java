package io.tributary.exporter.jaeger;

import io.grpc.CallOptions;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.netty.channel.EventLoopGroup;
import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.core.net.auth.Authenticators;
import io.tributary.exporter.configgrpc.GrpcClientChannel;
import io.tributary.exporter.configgrpc.GrpcSendFailures;
import io.tributary.translator.jaeger.JaegerProtoTranslator;
import io.tributary.translator.jaeger.apiv2.Collector.PostSpansRequest;
import io.tributary.translator.jaeger.apiv2.CollectorServiceGrpc;
import io.tributary.translator.jaeger.apiv2.Model;
import java.time.Duration;

/**
 * Sends one {@code jaeger.api_v2.CollectorService/PostSpans} call per resource, as otelcol's
 * jaegerexporter did, over a channel built like the {@code otlp} exporter's. The calls of one
 * batch share the timeout; when one fails the whole batch is retried, so the collector may see
 * the resources before it twice (at-least-once, like otelcol).
 */
final class JaegerGrpcSender implements Sender {
    private final JaegerExporterConfig config;
    private final EventLoopGroup eventLoops;
    private volatile GrpcClientChannel channel;

    JaegerGrpcSender(JaegerExporterConfig config, EventLoopGroup eventLoops) {
        this.config = config;
        this.eventLoops = eventLoops;
    }

    /** Builds the channel; it connects (and resolves the name) lazily, so a collector that is down does not fail start. */
    @Override
    public void start(Host host) throws Exception {
        channel = GrpcClientChannel.open(config.client(), Authenticators.client(host, config.client().auth(), "auth"), null, eventLoops);
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        CallOptions options = config.client().callOptions(timeout);
        for (Model.Batch batch : JaegerProtoTranslator.toBatches(traces)) {
            try {
                ClientCalls.blockingUnaryCall(channel.calls(), CollectorServiceGrpc.getPostSpansMethod(), options,
                        PostSpansRequest.newBuilder().setBatch(batch).build());
            } catch (StatusRuntimeException e) {
                throw GrpcSendFailures.classify(e, config.client().endpoint(), timeout);
            }
        }
    }

    @Override
    public void shutdown() {
        GrpcClientChannel c = channel;
        if (c != null) {
            c.shutdown();
        }
    }
}
