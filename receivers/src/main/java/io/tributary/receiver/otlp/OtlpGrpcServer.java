package io.tributary.receiver.otlp;

import io.tributary.receiver.intake.ExportFailure;
import io.tributary.receiver.intake.Intake;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.ServerTls;
import io.tributary.core.net.SheddingExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** OTLP/gRPC: the {@code TraceService/Export} method on grpc-java, fed the raw request bytes. */
final class OtlpGrpcServer {
    static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

    /**
     * Keeps the request encoded: {@code Traces.parse} validates it without building protobuf
     * objects. The bytes are copied once, out of Netty's buffers into one exact array: grpc-java's
     * message stream knows its length ({@link KnownLength}), whereas {@code ByteString.readFrom}
     * would read chunks and copy them again.
     */
    static final MethodDescriptor.Marshaller<ByteString> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(ByteString value) {
            return value.newInput();
        }

        @Override
        public ByteString parse(InputStream stream) {
            try {
                return UnsafeByteOperations.unsafeWrap(readAll(stream));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static byte[] readAll(InputStream stream) throws IOException {
        if (!(stream instanceof KnownLength)) {
            return stream.readAllBytes();
        }
        byte[] bytes = new byte[stream.available()];
        int read = stream.readNBytes(bytes, 0, bytes.length);
        if (read != bytes.length || stream.read() != -1) {
            throw new IOException("the request stream's length differs from the " + bytes.length + " bytes it announced");
        }
        return bytes;
    }

    static final MethodDescriptor<ByteString, ExportTraceServiceResponse> EXPORT =
            MethodDescriptor.<ByteString, ExportTraceServiceResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Export"))
                    .setRequestMarshaller(RAW)
                    .setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
                    .build();

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final Server server;

    private OtlpGrpcServer(Server server) {
        this.server = server;
    }

    static OtlpGrpcServer start(GrpcConfig config, ComponentContext context, Intake intake) throws IOException {
        InetSocketAddress address = HostPort.parse(config.endpoint());
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
                .bossEventLoopGroup(context.eventLoops())
                .workerEventLoopGroup(context.eventLoops())
                .channelType(NioServerSocketChannel.class)
                .executor(new SheddingExecutor(context.workers()))
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                .addService(ServerServiceDefinition.builder(SERVICE)
                        .addMethod(EXPORT, ServerCalls.asyncUnaryCall(
                                (ByteString request, StreamObserver<ExportTraceServiceResponse> response) ->
                                        export(intake, request, response)))
                        .build());
        SslContext ssl = ServerTls.context(config.tls(), GrpcSslContexts::configure);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        if (config.maxConcurrentStreams() > 0) {
            builder.maxConcurrentCallsPerConnection(config.maxConcurrentStreams());
        }
        applyKeepalive(builder, config.keepalive());
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot listen on " + config.endpoint() + ": " + reason.getMessage(), e);
        }
        return new OtlpGrpcServer(server);
    }

    private static void export(Intake intake, ByteString request, StreamObserver<ExportTraceServiceResponse> response) {
        Optional<ExportFailure> failure = SheddingExecutor.shedding() ? Optional.of(ExportFailure.BUSY) : intake.export(request);
        if (failure.isEmpty()) {
            response.onNext(ExportTraceServiceResponse.getDefaultInstance());
            response.onCompleted();
        } else {
            response.onError(failure.get().toGrpc());
        }
    }

    private static void applyKeepalive(NettyServerBuilder builder, GrpcConfig.Keepalive keepalive) {
        if (keepalive == null) {
            return;
        }
        GrpcConfig.ServerParameters server = keepalive.serverParameters();
        if (server != null) {
            ifPositive(server.maxConnectionIdle(), d -> builder.maxConnectionIdle(d.toNanos(), TimeUnit.NANOSECONDS));
            ifPositive(server.maxConnectionAge(), d -> builder.maxConnectionAge(d.toNanos(), TimeUnit.NANOSECONDS));
            ifPositive(server.maxConnectionAgeGrace(),
                    d -> builder.maxConnectionAgeGrace(d.toNanos(), TimeUnit.NANOSECONDS));
            ifPositive(server.time(), d -> builder.keepAliveTime(d.toNanos(), TimeUnit.NANOSECONDS));
            ifPositive(server.timeout(), d -> builder.keepAliveTimeout(d.toNanos(), TimeUnit.NANOSECONDS));
        }
        GrpcConfig.EnforcementPolicy policy = keepalive.enforcementPolicy();
        if (policy != null) {
            ifPositive(policy.minTime(), d -> builder.permitKeepAliveTime(d.toNanos(), TimeUnit.NANOSECONDS));
            builder.permitKeepAliveWithoutCalls(policy.permitWithoutStream());
        }
    }

    private static void ifPositive(Duration duration, Consumer<Duration> apply) {
        if (duration != null && !duration.isZero() && !duration.isNegative()) {
            apply.accept(duration);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /** Stops accepting calls and lets running ones finish within a bounded wait. */
    void shutdown() {
        server.shutdown();
        try {
            if (!server.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
