package io.tributary.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tributary.core.data.Traces;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.exporter.LogLines;
import io.tributary.exporter.SampleTraces;
import io.tributary.testkit.TestCertificate;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.TestHost;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OtlpGrpcSenderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final TestRuntime runtime = new TestRuntime();
    private final OtlpBackend backend = OtlpBackend.start();
    private OtlpGrpcSender sender;

    @AfterEach
    void tearDown() throws Exception {
        if (sender != null) {
            sender.shutdown();
        }
        backend.close();
        runtime.close();
    }

    @Test
    void sendsTheEncodedBatchWithEveryFieldIntact() throws Exception {
        ExportTraceServiceRequest request = SampleTraces.request("checkout", 1, 3);
        start(config(backend.endpoint()));

        sender.send(Traces.parse(request.toByteString()), TIMEOUT);

        assertThat(backend.requests()).hasSize(1);
        assertThat(backend.requests().get(0).request()).isEqualTo(request);
    }

    @Test
    void sendsADecodedBatchToo() throws Exception {
        ExportTraceServiceRequest request = SampleTraces.request("checkout", 2, 2);
        start(config(backend.endpoint()));

        sender.send(Traces.of(request), TIMEOUT);

        assertThat(backend.resourceSpans()).isEqualTo(request.getResourceSpansList());
    }

    @Test
    void configuredHeadersReachTheBackend() throws Exception {
        start(config(backend.endpoint(), "headers: {X-Scope-OrgID: tenant-1}"));

        sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

        assertThat(backend.requests().get(0).header("X-Scope-OrgID")).isEqualTo("tenant-1");
    }

    @Test
    void requestsAreGzipCompressedByDefault() throws Exception {
        start(config(backend.endpoint()));

        sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

        assertThat(backend.requests().get(0).encoding()).isEqualTo("gzip");
    }

    @Test
    void compressionNoneSendsUncompressed() throws Exception {
        start(config(backend.endpoint(), "compression: none"));

        sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

        assertThat(backend.requests().get(0).encoding()).isNotEqualTo("gzip");
        assertThat(backend.spanCount()).isEqualTo(1);
    }

    @Test
    void gzipAtAConfiguredLevelDeliversEveryField() throws Exception {
        ExportTraceServiceRequest request = SampleTraces.request("checkout", 1, 20);
        start(config(backend.endpoint(), "compression_params: {level: 1}"));

        sender.send(Traces.parse(request.toByteString()), TIMEOUT);

        assertThat(backend.requests().get(0).encoding()).isEqualTo("gzip");
        assertThat(backend.requests().get(0).request()).isEqualTo(request);
    }

    @Test
    void aGzipLevelOutsideZlibsRangeIsAConfigError() {
        assertThatThrownBy(() -> config(backend.endpoint(), "compression_params: {level: 10}"))
                .hasMessageContaining("compression_params: level must be 1 to 9");
    }

    @Test
    void aLevelWithoutGzipIsAConfigError() {
        assertThatThrownBy(() -> config(backend.endpoint(), "compression: none", "compression_params: {level: 5}"))
                .hasMessageContaining("level 5 is not supported for compression \"none\"");
    }

    @Test
    void aPartialSuccessIsDeliveredAndItsRejectedSpansLoggedAsAWarning() throws Exception {
        backend.answerPartialSuccess(2, "spans too old");
        start(config(backend.endpoint()));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger senderLog = (Logger) LoggerFactory.getLogger(OtlpGrpcSender.class);
        senderLog.addAppender(log);
        try {
            sender.send(Traces.of(SampleTraces.request("a", 1, 3)), TIMEOUT);
        } finally {
            senderLog.detachAppender(log);
        }

        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(LogLines.withFields(event)).contains("Partial success response", "message=spans too old",
                    "dropped_spans=2");
        });
    }

    @Test
    void unavailableIsRetryable() throws Exception {
        backend.failNext(1, Status.UNAVAILABLE.withDescription("overloaded"));

        SendException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void invalidArgumentIsPermanent() throws Exception {
        backend.failNext(1, Status.INVALID_ARGUMENT.withDescription("bad span"));

        SendException e = sendExpectingFailure();

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("bad span");
    }

    @Test
    void resourceExhaustedWithoutRetryInfoIsPermanent() throws Exception {
        backend.failNext(1, Status.RESOURCE_EXHAUSTED);

        assertThat(sendExpectingFailure().retryable()).isFalse();
    }

    @Test
    void resourceExhaustedWithRetryInfoIsRetryableAfterTheServersDelay() throws Exception {
        backend.failNext(1, Status.RESOURCE_EXHAUSTED, Duration.ofMillis(1500));

        SendException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void unavailableCarriesTheServersRetryDelay() throws Exception {
        backend.failNext(1, Status.UNAVAILABLE, Duration.ofSeconds(3));

        assertThat(sendExpectingFailure().retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void anUnresolvableHostIsNotAStartFailure() throws Exception {
        sender = new OtlpGrpcSender(config("no-such-host.invalid:4317"), runtime.context("otlp").eventLoops());

        assertThatCode(() -> sender.start(null)).doesNotThrowAnyException();
        SendException e = catchThrowableOfType(SendException.class,
                () -> sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT));
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void httpSchemeMeansPlaintext() throws Exception {
        start(config("http://" + backend.endpoint()));

        sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

        assertThat(backend.spanCount()).isEqualTo(1);
    }

    @Test
    void verifiesATlsBackendAgainstTheConfiguredCa() throws Exception {
        try (OtlpBackend tls = OtlpBackend.startTls(TestCertificate.localhost())) {
            start(config("localhost:" + tls.port(), TestCertificate.localhost().clientTlsYaml()));

            sender.send(Traces.of(SampleTraces.request("a", 1, 2)), TIMEOUT);

            assertThat(tls.spanCount()).isEqualTo(2);
        }
    }

    @Test
    void refusesATlsBackendItDoesNotTrust() throws Exception {
        try (OtlpBackend tls = OtlpBackend.startTls(TestCertificate.localhost())) {
            start(config("localhost:" + tls.port(), "tls: {insecure: false}"));

            SendException e = catchThrowableOfType(SendException.class,
                    () -> sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT));

            // A failed handshake is UNAVAILABLE (grpc-go says so too), which otelcol's otlpexporter retries.
            assertThat(e).hasMessageStartingWith("export failed: UNAVAILABLE");
            assertThat(e.retryable()).isTrue();
            assertThat(tls.spanCount()).isZero();
        }
    }

    @Test
    void bearerTokenReachesATlsBackendAndWinsOverAConfiguredHeader() throws Exception {
        try (TestHost host = new TestHost().with("bearertokenauth", "token: s3cret");
                OtlpBackend tls = OtlpBackend.startTls(TestCertificate.localhost())) {
            sender = new OtlpGrpcSender(config("localhost:" + tls.port(), TestCertificate.localhost().clientTlsYaml(),
                    "headers: {authorization: configured}", "auth: {authenticator: bearertokenauth}"),
                    runtime.context("otlp").eventLoops());
            sender.start(host);

            sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

            assertThat(tls.requests().get(0).headers().getAll(
                    io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER)))
                    .containsExactly("Bearer s3cret");
        }
    }

    @Test
    void credentialsOverAPlaintextChannelFailStartAsInOtelcol() throws Exception {
        try (TestHost host = new TestHost().with("bearertokenauth", "token: s3cret")) {
            sender = new OtlpGrpcSender(config(backend.endpoint(), "auth: {authenticator: bearertokenauth}"),
                    runtime.context("otlp").eventLoops());

            assertThatThrownBy(() -> sender.start(host)).hasMessageContaining("only over TLS");
            assertThat(backend.attempts()).isZero();
        }
    }

    @Test
    void aServerOnlyAuthenticatorCannotBeAnExportersAuth() throws Exception {
        try (TestHost host = new TestHost().with("basicauth/server", "htpasswd: {inline: 'a:b'}")) {
            sender = new OtlpGrpcSender(config(backend.endpoint(), "auth: {authenticator: basicauth/server}"),
                    runtime.context("otlp").eventLoops());

            assertThatThrownBy(() -> sender.start(host)).hasMessageContaining("auth::authenticator")
                    .hasMessageContaining("basicauth/server").hasMessageContaining("client_auth");
        }
    }

    private SendException sendExpectingFailure() throws Exception {
        start(config(backend.endpoint()));
        SendException e = catchThrowableOfType(SendException.class,
                () -> sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT));
        assertThat(e).as("send should fail").isNotNull();
        return e;
    }

    private void start(OtlpExporterConfig config) throws Exception {
        sender = new OtlpGrpcSender(config, runtime.context("otlp").eventLoops());
        sender.start(null);
    }

    /** A config bound from YAML by the shared binder, as the service would; plaintext unless the YAML says otherwise. */
    static OtlpExporterConfig config(String endpoint, String... moreYaml) {
        String yaml = "endpoint: " + endpoint + "\n" + String.join("\n", moreYaml);
        if (!yaml.contains("tls:")) {
            yaml += "\ntls: {insecure: true}";
        }
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "exporters::otlp",
                OtlpExporterConfig.class, OtlpExporterConfig.DEFAULT);
    }
}
