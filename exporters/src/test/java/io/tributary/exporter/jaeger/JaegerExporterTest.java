package io.tributary.exporter.jaeger;

import static io.tributary.exporter.TestRuntime.FAST_RETRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.Exporter;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.exporter.SampleTraces;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.Await;
import io.tributary.translator.jaeger.JaegerProtoTranslator;
import io.tributary.translator.jaeger.apiv2.Model;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JaegerExporterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PLAINTEXT = "tls: {insecure: true}";

    private final TestRuntime runtime = new TestRuntime();
    private final GrpcCollector collector;
    private JaegerGrpcSender sender;
    private Exporter exporter;

    JaegerExporterTest() throws Exception {
        collector = GrpcCollector.start();
    }

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
    void postsOneBatchPerResourceWithEverySpanIntact() throws Exception {
        Traces traces = Traces.concat(List.of(Traces.of(SampleTraces.request("checkout", 1, 3)),
                Traces.of(SampleTraces.request("payment", 2, 2))));
        startSender(config(collector.endpoint(), PLAINTEXT));

        sender.send(traces, TIMEOUT);

        List<Model.Batch> expected = JaegerProtoTranslator.toBatches(traces);
        assertThat(expected).hasSize(2);
        assertThat(collector.batches()).containsExactlyElementsOf(expected);
        assertThat(collector.batches()).extracting(b -> b.getProcess().getServiceName()).containsExactly("checkout", "payment");
        assertThat(collector.batches()).extracting(Model.Batch::getSpansCount).containsExactly(3, 2);
    }

    @Test
    void configuredHeadersReachTheCollector() throws Exception {
        startSender(config(collector.endpoint(), PLAINTEXT, "headers: {X-Scope-OrgID: tenant-1}"));

        sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

        assertThat(collector.received().get(0).header("X-Scope-OrgID")).isEqualTo("tenant-1");
    }

    @Test
    void gzipCompressionWhenConfigured() throws Exception {
        startSender(config(collector.endpoint(), PLAINTEXT, "compression: gzip"));

        sender.send(Traces.of(SampleTraces.request("a", 1, 2)), TIMEOUT);

        assertThat(collector.received().get(0).header("grpc-encoding")).isEqualTo("gzip");
        assertThat(collector.batches().get(0).getSpansCount()).isEqualTo(2);
    }

    @Test
    void requestsAreUncompressedByDefaultAsInOtelcolsJaegerExporter() throws Exception {
        startSender(config(collector.endpoint(), PLAINTEXT));

        sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

        assertThat(collector.received().get(0).header("grpc-encoding")).isNull();
    }

    @Test
    void withoutTlsSettingsTheExporterSpeaksTls() throws Exception {
        startSender(config(collector.endpoint()));

        SendException e = catchThrowableOfType(SendException.class,
                () -> sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT));

        assertThat(e).as("a TLS handshake with a plaintext server must fail").isNotNull();
        assertThat(collector.attempts()).isZero();
    }

    @Test
    void unavailableIsRetryable() throws Exception {
        collector.failNext(1, Status.UNAVAILABLE.withDescription("overloaded"));

        SendException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessageContaining("UNAVAILABLE");
    }

    @Test
    void invalidArgumentIsPermanent() throws Exception {
        collector.failNext(1, Status.INVALID_ARGUMENT.withDescription("bad span"));

        SendException e = sendExpectingFailure();

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageContaining("bad span");
    }

    @Test
    void resourceExhaustedWithRetryInfoIsRetryableAfterTheServersDelay() throws Exception {
        collector.failNext(Status.RESOURCE_EXHAUSTED, Duration.ofMillis(1500));

        SendException e = sendExpectingFailure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void retriesUnavailableUntilTheCollectorAccepts() throws Exception {
        collector.failNext(2, Status.UNAVAILABLE);
        startExporter(config(collector.endpoint(), PLAINTEXT, FAST_RETRY));

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 3)));

        Await.until(() -> sentSpans() == 3, WAIT, () -> "sent spans: " + sentSpans());
        assertThat(collector.attempts()).isEqualTo(3);
        assertThat(collector.batches()).singleElement().satisfies(b -> assertThat(b.getSpansCount()).isEqualTo(3));
    }

    @Test
    void anUnresolvableHostDoesNotFailStart() {
        exporter = new JaegerExporterFactory().create(runtime.context("jaeger"),
                config("no-such-host.invalid:14250", PLAINTEXT));

        assertThatCode(() -> exporter.start(null)).doesNotThrowAnyException();
    }

    @Test
    void anEndpointIsRequiredAndReportedWithTheSectionsLine() {
        assertThatThrownBy(() -> Binder.bind(ConfigLoader.parse("jaeger:\n  tls: {insecure: true}\n", "test.yaml", name -> null)
                        .get("jaeger"), "exporters::jaeger", JaegerExporterConfig.class, JaegerExporterConfig.DEFAULT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:1")
                .hasMessageContaining("endpoint");
    }

    @Test
    void theSeedTutorialsConfigBinds() {
        JaegerExporterConfig config = config("jaeger-collector:14250", PLAINTEXT);

        assertThat(config.client().endpoint()).isEqualTo("jaeger-collector:14250");
        assertThat(config.client().tls().insecure()).isTrue();
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    private SendException sendExpectingFailure() throws Exception {
        startSender(config(collector.endpoint(), PLAINTEXT));
        SendException e = catchThrowableOfType(SendException.class,
                () -> sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT));
        assertThat(e).as("send should fail").isNotNull();
        return e;
    }

    private void startSender(JaegerExporterConfig config) throws Exception {
        sender = new JaegerGrpcSender(config, runtime.context("jaeger").eventLoops());
        sender.start(null);
    }

    private void startExporter(JaegerExporterConfig config) throws Exception {
        exporter = new JaegerExporterFactory().create(runtime.context("jaeger"), config);
        exporter.start(null);
    }

    private double sentSpans() {
        return runtime.exporterCounter("otelcol.exporter.sent.spans", "jaeger");
    }

    static JaegerExporterConfig config(String endpoint, String... moreYaml) {
        String yaml = "endpoint: " + endpoint + "\n" + String.join("\n", moreYaml);
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "exporters::jaeger",
                JaegerExporterConfig.class, JaegerExporterConfig.DEFAULT);
    }
}
