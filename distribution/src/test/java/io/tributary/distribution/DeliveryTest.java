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
import io.tributary.testkit.OtlpBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery guarantees of the whole daemon: raw HTTP bodies, bad input, backend outages, metrics, shutdown. */
class DeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();
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
        HttpResponse<String> response = post(json.getBytes(StandardCharsets.UTF_8), "application/json", null);
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
        HttpResponse<String> response = post(gzip(request(25).toByteArray()), "application/x-protobuf", "gzip");
        assertThat(response.statusCode()).isEqualTo(200);
        backend.awaitSpans(25, WAIT);
        assertThat(backend.spanCount()).isEqualTo(25);
    }

    @Test
    void badRequestsGetTheirStatusAndValidDataStillFlows() throws Exception {
        boot("    timeout: 10ms");
        assertThat(post(new byte[] {0x0a, 0x7f, 0x01}, "application/x-protobuf", null).statusCode()).isEqualTo(400);
        assertThat(post("{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8), "application/json", null).statusCode())
                .isEqualTo(400);
        assertThat(post(request(1).toByteArray(), "text/plain", null).statusCode()).isEqualTo(415);
        assertThat(post(new byte[2 * 1024 * 1024], "application/x-protobuf", null).statusCode()).isEqualTo(413);
        assertThat(post(gzip(new byte[64 * 1024 * 1024]), "application/x-protobuf", "gzip").statusCode())
                .as("a gzip bomb is cut off while inflating").isEqualTo(413);

        assertThat(post(request(3).toByteArray(), "application/x-protobuf", null).statusCode()).isEqualTo(200);
        backend.awaitSpans(3, WAIT);
        assertThat(backend.spanCount()).isEqualTo(3);
    }

    @Test
    void spansAcceptedWhileTheBackendIsDownArriveWhenItIsBack() throws Exception {
        boot("    timeout: 10ms");
        backend.stop();
        for (int i = 0; i < 10; i++) {
            assertThat(post(request(10).toByteArray(), "application/x-protobuf", null).statusCode()).isEqualTo(200);
        }
        backend.restart();
        backend.awaitSpans(100, WAIT);
        assertThat(backend.spanCount()).isEqualTo(100);
    }

    @Test
    void metricsCountWhatWasSent() throws Exception {
        boot("    timeout: 10ms");
        for (int i = 0; i < 4; i++) {
            post(request(30).toByteArray(), "application/x-protobuf", null);
        }
        backend.awaitSpans(120, WAIT);
        io.tributary.testkit.Await.until(() -> metric("otelcol_exporter_sent_spans") == 120, WAIT,
                () -> "sent spans metric: " + metric("otelcol_exporter_sent_spans"));
        assertThat(metric("otelcol_receiver_accepted_spans")).isEqualTo(120);
        assertThat(metric("otelcol_receiver_refused_spans")).isZero();
        assertThat(metric("otelcol_processor_batch_batch_send_size_sum")).isEqualTo(120);
        assertThat(metric("otelcol_exporter_send_failed_spans")).isZero();
    }

    @Test
    void shutdownFlushesAHalfFullBatch() throws Exception {
        boot("    timeout: 1h\n    send_batch_size: 1000");
        assertThat(post(request(7).toByteArray(), "application/x-protobuf", null).statusCode()).isEqualTo(200);
        daemon.close();
        backend.awaitSpans(7, WAIT);
        assertThat(backend.spanCount()).isEqualTo(7);
    }

    /** The sum of every sample of a metric family in the daemon's /metrics text. */
    private double metric(String name) {
        try {
            var m = daemon.metrics();
            String text = http.send(HttpRequest.newBuilder(URI.create("http://" + m.getHostString() + ":" + m.getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(text);
            double sum = 0;
            while (matcher.find()) {
                sum += Double.parseDouble(matcher.group(1));
            }
            return sum;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> post(byte[] body, String contentType, String encoding) throws Exception {
        var address = daemon.receiver("otlp", "http");
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/v1/traces"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            builder.header("Content-Encoding", encoding);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
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
