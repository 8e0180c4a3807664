package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery guarantees of the whole daemon: raw HTTP bodies, bad input, backend outages, metrics, shutdown. */
class DeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Random random = new Random(42);
    private OtlpBackend backend;
    private DaemonHarness daemon;

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private void boot(String batch) throws Exception {
        backend = OtlpBackend.start();
        daemon = new DaemonHarness("""
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: localhost:0
                        max_request_body_size: 1MiB
                processors:
                  batch:
                %s
                exporters:
                  otlp:
                    endpoint: localhost:%d
                    tls: {insecure: true}
                    retry_on_failure:
                      initial_interval: 50ms
                      max_interval: 200ms
                      max_elapsed_time: 0
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [otlp]
                  telemetry:
                    metrics:
                      address: localhost:0
                """.formatted(batch, backend.port()));
    }

    @Test
    void handWrittenOtlpJsonIsDecoded() throws Exception {
        boot("    timeout: 10ms");
        String json = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-svc"}}]},
                 "scopeSpans":[{"scope":{"name":"manual"},"spans":[{
                   "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                   "parentSpanId":"eee19b7ec3c1b173","name":"json-span","kind":2,
                   "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
                   "attributes":[{"key":"count","value":{"intValue":"7"}}],
                   "status":{"code":2,"message":"boom"}}]}]}]}
                """;
        HttpResponse<String> response = daemon.post("otlp", "application/json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);

        backend.awaitSpans(1, WAIT);
        Span span = backend.spans().get(0);
        assertThat(OtlpEndToEndTest.hex(span.getTraceId().toByteArray())).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(OtlpEndToEndTest.hex(span.getParentSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b173");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1544712661000000000L);
        assertThat(span.getAttributes(0).getValue().getIntValue()).isEqualTo(7);
        assertThat(span.getStatus().getMessage()).isEqualTo("boom");
    }

    @Test
    void gzipBodyIsDelivered() throws Exception {
        boot("    timeout: 10ms");
        HttpResponse<String> response = daemon.post("otlp", "application/x-protobuf", gzip(request(25).toByteArray()), "Content-Encoding", "gzip");
        assertThat(response.statusCode()).isEqualTo(200);
        backend.awaitSpans(25, WAIT);
        assertThat(backend.spanCount()).isEqualTo(25);
    }

    @Test
    void badRequestsGetTheirStatusAndValidDataStillFlows() throws Exception {
        boot("    timeout: 10ms");
        assertThat(daemon.post("otlp", "application/x-protobuf", new byte[] {0x0a, 0x7f, 0x01}).statusCode()).isEqualTo(400);
        assertThat(daemon.post("otlp", "application/json", "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(400);
        assertThat(daemon.post("otlp", "text/plain", request(1).toByteArray()).statusCode()).isEqualTo(415);
        assertThat(daemon.post("otlp", "application/x-protobuf", new byte[2 * 1024 * 1024]).statusCode()).isEqualTo(413);
        assertThat(daemon.post("otlp", "application/x-protobuf", gzip(new byte[64 * 1024 * 1024]), "Content-Encoding", "gzip").statusCode())
                .as("a gzip bomb is cut off while inflating").isEqualTo(413);

        assertThat(daemon.post("otlp", "application/x-protobuf", request(3).toByteArray()).statusCode()).isEqualTo(200);
        backend.awaitSpans(3, WAIT);
        assertThat(backend.spanCount()).isEqualTo(3);
    }

    @Test
    void spansAcceptedWhileTheBackendIsDownArriveWhenItIsBack() throws Exception {
        boot("    timeout: 10ms");
        backend.stop();
        for (int i = 0; i < 10; i++) {
            assertThat(daemon.post("otlp", "application/x-protobuf", request(10).toByteArray()).statusCode()).isEqualTo(200);
        }
        backend.restart();
        backend.awaitSpans(100, WAIT);
        assertThat(backend.spanCount()).isEqualTo(100);
    }

    @Test
    void metricsCountWhatWasSent() throws Exception {
        boot("    timeout: 10ms");
        for (int i = 0; i < 4; i++) {
            daemon.post("otlp", "application/x-protobuf", request(30).toByteArray());
        }
        backend.awaitSpans(120, WAIT);
        Await.until(() -> daemon.metric("otelcol_exporter_sent_spans") == 120, WAIT,
                () -> "sent spans metric: " + daemon.metric("otelcol_exporter_sent_spans"));
        assertThat(daemon.metric("otelcol_receiver_accepted_spans")).isEqualTo(120);
        assertThat(daemon.metric("otelcol_receiver_refused_spans")).isZero();
        assertThat(daemon.metric("otelcol_processor_batch_batch_send_size_sum")).isEqualTo(120);
        assertThat(daemon.metric("otelcol_exporter_send_failed_spans")).isZero();
    }

    @Test
    void shutdownFlushesAHalfFullBatch() throws Exception {
        boot("    timeout: 1h\n    send_batch_size: 1000");
        assertThat(daemon.post("otlp", "application/x-protobuf", request(7).toByteArray()).statusCode()).isEqualTo(200);
        daemon.close();
        backend.awaitSpans(7, WAIT);
        assertThat(backend.spanCount()).isEqualTo(7);
    }

    private ExportTraceServiceRequest request(int spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < spans; i++) {
            scope.addSpans(Span.newBuilder()
                    .setTraceId(randomBytes(16)).setSpanId(randomBytes(8))
                    .setName("op-" + i).setStartTimeUnixNano(1).setEndTimeUnixNano(2));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("svc"))))
                .addScopeSpans(scope)).build();
    }

    private ByteString randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return ByteString.copyFrom(b);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
