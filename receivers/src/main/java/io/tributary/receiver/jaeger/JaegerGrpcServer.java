package io.tributary.receiver.jaeger;

import io.grpc.Server;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.data.Traces;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.ServerTls;
import io.tributary.core.net.SheddingExecutor;
import io.tributary.receiver.intake.ExportFailure;
import io.tributary.translator.jaeger.JaegerProtoTranslator;
import io.tributary.translator.jaeger.apiv2.Collector.PostSpansRequest;
import io.tributary.translator.jaeger.apiv2.Collector.PostSpansResponse;
import io.tributary.translator.jaeger.apiv2.CollectorServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Jaeger collector's gRPC port: {@code jaeger.api_v2.CollectorService/PostSpans} on grpc-java,
 * on the shared event loops, handlers on the worker pool. Refusals map as in the {@code otlp}
 * receiver: back-pressure is UNAVAILABLE (RESOURCE_EXHAUSTED for a full queue) with RetryInfo,
 * bad data INVALID_ARGUMENT.
 */
final class JaegerGrpcServer {
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final Server server;

    private JaegerGrpcServer(Server server) {
        this.server = server;
    }

    static JaegerGrpcServer start(JaegerGrpcConfig config, ComponentContext context, Delivery delivery) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(HostPort.parse(config.endpoint()))
                .bossEventLoopGroup(context.eventLoops())
                .workerEventLoopGroup(context.eventLoops())
                .channelType(NioServerSocketChannel.class)
                .executor(new SheddingExecutor(context.workers()))
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                .addService(new CollectorServiceGrpc.CollectorServiceImplBase() {
                    @Override
                    public void postSpans(PostSpansRequest request, StreamObserver<PostSpansResponse> response) {
                        JaegerGrpcServer.postSpans(delivery, request, response);
                    }
                });
        SslContext ssl = ServerTls.context(config.tls(), GrpcSslContexts::configure);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        if (config.maxConcurrentStreams() > 0) {
            builder.maxConcurrentCallsPerConnection(config.maxConcurrentStreams());
        }
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot listen on " + config.endpoint() + ": " + reason.getMessage(), e);
        }
        return new JaegerGrpcServer(server);
    }

    private static void postSpans(Delivery delivery, PostSpansRequest request, StreamObserver<PostSpansResponse> response) {
        if (SheddingExecutor.shedding()) {
            response.onError(ExportFailure.BUSY.toGrpc());
            return;
        }
        Traces traces;
        try {
            traces = JaegerProtoTranslator.toTraces(request.getBatch());
        } catch (RuntimeException e) {
            delivery.undecodable("untranslatable Jaeger PostSpans request", e);
            response.onError(ExportFailure.invalid(e.getMessage()).toGrpc());
            return;
        }
        Optional<ExportFailure> refusal = delivery.deliver(traces);
        if (refusal.isEmpty()) {
            response.onNext(PostSpansResponse.getDefaultInstance());
            response.onCompleted();
        } else {
            response.onError(refusal.get().toGrpc());
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
