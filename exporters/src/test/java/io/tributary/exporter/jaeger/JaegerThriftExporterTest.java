package io.tributary.exporter.jaeger;

import static io.tributary.exporter.TestRuntime.FAST_RETRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jaegertracing.thriftjava.Batch;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.Exporter;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.exporter.SampleTraces;
import io.tributary.testkit.TestCertificate;
import io.tributary.testkit.TestHost;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.Await;
import io.tributary.translator.jaeger.JaegerThriftTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JaegerThriftExporterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestRuntime runtime = new TestRuntime();
    private final ThriftHttpCollector collector = ThriftHttpCollector.start();
    private JaegerThriftSender sender;
    private Exporter exporter;

    @AfterEach
    void tearDown() throws Exception {
        if (sender != null) {
            sender.shutdown();
        }
        if (exporter != null) {
            exporter.shutdown();
        }
        collector.close();
        runtime.close();
    }

    @Test
    void postsOneThriftBatchPerResourceWithEverySpanIntact() throws Exception {
        Traces traces = twoResources();
        startSender(config(collector.url()));

        sender.send(traces, TIMEOUT);

        List<Batch> expected = JaegerThriftTranslator.toBatches(traces);
        assertThat(expected).hasSize(2);
        assertThat(collector.batches()).containsExactlyElementsOf(expected);
        assertThat(collector.batches()).extracting(b -> b.getProcess().getServiceName()).containsExactly("checkout", "payment");
        assertThat(collector.batches()).extracting(b -> b.getSpans().size()).containsExactly(3, 2);
    }

    @Test
    void theBodyIsDeclaredAsThrift() throws Exception {
        startSender(config(collector.url()));

        sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

        assertThat(collector.received()).singleElement().extracting(request -> request.header("Content-Type"))
                .isEqualTo("application/x-thrift");
    }

    @Test
    void configuredHeadersReachTheCollector() throws Exception {
        startSender(config(collector.url(), "headers: {X-Scope-OrgID: tenant-1}"));

        sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

        assertThat(collector.received().get(0).header("X-Scope-OrgID")).isEqualTo("tenant-1");
    }

    @Test
    void aRotatedBearerTokenFileIsSentFromTheNextRequestOn(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "first\n");
        try (TestHost host = new TestHost().with("bearertokenauth", "filename: " + token)) {
            sender = new JaegerThriftSender(config(collector.url(), "auth: {authenticator: bearertokenauth}"));
            sender.start(host);
            sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

            Files.writeString(token, "second\n");
            Await.until(() -> {
                sendQuietly();
                return collector.received().get(collector.received().size() - 1).header("Authorization").equals("Bearer second");
            }, Duration.ofSeconds(10), () -> "the rotated token was never sent");

            assertThat(collector.received().get(0).header("Authorization")).isEqualTo("Bearer first");
        }
    }

    private void sendQuietly() {
        try {
            sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);
        } catch (SendException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void throttlingAndGatewayStatusesAreRetryable(int status) throws Exception {
        collector.failNext(1, status, null);

        SendException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessageContaining("HTTP " + status);
    }

    @Test
    void retryAfterSecondsBecomeTheRetryDelay() throws Exception {
        collector.failNext(1, 503, "7");

        assertThat(sendExpectingFailure().retryAfter()).contains(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 413, 500})
    void otherStatusesArePermanent(int status) throws Exception {
        collector.failNext(1, status, null);

        SendException e = sendExpectingFailure();

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageContaining("HTTP " + status);
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        String url = collector.url();
        collector.close();
        startSender(config(url));

        SendException e = catchThrowableOfType(SendException.class,
                () -> sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT));

        assertThat(e).isNotNull();
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void verifiesAnHttpsCollectorAgainstTheConfiguredCa() throws Exception {
        try (ThriftHttpCollector tls = ThriftHttpCollector.startTls(TestCertificate.localhost())) {
            startSender(config(tls.url(), TestCertificate.localhost().clientTlsYaml()));

            sender.send(Traces.of(SampleTraces.request("a", 1, 2)), TIMEOUT);

            assertThat(tls.batches()).singleElement().satisfies(b -> assertThat(b.getSpans()).hasSize(2));
        }
    }

    @Test
    void refusesAnHttpsCollectorItDoesNotTrust() throws Exception {
        try (ThriftHttpCollector tls = ThriftHttpCollector.startTls(TestCertificate.localhost())) {
            startSender(config(tls.url()));

            SendException e = catchThrowableOfType(SendException.class,
                    () -> sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT));

            assertThat(e).isNotNull();
            assertThat(tls.batches()).isEmpty();
        }
    }

    @Test
    void insecureSkipVerifyTrustsAnyCollectorCertificate() throws Exception {
        try (ThriftHttpCollector tls = ThriftHttpCollector.startTls(TestCertificate.localhost())) {
            startSender(config(tls.url(), "tls: {insecure_skip_verify: true}"));

            sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

            assertThat(tls.batches()).hasSize(1);
        }
    }

    @Test
    void retriesUntilTheCollectorAccepts() throws Exception {
        collector.failNext(2, 503, null);
        startExporter(config(collector.url(), FAST_RETRY));

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 3)));

        Await.until(() -> sentSpans() == 3, WAIT, () -> "sent spans: " + sentSpans());
        assertThat(collector.attempts()).isEqualTo(3);
        assertThat(collector.batches()).singleElement().satisfies(b -> assertThat(b.getSpans()).hasSize(3));
    }

    @Test
    void aBadRequestIsNotRetriedAndCountsAsFailed() throws Exception {
        collector.failNext(1, 400, null);
        startExporter(config(collector.url(), FAST_RETRY));

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 4)));

        Await.until(() -> failedSpans() == 4, WAIT, () -> "failed spans: " + failedSpans());
        assertThat(collector.attempts()).isEqualTo(1);
    }

    @Test
    void anUnresolvableHostDoesNotFailStart() {
        exporter = new JaegerThriftExporterFactory().create(runtime.context("jaeger_thrift"),
                config("http://no-such-host.invalid:14268/api/traces"));

        assertThatCode(() -> exporter.start(null)).doesNotThrowAnyException();
    }

    @Test
    void anEndpointIsRequiredAndReportedWithTheSectionsLine() {
        assertThatThrownBy(() -> Binder.bind(ConfigLoader.parse("jaeger_thrift:\n  timeout: 2s\n", "test.yaml", name -> null)
                        .get("jaeger_thrift"), "exporters::jaeger_thrift", JaegerThriftExporterConfig.class,
                JaegerThriftExporterConfig.DEFAULT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:1")
                .hasMessageContaining("endpoint");
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlIsAConfigError() {
        assertThatThrownBy(() -> config("jaeger:14268"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http://");
    }

    private Traces twoResources() {
        return Traces.concat(List.of(Traces.of(SampleTraces.request("checkout", 1, 3)),
                Traces.of(SampleTraces.request("payment", 2, 2))));
    }

    private SendException sendExpectingFailure() throws Exception {
        startSender(config(collector.url()));
        SendException e = catchThrowableOfType(SendException.class,
                () -> sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT));
        assertThat(e).as("send should fail").isNotNull();
        return e;
    }

    private void startSender(JaegerThriftExporterConfig config) throws Exception {
        sender = new JaegerThriftSender(config);
        sender.start(null);
    }

    private void startExporter(JaegerThriftExporterConfig config) throws Exception {
        exporter = new JaegerThriftExporterFactory().create(runtime.context("jaeger_thrift"), config);
        exporter.start(null);
    }

    private double sentSpans() {
        return runtime.exporterCounter("otelcol.exporter.sent.spans", "jaeger_thrift");
    }

    private double failedSpans() {
        return runtime.exporterCounter("otelcol.exporter.send.failed.spans", "jaeger_thrift");
    }

    static JaegerThriftExporterConfig config(String endpoint, String... moreYaml) {
        String yaml = "endpoint: " + endpoint + "\n" + String.join("\n", moreYaml);
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "exporters::jaeger_thrift",
                JaegerThriftExporterConfig.class, JaegerThriftExporterConfig.DEFAULT);
    }
}
