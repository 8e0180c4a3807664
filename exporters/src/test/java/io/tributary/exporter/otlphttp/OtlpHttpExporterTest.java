package io.tributary.exporter.otlphttp;

import static io.tributary.exporter.TestRuntime.FAST_RETRY;
import static io.tributary.exporter.otlphttp.OtlpHttpSenderTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.tributary.config.ConfigException;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.RetryWaitRecorder;
import io.tributary.exporter.SampleTraces;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpHttpBackend;
import io.tributary.testkit.TestHost;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpHttpExporterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestRuntime runtime = new TestRuntime();
    private final OtlpHttpBackend backend = OtlpHttpBackend.start();
    private Exporter exporter;

    @AfterEach
    void tearDown() throws Exception {
        if (exporter != null) {
            exporter.shutdown();
        }
        backend.close();
        runtime.close();
    }

    private void start(String... yaml) throws Exception {
        exporter = new OtlpHttpExporterFactory().create(runtime.context("otlphttp"),
                config("endpoint: " + backend.url() + "\n" + FAST_RETRY + "\n" + String.join("\n", yaml)));
        exporter.start(id -> java.util.Optional.empty());
    }

    @Test
    void anAuthenticatorsCredentialsGoOnEveryRequest() throws Exception {
        try (TestHost host = new TestHost().with("bearertokenauth", "token: s3cret")) {
            exporter = new OtlpHttpExporterFactory().create(runtime.context("otlphttp"),
                    config("endpoint: " + backend.url() + "\nauth: {authenticator: bearertokenauth}"));
            exporter.start(host);

            exporter.consume(Traces.of(SampleTraces.request("checkout", 1, 2)));

            backend.awaitSpans(2, WAIT);
            assertThat(backend.requests().get(0).header("Authorization")).isEqualTo("Bearer s3cret");
        }
    }

    private double sentSpans() {
        return runtime.exporterCounter("otelcol.exporter.sent.spans", "otlphttp");
    }

    private double failedSpans() {
        return runtime.exporterCounter("otelcol.exporter.send.failed.spans", "otlphttp");
    }

    @Test
    void retriesA503UntilTheBackendAccepts() throws Exception {
        backend.failNext(2, 503, null, null);
        start();

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 3)));

        backend.awaitSpans(3, WAIT);
        Await.until(() -> sentSpans() == 3, WAIT, () -> "sent spans: " + sentSpans());
        assertThat(backend.attempts()).isEqualTo(3);
        assertThat(backend.requests()).hasSize(1);
    }

    @Test
    void retryAfterSecondsHoldsTheRetryBack() throws Exception {
        // The server's delay is a floor under the backoff: with a 10ms backoff, 1s can only come from Retry-After.
        backend.failNext(1, 503, "1", null);
        OtlpHttpExporterConfig config = config("endpoint: " + backend.url() + "\n" + FAST_RETRY);
        RetryWaitRecorder time = new RetryWaitRecorder();
        exporter = time.helper(runtime.context("otlphttp"), config.client().timeout(), config.sendingQueue(), config.retryOnFailure(),
                new OtlpHttpSender(config));
        exporter.start(id -> java.util.Optional.empty());

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 1)));

        backend.awaitSpans(1, WAIT);
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a400IsNotRetriedAndCountsAsFailed() throws Exception {
        backend.failNext(1, 400, null, com.google.rpc.Status.newBuilder().setCode(3).setMessage("bad span").build());
        start();

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 4)));

        Await.until(() -> failedSpans() == 4, WAIT, () -> "failed spans: " + failedSpans());
        assertThat(backend.attempts()).isEqualTo(1);
        assertThat(sentSpans()).isZero();
    }

    @Test
    void aPartialSuccessCountsAsSentAsInOtelcol() throws Exception {
        backend.answerPartialSuccess(1, "one rejected");
        start();

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 2)));

        Await.until(() -> sentSpans() == 2, WAIT, () -> "sent spans: " + sentSpans());
        assertThat(failedSpans()).isZero();
    }

    @Test
    void anUnresolvableHostDoesNotFailStart() throws Exception {
        exporter = new OtlpHttpExporterFactory().create(runtime.context("otlphttp"), config("endpoint: http://no-such-host.invalid:4318"));

        exporter.start(id -> java.util.Optional.empty());
    }

    @Test
    void defaultsMatchOtelcol() {
        OtlpHttpExporterConfig config = config("endpoint: http://collector:4318");

        assertThat(config.encoding()).isEqualTo(OtlpHttpExporterConfig.Encoding.PROTO);
        assertThat(config.compression()).isEqualTo("gzip");
        assertThat(config.client().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.writeBufferSize().bytes()).isEqualTo(512 * 1024);
        assertThat(config.sendingQueue().enabled()).isTrue();
        assertThat(config.retryOnFailure().enabled()).isTrue();
        assertThat(config.url(Signal.TRACES)).hasToString("http://collector:4318/v1/traces");
        assertThat(config.url(Signal.METRICS)).hasToString("http://collector:4318/v1/metrics");
        assertThat(config.url(Signal.LOGS)).hasToString("http://collector:4318/v1/logs");
    }

    @Test
    void goTransportKnobsAreAccepted() {
        OtlpHttpExporterConfig config = config("""
                endpoint: http://collector:4318
                read_buffer_size: 4096
                write_buffer_size: 1048576
                max_idle_conns: 10
                max_idle_conns_per_host: 5
                max_conns_per_host: 20
                idle_conn_timeout: 30s
                disable_keep_alives: false
                http2_read_idle_timeout: 10s
                http2_ping_timeout: 5s
                force_attempt_http2: false
                metrics_endpoint: http://collector:4318/v1/metrics
                """);

        assertThat(config.maxConnsPerHost()).isEqualTo(20);
    }

    @Test
    void someEndpointIsRequired() {
        assertThatThrownBy(() -> config("encoding: json")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least one endpoint must be specified");
    }

    @Test
    void tracesEndpointAloneIsEnoughForTracesAndASignalWithoutAnEndpointFailsWhenItsPipelineAsks() {
        OtlpHttpExporterConfig config = config("traces_endpoint: https://ingest.example.com/otlp/traces");
        assertThat(config.url(Signal.TRACES)).hasToString("https://ingest.example.com/otlp/traces");

        exporter = new OtlpHttpExporterFactory().create(runtime.context("otlphttp"), config);
        assertThatThrownBy(() -> exporter.consumer(Signal.LOGS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("either endpoint or logs_endpoint must be specified");
    }

    @Test
    void metricsAndLogsGoToTheirPathsUnderTheEndpointAndSignalEndpointsAreTakenAsWritten() throws Exception {
        exporter = new OtlpHttpExporterFactory().create(runtime.context("otlphttp"), config("endpoint: " + backend.url() + "/base/\n"
                + "logs_endpoint: " + backend.url() + "/custom/logs\n" + FAST_RETRY));
        SignalConsumer<Metrics> metrics = exporter.consumer(Signal.METRICS);
        SignalConsumer<Logs> logs = exporter.consumer(Signal.LOGS);
        exporter.start(id -> java.util.Optional.empty());
        ExportMetricsServiceRequest metricsRequest = TestMetrics.request(TestMetrics.resource("svc",
                TestMetrics.scope("meter", TestMetrics.everyType(1))));
        ExportLogsServiceRequest logsRequest = TestLogs.request(TestLogs.resource("svc", TestLogs.scope("logger",
                TestLogs.records("a", "b"))));

        metrics.consume(Metrics.of(metricsRequest));
        logs.consume(Logs.of(logsRequest));

        backend.awaitDataPoints(5, WAIT);
        backend.awaitLogRecords(2, WAIT);
        assertThat(backend.metricsRequests()).singleElement().satisfies(received -> {
            assertThat(received.path()).isEqualTo("/base/v1/metrics");
            assertThat(received.request()).isEqualTo(metricsRequest);
        });
        assertThat(backend.logsRequests()).singleElement().satisfies(received -> {
            assertThat(received.path()).isEqualTo("/custom/logs");
            assertThat(received.request()).isEqualTo(logsRequest);
        });
        Await.until(() -> runtime.exporterCounter("otelcol.exporter.sent.log.records", "otlphttp") == 2, WAIT, () -> "sent records");
        Await.until(() -> runtime.exporterCounter("otelcol.exporter.sent.metric.points", "otlphttp") == 5, WAIT, () -> "sent points");
    }

    @Test
    void metricsAndLogsGoAsOtlpJsonWithEncodingJson() throws Exception {
        exporter = new OtlpHttpExporterFactory().create(runtime.context("otlphttp"), config("endpoint: " + backend.url()
                + "\nencoding: json\n" + FAST_RETRY));
        SignalConsumer<Metrics> metrics = exporter.consumer(Signal.METRICS);
        SignalConsumer<Logs> logs = exporter.consumer(Signal.LOGS);
        exporter.start(id -> java.util.Optional.empty());
        ExportMetricsServiceRequest metricsRequest = TestMetrics.request(TestMetrics.resource("svc",
                TestMetrics.scope("meter", TestMetrics.everyType(1))));
        ExportLogsServiceRequest logsRequest = TestLogs.request(TestLogs.resource("svc", TestLogs.scope("logger", TestLogs.records("a"))));

        metrics.consume(Metrics.of(metricsRequest));
        logs.consume(Logs.of(logsRequest));

        backend.awaitDataPoints(5, WAIT);
        backend.awaitLogRecords(1, WAIT);
        assertThat(backend.metricsRequests()).singleElement().satisfies(received -> {
            assertThat(received.header("Content-Type")).isEqualTo("application/json");
            assertThat(received.request()).isEqualTo(metricsRequest);
        });
        assertThat(backend.logsRequests()).singleElement().extracting(OtlpHttpBackend.ReceivedRequest::request).isEqualTo(logsRequest);
    }

    @Test
    void anEndpointMustBeAnHttpUrl() {
        assertThatThrownBy(() -> config("endpoint: collector:4318")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void anUnknownEncodingIsRefused() {
        assertThatThrownBy(() -> config("endpoint: http://c:4318\nencoding: thrift")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("encoding");
    }

    @Test
    void lz4IsRefusedClearly() {
        assertThatThrownBy(() -> config("endpoint: http://c:4318\ncompression: lz4")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"lz4\" is not supported");
    }

    @Test
    void anUnknownCompressionIsRefused() {
        assertThatThrownBy(() -> config("endpoint: http://c:4318\ncompression: brotli")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unsupported compression type \"brotli\"");
    }

    @Test
    void aGzipLevelOutOfRangeIsRefused() {
        assertThatThrownBy(() -> config("endpoint: http://c:4318\ncompression_params: {level: 12}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unsupported parameters {Level:12}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy_url: http://proxy:3128", "cookies: {}"})
    void whatWeCannotHonourIsRefusedRatherThanIgnored(String line) {
        assertThatThrownBy(() -> config("endpoint: http://c:4318\n" + line)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not supported yet");
    }

    @Test
    void theFactoryIsDiscoveredAsOtlphttpWithItsAlias() {
        assertThat(ServiceLoader.load(ExporterFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(f -> f.type().equals("otlphttp"))
                .singleElement()
                .satisfies(f -> assertThat(f.aliases()).containsExactly("otlp_http"));
    }
}
