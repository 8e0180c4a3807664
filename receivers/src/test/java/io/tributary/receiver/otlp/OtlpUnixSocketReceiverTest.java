package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tributary.testkit.UnixSocketHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transport: unix}: real OTLP clients reach the receiver through a socket file, as they do otelcol's. */
class OtlpUnixSocketReceiverTest {
    private final ReceiverFixture fixture = new ReceiverFixture();
    private final EventLoopGroup clientLoops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        fixture.close();
        clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void grpcExportOverAUnixSocketArrivesIntact() throws Exception {
        Path socket = dir.resolve("otlp-grpc.sock");
        fixture.start(protocol("grpc", socket));
        List<SpanData> spans = SampleSpans.create();
        export(new DomainSocketAddress(socket.toFile()), spans);

        SampleSpans.assertReceived(spans, fixture.consumer.resourceSpans());
        assertThat(fixture.accepted("grpc")).isEqualTo(2);
    }

    @Test
    void httpExportOverAUnixSocketArrivesIntact() throws Exception {
        Path socket = dir.resolve("otlp-http.sock");
        fixture.start(protocol("http", socket));
        List<SpanData> spans = SampleSpans.create();

        UnixSocketHttpClient.Response response = new UnixSocketHttpClient(clientLoops)
                .post(socket, "/v1/traces", "application/x-protobuf", OtlpRequests.protobuf(spans).toByteArray());

        assertThat(response.status()).isEqualTo(200);
        SampleSpans.assertReceived(spans, fixture.consumer.resourceSpans());
        assertThat(fixture.accepted("http")).isEqualTo(2);
    }

    @Test
    void anEndpointStartingWithAtIsAnAbstractSocketWithNoFile() throws Exception {
        String name = "tributary-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        fixture.start("""
                protocols:
                  grpc:
                    transport: unix
                    endpoint: "@%s"
                """.formatted(name));
        List<SpanData> spans = SampleSpans.create();
        export(new DomainSocketAddress("\0" + name), spans);

        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
        assertThat(Path.of("@" + name)).doesNotExist();
    }

    @Test
    void theSocketFileExistsWhileServingAndIsRemovedAtShutdown() throws Exception {
        Path grpc = dir.resolve("grpc.sock");
        Path http = dir.resolve("http.sock");
        fixture.start("""
                protocols:
                  grpc:
                    transport: unix
                    endpoint: %s
                  http:
                    transport: unix
                    endpoint: %s
                """.formatted(grpc, http));

        assertThat(grpc).exists();
        assertThat(http).exists();
        assertThat(fixture.addresses()).as("a socket file has no port to report").isEmpty();

        fixture.receiver().shutdown();

        assertThat(grpc).doesNotExist();
        assertThat(http).doesNotExist();
    }

    @Test
    void aFileAlreadyAtTheSocketPathFailsStartAndIsLeftAlone() throws Exception {
        for (String protocol : List.of("grpc", "http")) {
            Path taken = Files.writeString(dir.resolve(protocol + "-taken.sock"), "not ours");

            assertThatThrownBy(() -> fixture.start(protocol(protocol, taken)))
                    .hasMessageStartingWith("cannot listen on " + taken + ":")
                    .hasMessageContaining("address already in use");
            assertThat(taken).hasContent("not ours");
        }
    }

    @Test
    void unixTransportNeedsASocketPath() {
        assertThatThrownBy(() -> ReceiverFixture.config("""
                protocols:
                  http:
                    transport: unix
                    endpoint: ""
                """)).hasMessageContaining("receivers::otlp::protocols::http")
                .hasMessageContaining("a unix socket path is required");
    }

    @Test
    void aTransportOtelcolCannotServeOnIsAConfigError() {
        assertThatThrownBy(() -> ReceiverFixture.config("""
                protocols:
                  grpc:
                    transport: udp
                """)).hasMessageContaining("receivers::otlp::protocols::grpc")
                .hasMessageContaining("transport 'udp' is not supported (use one of tcp, tcp4, tcp6, unix)");
    }

    /** Exports with a grpc-java client, as an OTLP SDK would, over a domain socket. */
    private void export(DomainSocketAddress socket, List<SpanData> spans) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress(socket)
                .eventLoopGroup(clientLoops)
                .channelType(EpollDomainSocketChannel.class)
                .usePlaintext()
                .build();
        try {
            TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .export(ExportTraceServiceRequest.parseFrom(OtlpRequests.protobuf(spans)));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String protocol(String protocol, Path socket) {
        return """
                protocols:
                  %s:
                    transport: unix
                    endpoint: %s
                """.formatted(protocol, socket);
    }
}
