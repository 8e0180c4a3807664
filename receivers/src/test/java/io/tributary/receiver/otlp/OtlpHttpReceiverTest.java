package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.RetryInfo;
import io.airlift.compress.zstd.ZstdOutputStream;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tributary.core.consumer.RetryableException;
import io.tributary.testkit.TestCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpHttpReceiverTest {
    private static final String HTTP_ONLY = """
            protocols:
              http:
                endpoint: 127.0.0.1:0
            """;
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";

    /** OTLP/JSON as the spec writes it: hex IDs, int64 as strings, enums as integers, camelCase names. */
    private static final String HAND_WRITTEN_JSON = """
            {"resourceSpans":[{
              "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},
              "scopeSpans":[{
                "scope":{"name":"manual","version":"0.1"},
                "spans":[{
                  "traceId":"5b8efff798038103d269b633813fc60c",
                  "spanId":"eee19b7ec3c1b174",
                  "parentSpanId":"eee19b7ec3c1b173",
                  "name":"checkout",
                  "kind":2,
                  "startTimeUnixNano":"1544712660000000000",
                  "endTimeUnixNano":"1544712661000000000",
                  "attributes":[
                    {"key":"retries","value":{"intValue":"3"}},
                    {"key":"sampled","value":{"boolValue":true}}],
                  "links":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331"}],
                  "status":{"code":2,"message":"failed"}
                }]}]}]}
            """;

    private final ReceiverFixture fixture = new ReceiverFixture();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void sdkExporterSpansArriveIntact() throws Exception {
        fixture.start(HTTP_ONLY);
        List<SpanData> spans = SampleSpans.create();
        try (OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(fixture.httpUrl("/v1/traces")).build()) {
            assertThat(exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        SampleSpans.assertReceived(spans, fixture.consumer.resourceSpans());
        assertThat(fixture.accepted("http")).isEqualTo(2);
    }

    @Test
    void protobufSuccessAnswersAnEmptyProtobufResponse() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = post(PROTOBUF, null, validProtobuf());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue(PROTOBUF);
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void handWrittenJsonIsDecoded() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = post(JSON + "; charset=utf-8", null, HAND_WRITTEN_JSON.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue(JSON);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        Span span = fixture.consumer.spans().get(0);
        assertThat(SampleSpans.hex(span.getTraceId().toByteArray())).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(SampleSpans.hex(span.getSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b174");
        assertThat(SampleSpans.hex(span.getParentSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b173");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1544712661000000000L);
        assertThat(SampleSpans.attributes(span.getAttributesList())).containsExactly("retries=3", "sampled=true");
        assertThat(SampleSpans.hex(span.getLinks(0).getTraceId().toByteArray())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(SampleSpans.hex(span.getLinks(0).getSpanId().toByteArray())).isEqualTo("b7ad6b7169203331");
        assertThat(span.getStatus().getCodeValue()).isEqualTo(2);
        assertThat(fixture.consumer.resourceSpans().get(0).getScopeSpans(0).getScope().getName()).isEqualTo("manual");
    }

    @Test
    void jsonWithProtoFieldNamesIsDecoded() throws Exception {
        fixture.start(HTTP_ONLY);
        String json = """
                {"resource_spans":[{"scope_spans":[{"spans":[{
                  "trace_id":"5b8efff798038103d269b633813fc60c","span_id":"eee19b7ec3c1b174",
                  "name":"snake","kind":"SPAN_KIND_CLIENT","start_time_unix_nano":1544712660000000000}]}]}]}
                """;

        assertThat(post(JSON, null, json.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        Span span = fixture.consumer.spans().get(0);
        assertThat(SampleSpans.hex(span.getSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b174");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(span.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
    }

    @Test
    void sdkJsonSpansArriveIntact() throws Exception {
        fixture.start(HTTP_ONLY);
        List<SpanData> spans = SampleSpans.create();

        assertThat(post(JSON, null, OtlpRequests.json(spans)).statusCode()).isEqualTo(200);
        SampleSpans.assertReceived(spans, fixture.consumer.resourceSpans());
    }

    @Test
    void invalidHexIdIsBadRequest() throws Exception {
        fixture.start(HTTP_ONLY);
        String json = HAND_WRITTEN_JSON.replace("eee19b7ec3c1b174", "not-hex-at-all!!");

        HttpResponse<byte[]> response = post(JSON, null, json.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":3").contains("spanId");
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    @Test
    void malformedJsonIsBadRequestWithJsonStatus() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = post(JSON, null, "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue(JSON);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":3");
    }

    @Test
    void malformedProtobufIsBadRequestWithStatusBody() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = post(PROTOBUF, null, new byte[] {0x0a, 0x7f, 0x01});

        assertThat(response.statusCode()).isEqualTo(400);
        com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
        assertThat(status.getCode()).isEqualTo(3);
        assertThat(status.getMessage()).isNotEmpty();
        assertThat(post(PROTOBUF, null, validProtobuf()).statusCode()).isEqualTo(200);
    }

    @Test
    void gzipBodyIsDecompressed() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = post(PROTOBUF, "gzip", compress(validProtobuf(), GZIPOutputStream::new));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void zlibDeflateBodyIsDecompressed() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = post(PROTOBUF, "deflate", compress(validProtobuf(), DeflaterOutputStream::new));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void rawDeflateBodyIsDecompressed() throws Exception {
        fixture.start(HTTP_ONLY);
        byte[] raw = compress(validProtobuf(), out -> new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true)));

        assertThat(post(PROTOBUF, "deflate", raw).statusCode()).isEqualTo(200);
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void zstdBodyIsDecompressed() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = post(PROTOBUF, "zstd", compress(validProtobuf(), ZstdOutputStream::new));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void corruptGzipIsBadRequest() throws Exception {
        fixture.start(HTTP_ONLY);

        assertThat(post(PROTOBUF, "gzip", validProtobuf()).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownContentEncodingIsBadRequest() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = post(PROTOBUF, "br", validProtobuf());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(com.google.rpc.Status.parseFrom(response.body()).getMessage()).contains("br");
    }

    @Test
    void unsupportedContentTypeIs415() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = post("text/plain", null, validProtobuf());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("415 unsupported media type, supported: [application/json, application/x-protobuf]");
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    @Test
    void getIsMethodNotAllowed() throws Exception {
        fixture.start(HTTP_ONLY);

        HttpResponse<byte[]> response = client.send(
                HttpRequest.newBuilder(URI.create(fixture.httpUrl("/v1/traces"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("POST");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        fixture.start(HTTP_ONLY);

        assertThat(post("/v1/metrics", PROTOBUF, null, validProtobuf()).statusCode()).isEqualTo(404);
    }

    @Test
    void configuredTracesPathIsServed() throws Exception {
        fixture.start("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                    traces_url_path: custom/traces
                """);

        assertThat(post("/custom/traces", PROTOBUF, null, validProtobuf()).statusCode()).isEqualTo(200);
        assertThat(post("/v1/traces", PROTOBUF, null, validProtobuf()).statusCode()).isEqualTo(404);
    }

    @Test
    void bodyAboveLimitIs413() throws Exception {
        fixture.start(limitedTo("1KiB"));

        assertThat(post(PROTOBUF, null, new byte[4096]).statusCode()).isEqualTo(413);
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    @Test
    void gzipBombIsStoppedAt413AndServerKeepsServing() throws Exception {
        fixture.start(limitedTo("1MiB"));
        byte[] bomb = compress(new byte[0], out -> {
            GZIPOutputStream gzip = new GZIPOutputStream(out);
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                gzip.write(zeros);
            }
            return gzip;
        });
        assertThat(bomb.length).isLessThan(1024 * 1024);

        HttpResponse<byte[]> response = post(PROTOBUF, "gzip", bomb);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(post(PROTOBUF, null, validProtobuf()).statusCode()).isEqualTo(200);
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void retryableRefusalIs503WithRetryAfter() throws Exception {
        fixture.start(HTTP_ONLY);
        fixture.consumer.failWith(() -> new RetryableException("exporter down", Duration.ofMillis(2500), false, null));

        HttpResponse<byte[]> response = post(PROTOBUF, null, validProtobuf());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("3");
        com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
        assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE.value());
        assertThat(status.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(2);
        assertThat(fixture.refused("http")).isEqualTo(2);
        assertThat(fixture.accepted("http")).isZero();
    }

    @Test
    void fullPipelineIs429WithRetryAfter() throws Exception {
        fixture.start(HTTP_ONLY);
        fixture.consumer.failWith(() -> RetryableException.full("queue is full"));

        HttpResponse<byte[]> response = post(JSON, null, HAND_WRITTEN_JSON.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("queue is full").contains("\"code\":8");
    }

    @Test
    void keepAliveConnectionServesManyRequests() throws Exception {
        fixture.start(HTTP_ONLY);

        for (int i = 0; i < 20; i++) {
            assertThat(post(PROTOBUF, null, validProtobuf()).statusCode()).isEqualTo(200);
        }
        assertThat(fixture.consumer.spanCount()).isEqualTo(40);
        assertThat(fixture.accepted("http")).isEqualTo(40);
    }

    @Test
    void servesOverTls() throws Exception {
        TestCertificate cert = TestCertificate.localhost();
        fixture.start("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                    %s
                """.formatted(cert.serverTlsYaml()));
        HttpClient https = HttpClient.newBuilder().sslContext(cert.clientContext()).build();
        int port = fixture.addresses().get("http").getPort();

        HttpResponse<byte[]> response = https.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v1/traces"))
                        .header("Content-Type", PROTOBUF)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(validProtobuf())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void plaintextRequestToTlsServerIsNotServed() throws Exception {
        TestCertificate cert = TestCertificate.localhost();
        fixture.start("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                    %s
                """.formatted(cert.serverTlsYaml()));

        assertThatThrownBy(() -> post(PROTOBUF, null, validProtobuf())).isInstanceOf(IOException.class);
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    @Test
    void startFailsNamingAMissingKeyFile(@TempDir Path dir) throws Exception {
        TestCertificate cert = TestCertificate.localhost();
        Path missing = dir.resolve("missing-key.pem");

        assertThatThrownBy(() -> fixture.start("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                    tls:
                      cert_file: %s
                      key_file: %s
                """.formatted(cert.certFile(), missing)))
                .hasMessageContaining("key_file").hasMessageContaining(missing.toString());
    }

    @Test
    void startFailsNamingTheAddressInUse() throws Exception {
        fixture.start(HTTP_ONLY);
        int port = fixture.addresses().get("http").getPort();
        try (ReceiverFixture second = new ReceiverFixture()) {
            assertThatThrownBy(() -> second.start("""
                    protocols:
                      http:
                        endpoint: 127.0.0.1:%d
                    """.formatted(port)))
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ":");
        }
    }

    @Test
    void bothProtocolsRunWhenBothAreWritten() throws Exception {
        fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                  http:
                    endpoint: 127.0.0.1:0
                """);

        assertThat(fixture.addresses()).containsOnlyKeys("grpc", "http");
        assertThat(post(PROTOBUF, null, validProtobuf()).statusCode()).isEqualTo(200);
    }

    @Test
    void shutdownStopsServingAndIsIdempotent() throws Exception {
        fixture.start(HTTP_ONLY);
        String url = fixture.httpUrl("/v1/traces");
        fixture.receiver().shutdown();
        fixture.receiver().shutdown();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", PROTOBUF)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(validProtobuf())).build(),
                HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
    }

    private static String limitedTo(String size) {
        return """
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                    max_request_body_size: %s
                """.formatted(size);
    }

    private HttpResponse<byte[]> post(String contentType, String encoding, byte[] body) throws Exception {
        return post("/v1/traces", contentType, encoding, body);
    }

    private HttpResponse<byte[]> post(String path, String contentType, String encoding, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.httpUrl(path)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] validProtobuf() {
        return OtlpGrpcReceiverTest.validRequest().toByteArray();
    }

    @FunctionalInterface
    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compress(byte[] data, Compressor compressor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
