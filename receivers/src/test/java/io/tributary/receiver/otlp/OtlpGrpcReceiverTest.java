package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import java.nio.file.Path;
import io.tributary.testkit.Await;
import io.tributary.testkit.TestCertificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpGrpcReceiverTest {
    private static final String GRPC_ONLY = """
            protocols:
              grpc:
                endpoint: 127.0.0.1:0
            """;

    private final ReceiverFixture fixture = new ReceiverFixture();
    private ManagedChannel channel;

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.shutdownNow();
        }
        fixture.close();
    }

    @Test
    void sdkExporterSpansArriveIntact() throws Exception {
        fixture.start(GRPC_ONLY);
        List<SpanData> spans = SampleSpans.create();
        try (OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + fixture.grpc().getPort()).build()) {
            assertThat(exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        SampleSpans.assertReceived(spans, fixture.consumer.resourceSpans());
        assertThat(fixture.accepted("grpc")).isEqualTo(2);
    }

    @Test
    void gzipCompressedExportIsAccepted() throws Exception {
        fixture.start(GRPC_ONLY);
        List<SpanData> spans = SampleSpans.create();
        try (OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + fixture.grpc().getPort()).setCompression("gzip").build()) {
            assertThat(exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void retryableRefusalIsUnavailableWithRetryInfo() throws Exception {
        fixture.start(GRPC_ONLY);
        fixture.consumer.failWith(() -> new RetryableException("exporter down", Duration.ofSeconds(7), false, null));

        StatusRuntimeException error = exportRaw(validRequest());

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(retryDelay(error)).isEqualTo(Duration.ofSeconds(7));
        assertThat(fixture.refused("grpc")).isEqualTo(2);
        assertThat(fixture.accepted("grpc")).isZero();
    }

    @Test
    void thePipelineRunsOnAWorkerInTheCallsContextSoExportersCanHonourTheClientsDeadline() throws Exception {
        fixture.start(GRPC_ONLY);
        AtomicReference<Deadline> deadline = new AtomicReference<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        fixture.consumer.failWith(() -> {
            deadline.set(Context.current().getDeadline());
            thread.set(Thread.currentThread());
            return new RetryableException("recorded");
        });

        exportRaw(validRequest());

        assertThat(deadline.get()).isNotNull();
        assertThat(deadline.get().timeRemaining(TimeUnit.SECONDS)).isBetween(0L, 10L);
        assertThat(thread.get()).isNotInstanceOf(FastThreadLocalThread.class); // Netty's event loops run on those
    }

    /** Each hand-off wakes a parked worker; at an agent's rate those wake-ups cost more than the request. */
    @Test
    void aCallIsHandedToTheWorkersOnce() throws Exception {
        fixture.start(GRPC_ONLY);
        ThreadPoolExecutor workers = (ThreadPoolExecutor) fixture.context.workers();
        assertThat(exportRaw(validRequest())).isNull(); // connected, and grpc-java's classes loaded
        Await.until(() -> workers.getCompletedTaskCount() == workers.getTaskCount(), Duration.ofSeconds(10),
                () -> "the worker pool never went idle");
        long before = workers.getTaskCount();

        for (int call = 0; call < 5; call++) {
            assertThat(exportRaw(validRequest())).isNull();
        }

        assertThat(workers.getTaskCount() - before).isEqualTo(5);
        assertThat(fixture.consumer.spanCount()).isEqualTo(12);
    }

    @Test
    void aFullWorkerPoolAnswersUnavailableWithRetryInfoAndServesAgainOnceFree() throws Exception {
        fixture.start(GRPC_ONLY);
        channel(); // connect first: nothing of the handshake needs a worker
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor workers = (ThreadPoolExecutor) fixture.context.workers();
        while (workers.getQueue().remainingCapacity() > 0) {
            workers.execute(() -> awaitQuietly(release));
        }

        StatusRuntimeException error = exportRaw(validRequest());

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(retryDelay(error)).isEqualTo(Duration.ofSeconds(1));
        assertThat(fixture.consumer.spanCount()).isZero();
        release.countDown();
        Await.until(() -> workers.getQueue().isEmpty(), Duration.ofSeconds(10), () -> "the worker pool never drained");
        ClientCalls.blockingUnaryCall(channel(), OtlpGrpcServer.EXPORT,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), validRequest());
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void fullPipelineIsResourceExhaustedWithDefaultRetryDelay() throws Exception {
        fixture.start(GRPC_ONLY);
        fixture.consumer.failWith(() -> RetryableException.full("queue is full"));

        StatusRuntimeException error = exportRaw(validRequest());

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(error.getStatus().getDescription()).isEqualTo("queue is full");
        assertThat(retryDelay(error)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void permanentRefusalIsInvalidArgument() throws Exception {
        fixture.start(GRPC_ONLY);
        fixture.consumer.failWith(() -> new PermanentException("span too old"));

        StatusRuntimeException error = exportRaw(validRequest());

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).isEqualTo("span too old");
    }

    @Test
    void unexpectedPipelineFailureIsInternal() throws Exception {
        fixture.start(GRPC_ONLY);
        fixture.consumer.failWith(() -> new IllegalStateException("bug"));

        assertThat(exportRaw(validRequest()).getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void malformedPayloadIsInvalidArgumentAndServerKeepsServing() throws Exception {
        fixture.start(GRPC_ONLY);

        StatusRuntimeException error = exportRaw(ByteString.copyFrom(new byte[] {0x0a, 0x7f, 0x01}));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fixture.consumer.spanCount()).isZero();
        ClientCalls.blockingUnaryCall(channel(), OtlpGrpcServer.EXPORT, CallOptions.DEFAULT, validRequest());
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void messageAboveMaxRecvSizeIsRefused() throws Exception {
        fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                    max_recv_msg_size_mib: 1
                """);

        StatusRuntimeException error = exportRaw(ByteString.copyFrom(new byte[2 * 1024 * 1024]));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    @Test
    void servesOverTls() throws Exception {
        TestCertificate cert = TestCertificate.localhost();
        fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                    %s
                """.formatted(cert.serverTlsYaml()));
        List<SpanData> spans = SampleSpans.create();
        try (OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
                .setEndpoint("https://localhost:" + fixture.grpc().getPort())
                .setTrustedCertificates(cert.certPem()).build()) {
            CompletableResultCode result = exporter.export(spans).join(10, TimeUnit.SECONDS);
            assertThat(result.isSuccess()).isTrue();
        }
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void startFailsNamingAMissingCertFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                    tls:
                      cert_file: %s
                      key_file: %s
                """.formatted(missing, missing)))
                .hasMessageContaining("cert_file").hasMessageContaining(missing.toString());
    }

    @Test
    void startFailsNamingTheAddressInUse() throws Exception {
        fixture.start(GRPC_ONLY);
        int port = fixture.grpc().getPort();
        try (ReceiverFixture second = new ReceiverFixture()) {
            assertThatThrownBy(() -> second.start("""
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:%d
                    """.formatted(port)))
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ":");
        }
    }

    @Test
    void shutdownStopsListeningAndIsIdempotent() throws Exception {
        fixture.start(GRPC_ONLY);
        channel();
        fixture.receiver().shutdown();
        fixture.receiver().shutdown();

        assertThat(exportRaw(validRequest()).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    private ManagedChannel channel() {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", fixture.grpc().getPort()).usePlaintext().build();
        }
        return channel;
    }

    private StatusRuntimeException exportRaw(ByteString request) {
        return catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel(), OtlpGrpcServer.EXPORT,
                        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request));
    }

    private static Duration retryDelay(StatusRuntimeException error) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertThat(status).isNotNull();
        RetryInfo info = status.getDetails(0).unpack(RetryInfo.class);
        return Duration.ofSeconds(info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos());
    }

    static ByteString validRequest() {
        return OtlpRequests.protobuf(SampleSpans.create());
    }
}
