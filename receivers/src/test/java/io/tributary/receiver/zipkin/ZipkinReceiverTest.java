package io.tributary.receiver.zipkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Receiver;
import io.tributary.core.component.ReceiverFactory;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.net.EventLoops;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.receiver.intake.ExportFailure;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestHost;
import io.tributary.testkit.UnixSocketHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

class ZipkinReceiverTest {
    private static final ComponentId ID = new ComponentId("zipkin", "");
    private static final String LOCAL = "endpoint: 127.0.0.1:0\n";

    /** The example of the Zipkin API documentation (POST /api/v2/spans). */
    private static final String V2_JSON = """
            [{
              "id": "352bff9a74ca9ad2",
              "traceId": "5af7183fb1d4cf5f",
              "parentId": "6b221d5bc9e6496c",
              "name": "get /api",
              "timestamp": 1556604172355737,
              "duration": 1431,
              "kind": "SERVER",
              "localEndpoint": {"serviceName": "backend", "ipv4": "192.168.99.1", "port": 3306},
              "remoteEndpoint": {"ipv4": "172.19.0.2", "port": 58648},
              "tags": {"http.method": "GET", "http.path": "/api", "http.status_code": "200"}
            }]
            """;

    /** A v1 server span: "sr"/"ss" annotations carry the kind and endpoint, binary annotations the tags. */
    private static final String V1_JSON = """
            [{
              "traceId": "5af7183fb1d4cf5f",
              "id": "352bff9a74ca9ad2",
              "name": "get /api",
              "timestamp": 1556604172355737,
              "duration": 1431,
              "annotations": [
                {"timestamp": 1556604172355737, "value": "sr", "endpoint": {"serviceName": "backend", "ipv4": "192.168.99.1", "port": 3306}},
                {"timestamp": 1556604172357168, "value": "ss", "endpoint": {"serviceName": "backend", "ipv4": "192.168.99.1", "port": 3306}}
              ],
              "binaryAnnotations": [
                {"key": "http.method", "value": "GET", "endpoint": {"serviceName": "backend", "ipv4": "192.168.99.1", "port": 3306}}
              ]
            }]
            """;

    private static final Span SPAN = Span.newBuilder()
            .traceId("463ac35c9f6413ad48485a3953bb6124").id("a2fb4a1d1a96d312").name("send")
            .kind(Span.Kind.PRODUCER).timestamp(1_000_000).duration(250)
            .localEndpoint(Endpoint.newBuilder().serviceName("queue-writer").build())
            .putTag("messaging.system", "kafka")
            .build();

