package io.tributary.core.telemetry.push;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.netty.channel.EventLoopGroup;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.tributary.core.data.Signal;
import io.tributary.core.net.ClientTls;
import io.tributary.core.net.EventLoops;
import io.tributary.core.net.GrpcClients;
import io.tributary.core.telemetry.TelemetryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** OTLP/gRPC {@code MetricsService/Export} calls on a grpc-java channel over the shared event loops. */
final class GrpcMetricsPush implements MetricsPush {
    /** grpc-go's port for a target without one. */
    private static final int DEFAULT_PORT = 443;
    private static final MethodDescriptor<ExportMetricsServiceRequest, Message> EXPORT =
            Signal.METRICS.exportMethod(ProtoUtils.marshaller(ExportMetricsServiceRequest.getDefaultInstance()));

    private final ManagedChannel channel;
    /** The channel with the configured headers on every call. */
    private final Channel calls;
    private final CallOptions options;

    private GrpcMetricsPush(ManagedChannel channel, Channel calls, CallOptions options) {
        this.channel = channel;
        this.calls = calls;
        this.options = options;
    }

    static GrpcMetricsPush open(TelemetryConfig.Otlp otlp, EventLoopGroup eventLoops) throws Exception {
        URI url = otlp.url();
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(url.getHost(), url.getPort() >= 0 ? url.getPort() : DEFAULT_PORT)
                .eventLoopGroup(eventLoops)
                .channelType(EventLoops.clientChannel(eventLoops, false))
                .directExecutor();
        if (otlp.plaintext()) {
            builder.usePlaintext();
        } else {
            builder.sslContext(ClientTls.build(GrpcSslContexts.forClient(), otlp.tls()));
        }
        ManagedChannel channel = builder.build();
        CallOptions options = otlp.compression() == TelemetryConfig.Compression.GZIP
                ? CallOptions.DEFAULT.withCompression("gzip") : CallOptions.DEFAULT;
        return new GrpcMetricsPush(channel, ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(GrpcClients.metadata(otlp.headerValues()))),
                options);
    }

    @Override
    public void send(ExportMetricsServiceRequest request, Duration timeout) throws Exception {
        Message response = ClientCalls.blockingUnaryCall(calls, EXPORT,
                options.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS), request);
        MetricsPush.checkPartialSuccess(((ExportMetricsServiceResponse) response).getPartialSuccess());
    }

    @Override
    public void close() {
        GrpcClients.shutdown(channel);
    }
}
