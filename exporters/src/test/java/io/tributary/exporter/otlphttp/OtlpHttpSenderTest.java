package io.tributary.exporter.otlphttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.exporter.LogLines;
import io.tributary.exporter.SampleTraces;
import io.tributary.testkit.TestCertificate;
import io.tributary.testkit.OtlpHttpBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class OtlpHttpSenderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ExportTraceServiceRequest REQUEST = SampleTraces.request("checkout", 7, 3);

    private OtlpHttpBackend backend = OtlpHttpBackend.start();
    private OtlpHttpSender sender;

    @AfterEach
    void tearDown() {
        if (sender != null) {
            sender.shutdown();
        }
        backend.close();
    }

    static OtlpHttpExporterConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "exporters::otlphttp",
                OtlpHttpExporterConfig.class, OtlpHttpExporterConfig.DEFAULT);
    }

    private void send(String... yaml) throws Exception {
        sendWith("endpoint: " + backend.url() + "\n" + String.join("\n", yaml));
    }

    private void sendWith(String yaml) throws Exception {
        sender = new OtlpHttpSender(config(yaml));
        sender.start(id -> Optional.empty());
        sender.send(Traces.of(REQUEST), TIMEOUT);
    }

    private SendException sendExpectingFailure() {
        SendException e = catchThrowableOfType(SendException.class, this::send);
        assertThat(e).isNotNull();
        return e;
    }

    private OtlpHttpBackend.Received received() {
        assertThat(backend.requests()).hasSize(1);
        return backend.requests().get(0);
    }

    @Test
    void postsGzippedProtobufToV1TracesByDefault() throws Exception {
        send();

        OtlpHttpBackend.Received request = received();
        assertThat(request.path()).isEqualTo("/v1/traces");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.request()).isEqualTo(REQUEST);
    }

    @Test
    void anEndpointEndingInASlashGetsNoDoubleSlash() throws Exception {
        sendWith("endpoint: " + backend.url() + "/prefix/");

        assertThat(received().path()).isEqualTo("/prefix/v1/traces");
    }

    @Test
    void tracesEndpointIsUsedAsWritten() throws Exception {
        sendWith("traces_endpoint: " + backend.url() + "/custom/spans");

        assertThat(received().path()).isEqualTo("/custom/spans");
    }

    @Test
    void jsonEncodingPostsOtlpJsonWithHexIds() throws Exception {
        send("encoding: json");

        OtlpHttpBackend.Received request = received();
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.request()).isEqualTo(REQUEST);
        assertThat(new String(request.body(), StandardCharsets.UTF_8))
                .contains("\"traceId\":\"0af7651916cd43dd0000000000000007\"")
                .contains("\"kind\":2")
                .contains("\"startTimeUnixNano\":\"1700000000000000000\"");
    }

    @Test
    void compressionNoneSendsThePlainBody() throws Exception {
        send("compression: none");

        assertThat(received().header("Content-Encoding")).isNull();
        assertThat(received().request()).isEqualTo(REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "zstd", "zlib", "deflate", "snappy", "x-snappy-framed"})
    void eachSupportedCompressionIsNamedInContentEncodingAndDecodes(String compression) throws Exception {
        send("compression: " + compression);

        assertThat(received().header("Content-Encoding")).isEqualTo(compression);
        assertThat(received().request()).isEqualTo(REQUEST);
    }

    @Test
    void gzipHonoursTheCompressionLevel() throws Exception {
        send("compression_params: {level: 1}");

        assertThat(received().request()).isEqualTo(REQUEST);
    }

    @Test
    void configuredHeadersAndTheUserAgentReachTheBackend() throws Exception {
        send("headers: {X-Scope-OrgID: tenant-1}");

        assertThat(received().header("X-Scope-OrgID")).isEqualTo("tenant-1");
        assertThat(received().header("User-Agent")).startsWith("Tributary/");
    }

    @Test
    void aConfiguredUserAgentReplacesOurs() throws Exception {
        send("headers: {User-Agent: custom/1}");

        assertThat(received().header("User-Agent")).isEqualTo("custom/1");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void throttlingAndGatewayStatusesAreRetryable(int status) {
        backend.failNext(1, status, null, null);

        assertThat(sendExpectingFailure().retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 500})
    void everyOtherStatusIsPermanent(int status) {
        backend.failNext(1, status, null, null);

        assertThat(sendExpectingFailure().retryable()).isFalse();
    }

    @Test
    void retryAfterInSecondsIsTheRetryDelay() {
        backend.failNext(1, 503, "7", null);

        assertThat(sendExpectingFailure().retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsAnHttpDateIsADelayUntilThen() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
        backend.failNext(1, 429, inTwoMinutes, null);

        // Bounds, not a value: the delay is measured from the moment the answer is read.
        assertThat(sendExpectingFailure().retryAfter()).hasValueSatisfying(d -> assertThat(d)
                .isGreaterThan(Duration.ofSeconds(60)).isLessThanOrEqualTo(Duration.ofSeconds(120)));
    }

    @Test
    void theStatusMessageOfTheAnswerIsInTheError() {
        backend.failNext(1, 400, null, com.google.rpc.Status.newBuilder().setCode(3).setMessage("span name too long").build());

        assertThat(sendExpectingFailure()).hasMessageContaining("HTTP 400").hasMessageContaining("Message=span name too long");
    }

    @Test
    void aPartialSuccessIsDeliveredAndLogged() throws Exception {
        backend.answerPartialSuccess(2, "2 spans too old");

        List<String> warnings = warningsDuring(this::send);

        assertThat(received().request()).isEqualTo(REQUEST);
        assertThat(warnings).singleElement().asString().contains("Partial success response").contains("message=2 spans too old")
                .contains("dropped_spans=2");
    }

    @Test
    void aPartialSuccessInJsonIsParsed() throws Exception {
        backend.answerPartialSuccess(1, "1 span too old");

        List<String> warnings = warningsDuring(() -> send("encoding: json"));

        assertThat(warnings).singleElement().asString().contains("dropped_spans=1");
    }

    @Test
    void aFullSuccessLogsNothing() throws Exception {
        assertThat(warningsDuring(this::send)).isEmpty();
    }

    private interface Action {
        void run() throws Exception;
    }

    private static List<String> warningsDuring(Action action) throws Exception {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(OtlpHttpSender.class);
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(LogLines::withFields).toList();
    }

    @Test
    void aBackendThatIsDownIsARetryableFailure() {
        String url = backend.url();
        backend.close();
        backend = OtlpHttpBackend.start(); // for tearDown; the sender points at the closed one

        SendException e = catchThrowableOfType(SendException.class, () -> sendWith("endpoint: " + url));

        assertThat(e).isNotNull();
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void httpsWithTheBackendsCertificateAsCa() throws Exception {
        backend.close();
        backend = OtlpHttpBackend.startTls(TestCertificate.localhost());

        send(TestCertificate.localhost().clientTlsYaml());

        assertThat(backend.url()).startsWith("https://");
        assertThat(received().request()).isEqualTo(REQUEST);
    }

    @Test
    void httpsWithAnUntrustedCertificateIsNotDelivered() throws Exception {
        backend.close();
        backend = OtlpHttpBackend.startTls(TestCertificate.localhost());

        sendExpectingFailure();

        assertThat(backend.attempts()).isZero();
    }
}