    private final RecordingConsumer consumer = new RecordingConsumer();
    private final Telemetry telemetry = Telemetry.noop();
    private final EventLoopGroup loops = EventLoops.newGroup(new DefaultThreadFactory("test-io", true));
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(64));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient client = HttpClient.newHttpClient();
    private Receiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.shutdown();
        }
        workers.shutdownNow();
        scheduler.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static ZipkinReceiverConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "receivers::zipkin",
                ZipkinReceiverConfig.class, ZipkinReceiverConfig.DEFAULT);
    }

    private void start(String yaml) throws Exception {
        start(yaml, id -> Optional.empty());
    }

    private void start(String yaml, io.tributary.core.component.Host host) throws Exception {
        ComponentContext context = TestContext.of(ID).telemetry(telemetry).eventLoops(loops).workers(workers).scheduler(scheduler).build();
        receiver = new ZipkinReceiverFactory().create(context, config(yaml), consumer);
        receiver.start(host);
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + receiver.addresses().get("http").getPort() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    private double accepted() {
        Counter counter = telemetry.registry().find("otelcol.receiver.accepted.spans")
                .tags("receiver", ID.toString(), "transport", "http").counter();
        return counter == null ? 0 : counter.count();
    }

    private double refused() {
        Counter counter = telemetry.registry().find("otelcol.receiver.refused.spans")
                .tags("receiver", ID.toString(), "transport", "http").counter();
        return counter == null ? 0 : counter.count();
    }

    private void assertApiExampleReceived() {
        assertThat(consumer.resourceSpans()).singleElement().satisfies(rs ->
                assertThat(rs.getResource().getAttributes(0).getValue().getStringValue()).isEqualTo("backend"));
        io.opentelemetry.proto.trace.v1.Span span = consumer.spans().get(0);
        assertThat(span.getTraceId()).isEqualTo(ByteString.fromHex("00000000000000005af7183fb1d4cf5f"));
        assertThat(span.getSpanId()).isEqualTo(ByteString.fromHex("352bff9a74ca9ad2"));
        assertThat(span.getName()).isEqualTo("get /api");
        assertThat(span.getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getStartTimeUnixNano()).isEqualTo(1556604172355737000L);
        assertThat(span.getEndTimeUnixNano() - span.getStartTimeUnixNano()).isEqualTo(1431000L);
        assertThat(span.getAttributesList()).anySatisfy(kv -> {
            assertThat(kv.getKey()).isEqualTo("http.method");
            assertThat(kv.getValue().getStringValue()).isEqualTo("GET");
        });
    }

    @Test
    void withAuthARequestWithoutTheTokenIs401AndCountedNowhere() throws Exception {
        try (TestHost host = new TestHost().with("bearertokenauth", "token: s3cret")) {
            start(LOCAL + "auth: {authenticator: bearertokenauth}", host);

            HttpResponse<String> refused = post("/api/v2/spans", "application/json", utf8(V2_JSON));
            HttpResponse<String> accepted = post("/api/v2/spans", "application/json", utf8(V2_JSON), "Authorization", "Bearer s3cret");

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("missing or empty authorization header");
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(consumer.spanCount()).isEqualTo(1);
            assertThat(accepted()).isEqualTo(1);
            assertThat(refused()).isZero();
        }
    }

    @Test
    void v2JsonIsAcceptedAndTranslated() throws Exception {
        start(LOCAL);

        HttpResponse<String> response = post("/api/v2/spans", "application/json", utf8(V2_JSON));

        assertThat(response.statusCode()).isEqualTo(202);
        assertApiExampleReceived();
        assertThat(accepted()).isEqualTo(1);
    }

    @Test
    void v2JsonOverAUnixSocketIsAccepted(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("zipkin.sock");
        start("transport: unix\nendpoint: " + socket + "\n");

        UnixSocketHttpClient.Response response = new UnixSocketHttpClient(loops)
                .post(socket, "/api/v2/spans", "application/json", utf8(V2_JSON));

        assertThat(response.status()).isEqualTo(202);
        assertApiExampleReceived();
    }

    @Test
    void v2JsonWithoutContentTypeIsReadAsJson() throws Exception {
        start(LOCAL);

        assertThat(post("/api/v2/spans", null, utf8(V2_JSON)).statusCode()).isEqualTo(202);
        assertApiExampleReceived();
    }

    @Test
    void v2ProtobufIsAcceptedAndTranslated() throws Exception {
        start(LOCAL);

        HttpResponse<String> response = post("/api/v2/spans", "application/x-protobuf", SpanBytesEncoder.PROTO3.encodeList(List.of(SPAN)));

        assertThat(response.statusCode()).isEqualTo(202);
        io.opentelemetry.proto.trace.v1.Span span = consumer.spans().get(0);
        assertThat(span.getTraceId()).isEqualTo(ByteString.fromHex("463ac35c9f6413ad48485a3953bb6124"));
        assertThat(span.getKind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1_000_250_000L);
        assertThat(consumer.resourceSpans().get(0).getResource().getAttributes(0).getValue().getStringValue()).isEqualTo("queue-writer");
    }

    @Test
    void v1JsonIsAcceptedAndTranslated() throws Exception {
        start(LOCAL);

        HttpResponse<String> response = post("/api/v1/spans", "application/json", utf8(V1_JSON));

        assertThat(response.statusCode()).isEqualTo(202);
        assertApiExampleReceived();
    }

    @Test
    void v1ThriftIsAcceptedAndTranslated() throws Exception {
        start(LOCAL);

        HttpResponse<String> response = post("/api/v1/spans", "application/x-thrift", SpanBytesEncoder.THRIFT.encodeList(List.of(SPAN)));

        assertThat(response.statusCode()).isEqualTo(202);
        io.opentelemetry.proto.trace.v1.Span span = consumer.spans().get(0);
        assertThat(span.getSpanId()).isEqualTo(ByteString.fromHex("a2fb4a1d1a96d312"));
        assertThat(span.getKind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
    }

    @Test
    void aV1JsonSpanWithoutAnyTimeIsGivenTheTimeOfReceipt() throws Exception {
        start(LOCAL);
        long before = epochNanos();

        HttpResponse<String> response = post("/api/v1/spans", "application/json",
                utf8("[{\"traceId\": \"5af7183fb1d4cf5f\", \"id\": \"352bff9a74ca9ad2\", \"name\": \"local\"}]"));

        long after = epochNanos();
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(consumer.spans().get(0).getStartTimeUnixNano()).isBetween(before, after);
        assertThat(consumer.spans().get(0).getEndTimeUnixNano()).isEqualTo(consumer.spans().get(0).getStartTimeUnixNano());
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Test
    void gzipBodiesAreInflated() throws Exception {
        start(LOCAL);

        HttpResponse<String> response = post("/api/v2/spans", "application/json", gzip(utf8(V2_JSON)), "Content-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(202);
        assertApiExampleReceived();
    }

    @Test
    void malformedBodyIsBadRequestAndServingContinues() throws Exception {
        start(LOCAL);

        assertThat(post("/api/v2/spans", "application/json", utf8("[{\"traceId\": ")).statusCode()).isEqualTo(400);
        assertThat(post("/api/v2/spans", "application/x-protobuf", new byte[] {10, 100, 1}).statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/spans", "application/x-thrift", new byte[] {1, 2, 3}).statusCode()).isEqualTo(400);
        assertThat(consumer.spanCount()).isZero();
        assertThat(telemetry.registry().get("tributary.receiver.refused.messages")
                .tags("receiver", ID.toString(), "transport", "http", "reason", "undecodable").counter().count()).isEqualTo(3);

        assertThat(post("/api/v2/spans", "application/json", utf8(V2_JSON)).statusCode()).isEqualTo(202);
        assertThat(consumer.spanCount()).isEqualTo(1);
    }

    @Test
    void corruptGzipIsBadRequest() throws Exception {
        start(LOCAL);

        assertThat(post("/api/v2/spans", "application/json", utf8(V2_JSON), "Content-Encoding", "gzip").statusCode()).isEqualTo(400);
    }

    @Test
    void anyOtherContentTypeIsReadAsJsonAsOtelcolDoes() throws Exception {
        start(LOCAL);

        assertThat(post("/api/v2/spans", "text/plain", SpanBytesEncoder.JSON_V2.encodeList(List.of(SPAN))).statusCode()).isEqualTo(202);
        assertThat(post("/api/v1/spans", "application/x-protobuf", SpanBytesEncoder.JSON_V1.encodeList(List.of(SPAN))).statusCode())
                .isEqualTo(202);
        assertThat(post("/api/v2/spans", "application/x-thrift", SpanBytesEncoder.THRIFT.encodeList(List.of(SPAN))).statusCode())
                .isEqualTo(400);
        assertThat(consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void getIsMethodNotAllowed() throws Exception {
        start(LOCAL);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + receiver.addresses().get("http").getPort() + "/api/v2/spans")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void backPressureIsServiceUnavailableWithRetryAfter() throws Exception {
        start(LOCAL);
        consumer.failWith(() -> new RetryableException("exporter down", Duration.ofMillis(2500), false, null));

        HttpResponse<String> response = post("/api/v2/spans", "application/json", utf8(V2_JSON));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(refused()).isEqualTo(1);
    }

    @Test
    void aFullQueueIsTooManyRequestsWithRetryAfterAsForOtlp() throws Exception {
        start(LOCAL);
        consumer.failWith(() -> RetryableException.full("sending queue is full"));

        HttpResponse<String> response = post("/api/v2/spans", "application/json", utf8(V2_JSON));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).isEqualTo("sending queue is full");
        assertThat(refused()).isEqualTo(1);
        assertThat(accepted()).isZero();
    }

    @Test
    void aPermanentRefusalIsBadRequest() throws Exception {
        start(LOCAL);
        consumer.failWith(() -> new PermanentException("bad data"));

        HttpResponse<String> response = post("/api/v2/spans", "application/json", utf8(V2_JSON));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(response.body()).isEqualTo("bad data");
        assertThat(refused()).isEqualTo(1);
    }

    @Test
    void anUnexpectedPipelineFailureIsInternalAndItsDetailStaysInTheLog() throws Exception {
        start(LOCAL);
        consumer.failWith(() -> new IllegalStateException("index 7 out of bounds in io.tributary.Secret"));

        HttpResponse<String> response = post("/api/v2/spans", "application/json", utf8(V2_JSON));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo(ExportFailure.UNEXPECTED_FAILURE);
        assertThat(refused()).isEqualTo(1);
    }

    @Test
    void anUndecodableBodyIsAnsweredInOurWordsNamingTheFormatExpected() throws Exception {
        start(LOCAL);

        assertThat(post("/api/v2/spans", "application/json", utf8("[{\"traceId\": ")).body()).isEqualTo("the body is not valid Zipkin v2 JSON");
        assertThat(post("/api/v2/spans", "application/x-protobuf", new byte[] {10, 100, 1}).body())
                .isEqualTo("the body is not valid Zipkin v2 protobuf");
        assertThat(post("/api/v1/spans", "application/json", utf8("{}")).body()).isEqualTo("the body is not valid Zipkin v1 JSON");
        assertThat(post("/api/v1/spans", "application/x-thrift", new byte[] {1, 2, 3}).body()).isEqualTo("the body is not valid Zipkin v1 Thrift");
    }

    @Test
    void aBodyInflatingBeyondTheLimitIsTooLarge() throws Exception {
        start(LOCAL + "max_request_body_size: 1KiB\n");

        byte[] big = utf8("[" + "{\"traceId\":\"1\",\"id\":\"2\"},".repeat(200) + "{\"traceId\":\"1\",\"id\":\"2\"}]");
        HttpResponse<String> response = post("/api/v2/spans", "application/json", gzip(big), "Content-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void parseStringTagsTypesTagValues() throws Exception {
        start(LOCAL + "parse_string_tags: true\n");

        post("/api/v2/spans", "application/json", utf8(V2_JSON));

        assertThat(consumer.spans().get(0).getAttributesList()).anySatisfy(kv -> {
            assertThat(kv.getKey()).isEqualTo("http.status_code");
            assertThat(kv.getValue()).isEqualTo(AnyValue.newBuilder().setIntValue(200).build());
        });
    }

    @Test
    void anErrorTagBecomesAnErrorStatus() throws Exception {
        start(LOCAL);

        post("/api/v2/spans", "application/json", SpanBytesEncoder.JSON_V2.encodeList(List.of(SPAN.toBuilder().putTag("error", "true").build())));

        assertThat(consumer.spans().get(0).getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void defaultsMatchOtelcol() {
        assertThat(config("{}")).satisfies(c -> {
            assertThat(c.flat().endpoint()).isEqualTo("localhost:9411");
            assertThat(c.server().endpoint()).isEqualTo("localhost:9411");
            assertThat(c.parseStringTags()).isFalse();
            assertThat(c.server().maxBodyBytes()).isEqualTo(20 * 1024 * 1024);
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theProtocolsHttpFormListensWhereItSaysAndTakesTheServerKeys() throws Exception {
        int port = freePort();
        start("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:%d
                    max_request_body_size: 1KiB
                parse_string_tags: true
                """.formatted(port));

        assertThat(receiver.addresses().get("http").getPort()).isEqualTo(port);
        assertThat(post("/api/v2/spans", "application/json", utf8(V2_JSON)).statusCode()).isEqualTo(202);
        assertThat(consumer.spans().get(0).getAttributesList()).anySatisfy(kv -> {
            assertThat(kv.getKey()).isEqualTo("http.status_code");
            assertThat(kv.getValue().getIntValue()).isEqualTo(200);
        });
        assertThat(post("/api/v2/spans", "application/json", utf8("[" + "{\"traceId\":\"1\",\"id\":\"2\"},".repeat(100) + "]"))
                .statusCode()).isEqualTo(413);
    }

    @Test
    void whenBothFormsAreWrittenProtocolsHttpConfiguresTheServerAndTheFlatKeysAreReportedIgnored() throws Exception {
        int port = freePort();
        start("""
                endpoint: 127.0.0.1:%d
                read_timeout: 5s
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                """.formatted(port));

        assertThat(receiver.addresses().get("http").getPort()).isNotEqualTo(port);
        assertThat(post("/api/v2/spans", "application/json", utf8(V2_JSON)).statusCode()).isEqualTo(202);
        ZipkinReceiverConfig config = config("endpoint: 127.0.0.1:%d\nread_timeout: 5s\nprotocols: {http: {endpoint: 127.0.0.1:0}}".formatted(port));
        assertThat(config.ignoredFlatKeys()).containsExactly("endpoint", "read_timeout");
    }

    @Test
    void aBareProtocolsHttpMeansOtelcolsDefaults() {
        ZipkinReceiverConfig config = config("protocols:\n  http:\n");

        assertThat(config.server()).isEqualTo(ZipkinReceiverConfig.DEFAULT.server());
        assertThat(config.server().endpoint()).isEqualTo("localhost:9411");
        assertThat(config.ignoredFlatKeys()).isEmpty();
    }

    @Test
    void protocolsTakesOnlyHttpAndHttpOnlyServerKeys() {
        assertThatThrownBy(() -> config("protocols: {grpc: {}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("receivers::zipkin::protocols::grpc");
        assertThatThrownBy(() -> config("protocols: {http: {parse_string_tags: true}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("receivers::zipkin::protocols::http::parse_string_tags");
        assertThatThrownBy(() -> config("protocols: {http: {endpoint: \"nohost\"}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("receivers::zipkin::protocols::http");
    }

    @Test
    void theFactoryIsDiscoveredAsZipkin() {
        assertThat(ServiceLoader.load(ReceiverFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f).isInstanceOf(ZipkinReceiverFactory.class)
                        .extracting(ReceiverFactory::type).isEqualTo("zipkin"));
    }
}
