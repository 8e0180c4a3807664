package io.tributary.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.config.ConfigException;
import io.tributary.core.data.Traces;
import io.tributary.exporter.SampleTraces;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.OtlpBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code endpoint: unix:///path}: the exporter reaches a gRPC server on a Unix domain socket, as otelcol's does. */
class OtlpGrpcUnixSocketTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final TestRuntime runtime = new TestRuntime();
    private final EventLoopGroup serverLoops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    private Server server;
    private OtlpGrpcSender sender;
    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        if (sender != null) {
            sender.shutdown();
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        serverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        runtime.close();
    }

    @Test
    void sendsToAServerOnAUnixSocket() throws Exception {
        Path socket = dir.resolve("backend.sock");
        serve(socket);
        ExportTraceServiceRequest request = SampleTraces.request("checkout", 1, 3);
        sender = new OtlpGrpcSender(OtlpGrpcSenderTest.config("unix://" + socket), runtime.context("otlp").eventLoops());
        sender.start(null);

        sender.send(Traces.parse(request.toByteString()), TIMEOUT);

        assertThat(received).containsExactly(request);
    }

    @Test
    void withoutNativeEpollAUnixEndpointFailsTheStartSayingWhy() throws Exception {
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            sender = new OtlpGrpcSender(OtlpGrpcSenderTest.config("unix://" + dir.resolve("x.sock")), nio);

            assertThatThrownBy(() -> sender.start(null)).hasMessageContaining("Unix domain sockets need Netty's native epoll transport");
        } finally {
            sender = null;
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aUnixSchemeWithoutAPathIsAConfigError() {
        assertThatThrownBy(() -> OtlpGrpcSenderTest.config("unix://"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exporters::otlp")
                .hasMessageContaining("unix socket path cannot be empty");
    }

    private void serve(Path socket) throws Exception {
        ServerServiceDefinition service = ServerServiceDefinition.builder(OtlpBackend.EXPORT.getServiceName())
                .addMethod(OtlpBackend.EXPORT, ServerCalls.asyncUnaryCall((request, response) -> {
                    received.add(request);
                    response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    response.onCompleted();
                }))
                .build();
        server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toFile()))
                .bossEventLoopGroup(serverLoops)
                .workerEventLoopGroup(serverLoops)
                .channelType(EpollServerDomainSocketChannel.class)
                .addService(service)
                .build()
                .start();
    }
}
