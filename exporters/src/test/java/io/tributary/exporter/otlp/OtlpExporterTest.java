package io.tributary.exporter.otlp;

import static io.tributary.exporter.TestRuntime.FAST_RETRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.Exporter;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.ExporterHelper;
import io.tributary.exporter.SampleTraces;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OtlpExporterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestRuntime runtime = new TestRuntime();
    private final OtlpBackend backend = OtlpBackend.start();
    private Exporter exporter;

    @AfterEach
    void tearDown() throws Exception {
        if (exporter != null) {
            exporter.shutdown();
        }
        backend.close();
        runtime.close();
    }

    @Test
    void deliversEverySpanOnceWithAllFieldsIntact() throws Exception {
        start(OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY));
        List<ResourceSpans> sent = new ArrayList<>();

        for (int trace = 1; trace <= 20; trace++) {
            ExportTraceServiceRequest request = SampleTraces.request("svc-" + trace, trace, 5);
            sent.addAll(request.getResourceSpansList());
            exporter.consume(Traces.parse(request.toByteString()));
        }

        backend.awaitSpans(100, WAIT);
        assertThat(backend.resourceSpans()).containsExactlyInAnyOrderElementsOf(sent);
        Await.until(() -> sentSpans() == 100, WAIT, () -> "sent spans: " + sentSpans());
    }

    @Test
    void metricsAndLogsGoToTheirServicesOverTheOneChannelEachWithItsOwnQueueAndMetrics() throws Exception {
        exporter = new OtlpExporterFactory().create(runtime.context("otlp"), OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY));
        SignalConsumer<Metrics> metrics = exporter.consumer(Signal.METRICS);
        SignalConsumer<Logs> logs = exporter.consumer(Signal.LOGS);
        exporter.start(null);
        ExportMetricsServiceRequest metricsRequest = TestMetrics.request(TestMetrics.resource("svc",
                TestMetrics.scope("meter", TestMetrics.everyType(2))));
        ExportLogsServiceRequest logsRequest = TestLogs.request(TestLogs.resource("svc", TestLogs.scope("logger",
                TestLogs.records("one", "two", "three"))));

        metrics.consume(Metrics.parse(metricsRequest.toByteString()));
        logs.consume(Logs.parse(logsRequest.toByteString()));
        exporter.consume(Traces.of(SampleTraces.request("a", 1, 2)));

        backend.awaitDataPoints(10, WAIT);
        backend.awaitLogRecords(3, WAIT);
        backend.awaitSpans(2, WAIT);
        assertThat(backend.metricsRequests()).containsExactly(metricsRequest);
        assertThat(backend.logsRequests()).containsExactly(logsRequest);
        Await.until(() -> runtime.exporterCounter("otelcol.exporter.sent.metric.points", "otlp") == 10, WAIT, () -> "sent points");
        Await.until(() -> runtime.exporterCounter("otelcol.exporter.sent.log.records", "otlp") == 3, WAIT, () -> "sent records");
        assertThat(runtime.telemetry().registry().find("otelcol.exporter.queue.capacity").gauges())
                .extracting(gauge -> gauge.getId().getTag("data_type")).containsExactlyInAnyOrder("traces", "metrics", "logs");
    }

    @Test
    void aFailedMetricsSendIsCountedInDataPointsAndLeavesTracesAlone() throws Exception {
        backend.failNext(1, Status.INVALID_ARGUMENT);
        exporter = new OtlpExporterFactory().create(runtime.context("otlp"), OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY));
        SignalConsumer<Metrics> metrics = exporter.consumer(Signal.METRICS);
        exporter.start(null);

        metrics.consume(Metrics.of(TestMetrics.request(TestMetrics.resource("svc", TestMetrics.scope("m", TestMetrics.everyType(1))))));

        Await.until(() -> runtime.exporterCounter("otelcol.exporter.send.failed.metric.points", "otlp") == 5, WAIT,
                () -> "failed points");
        assertThat(runtime.telemetry().registry().find("otelcol.exporter.queue.size").tag("data_type", "traces").gauge())
                .as("no traces pipeline asked for the traces queue").isNull();
        assertThat(failedSpans()).isZero();
    }

    @Test
    void retriesUnavailableUntilTheBackendAccepts() throws Exception {
        backend.failNext(2, Status.UNAVAILABLE);
        start(OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY));

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 3)));

        backend.awaitSpans(3, WAIT);
        Await.until(() -> sentSpans() == 3, WAIT, () -> "sent spans: " + sentSpans());
        assertThat(backend.attempts()).isEqualTo(3);
        assertThat(backend.requests()).hasSize(1);
    }

    @Test
    void invalidArgumentIsNotRetriedAndCountsAsFailed() throws Exception {
        backend.failNext(1, Status.INVALID_ARGUMENT.withDescription("bad span"));
        start(OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY));

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 4)));

        Await.until(() -> failedSpans() == 4, WAIT, () -> "failed spans: " + failedSpans());
        assertThat(backend.attempts()).isEqualTo(1);
        assertThat(backend.spanCount()).isZero();
    }

    @Test
    void resourceExhaustedWithoutRetryInfoIsNotRetried() throws Exception {
        backend.failNext(1, Status.RESOURCE_EXHAUSTED);
        start(OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY));

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 2)));

        Await.until(() -> failedSpans() == 2, WAIT, () -> "failed spans: " + failedSpans());
        assertThat(backend.attempts()).isEqualTo(1);
    }

    @Test
    void resourceExhaustedWithRetryInfoIsRetried() throws Exception {
        backend.failNext(1, Status.RESOURCE_EXHAUSTED, Duration.ofMillis(50));
        start(OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY));

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 2)));

        backend.awaitSpans(2, WAIT);
        assertThat(backend.attempts()).isEqualTo(2);
    }

    @Test
    void aBackendThatIsDownAtStartGetsTheDataOnceItComesUp() throws Exception {
        backend.stop();
        start(OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY));

        ListAppender<ILoggingEvent> helperLog = new ListAppender<>();
        helperLog.start();
        Logger helper = (Logger) LoggerFactory.getLogger(ExporterHelper.class);
        helper.addAppender(helperLog);
        try {
            exporter.consume(Traces.of(SampleTraces.request("a", 1, 3)));
            // The helper logs each failed attempt it will retry: wait for one, so the data really met a dead backend.
            Await.until(() -> !helperLog.list.isEmpty(), WAIT, () -> "no failed attempt while the backend was down");
        } finally {
            helper.detachAppender(helperLog);
        }
        assertThat(sentSpans()).isZero();
        backend.restart();

        backend.awaitSpans(3, WAIT);
        assertThat(backend.requests()).hasSize(1);
    }

    @Test
    void anUnresolvableHostDoesNotFailStart() {
        exporter = new OtlpExporterFactory().create(runtime.context("otlp"),
                OtlpGrpcSenderTest.config("no-such-host.invalid:4317"));

        assertThatCode(() -> exporter.start(null)).doesNotThrowAnyException();
    }

    @Test
    void anEndpointIsRequiredAndReportedWithTheSectionsLine() {
        assertThatThrownBy(() -> Binder.bind(ConfigLoader.parse("otlp:\n  tls: {insecure: true}\n", "test.yaml", name -> null)
                        .get("otlp"), "exporters::otlp", OtlpExporterConfig.class, OtlpExporterConfig.DEFAULT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:1")
                .hasMessageContaining("exporters::otlp")
                .hasMessageContaining("endpoint");
    }

    @Test
    void unsupportedCompressionIsAConfigError() {
        assertThatThrownBy(() -> OtlpGrpcSenderTest.config("localhost:4317", "compression: zstd"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("compression")
                .hasMessageContaining("not supported");
    }

    @Test
    void authWithoutAnAuthenticatorIsAConfigError() {
        assertThatThrownBy(() -> OtlpGrpcSenderTest.config("localhost:4317", "auth: {}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exporters::otlp::auth")
                .hasMessageContaining("authenticator");
    }

    @Test
    void sendingQueueBatchMergesAndSplitsRequestsToTheBackendAndShutdownSendsTheRest() throws Exception {
        start(OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY,
                "sending_queue: {batch: {min_size: 10, max_size: 10, flush_timeout: 1h}}"));

        for (int trace = 1; trace <= 5; trace++) {
            exporter.consume(Traces.of(SampleTraces.request("svc", trace, 5)));
        }
        backend.awaitSpans(20, WAIT);
        exporter.shutdown();
        exporter = null;

        assertThat(backend.requests()).extracting(r -> r.request().getResourceSpansList().stream()
                .mapToInt(rs -> rs.getScopeSpansList().stream().mapToInt(ss -> ss.getSpansCount()).sum()).sum())
                .containsExactly(10, 10, 5);
        assertThat(sentSpans()).isEqualTo(25);
    }

    @Test
    void sendingQueueWaitForResultHandsTheBackendsRefusalToTheCaller() throws Exception {
        backend.failNext(1, Status.INVALID_ARGUMENT);
        start(OtlpGrpcSenderTest.config(backend.endpoint(), FAST_RETRY, "sending_queue: {wait_for_result: true}"));

        assertThatThrownBy(() -> exporter.consume(Traces.of(SampleTraces.request("a", 1, 3))))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("INVALID_ARGUMENT");
        exporter.consume(Traces.of(SampleTraces.request("b", 2, 2)));

        assertThat(backend.spanCount()).isEqualTo(2);
        assertThat(failedSpans()).isEqualTo(3);
    }

    private void start(OtlpExporterConfig config) throws Exception {
        exporter = new OtlpExporterFactory().create(runtime.context("otlp"), config);
        exporter.start(null);
    }

    private double sentSpans() {
        return runtime.exporterCounter("otelcol.exporter.sent.spans", "otlp");
    }

    private double failedSpans() {
        return runtime.exporterCounter("otelcol.exporter.send.failed.spans", "otlp");
    }
}
