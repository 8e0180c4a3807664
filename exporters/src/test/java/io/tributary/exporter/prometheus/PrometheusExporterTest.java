package io.tributary.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.core.component.Exporter;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.Await;
import io.tributary.testkit.Executables;
import io.tributary.testkit.OtlpJsonReader;
import io.tributary.testkit.PrometheusServer;
import io.tributary.testkit.TestHost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter as the service runs it: its HTTP server on a real socket, scraped by an HTTP client and by a real Prometheus. */
class PrometheusExporterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CALLS_TRACE = "5b8efff798038103d269b633813fc60c";
    private static final String DURATION_TRACE = "0af7651916cd43dd8448eb211c80319c";

    private final TestRuntime runtime = new TestRuntime();
    private final TestHost host = new TestHost();
    private Exporter exporter;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (exporter != null) {
            exporter.shutdown();
        }
        host.close();
        runtime.close();
    }

    @Test
    void servesWhatItReceivesOnMetricsGzippedWhenAskedAndCountsItSent() throws Exception {
        InetSocketAddress address = start("endpoint: 127.0.0.1:0");
        exporter.consumer(Signal.METRICS).consume(Metrics.of(
                OtlpJsonReader.read(PrometheusExpositionTest.resource("spanmetrics.json"), ExportMetricsServiceRequest.getDefaultInstance())));

        HttpResponse<byte[]> plain = get(address, "/metrics", "Accept-Encoding", "identity");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8; escaping=underscores");
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(PrometheusExpositionTest.resource("spanmetrics.txt"));

        HttpResponse<byte[]> gzipped = get(address, "/metrics", "Accept-Encoding", "gzip");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(PrometheusExpositionTest.resource("spanmetrics.txt"));
        }

        HttpResponse<byte[]> elsewhere = get(address, "/federate", "Accept-Encoding", "identity");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(new String(elsewhere.body(), StandardCharsets.UTF_8)).isEqualTo("404 page not found\n");
        assertThat(runtime.exporterCounter("otelcol.exporter.sent.metric.points", "prometheus")).isEqualTo(3);
    }

    @Test
    void anEndpointIsRequired() {
        assertThatThrownBy(() -> new PrometheusExporterFactory().checkFor(Signal.METRICS, PrometheusExporterConfig.DEFAULT))
                .hasMessage("expecting a non-blank address to run the Prometheus metrics handler");
        assertThat(new PrometheusExporterFactory().signals()).containsExactly(Signal.METRICS);
    }

    /** promtool finds nothing but the lints otelcol's own scrape has: descriptions the spans never had, and milliseconds. */
    @Test
    void theExpositionPassesPromtool(@TempDir Path dir) throws Exception {
        Path promtool = Executables.onPath("promtool").orElse(null);
        assumeTrue(promtool != null, "promtool is not installed");
        InetSocketAddress address = start("endpoint: 127.0.0.1:0");
        exporter.consumer(Signal.METRICS).consume(Metrics.of(
                OtlpJsonReader.read(PrometheusExpositionTest.resource("types.json"), ExportMetricsServiceRequest.getDefaultInstance())));
        exporter.consumer(Signal.METRICS).consume(Metrics.of(
                OtlpJsonReader.read(PrometheusExpositionTest.resource("spanmetrics.json"), ExportMetricsServiceRequest.getDefaultInstance())));
        Path scrape = Files.write(dir.resolve("scrape.prom"), get(address, "/metrics", "Accept-Encoding", "identity").body());

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(scrape.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(check.exitValue()).as("0, or 3 for lint problems only; 1 is an unreadable exposition: %s", output).isIn(0, 3);
        assertThat(output.lines()).isNotEmpty().allSatisfy(line ->
                assertThat(line).matches(".* (no help text|use base unit \"seconds\" instead of \"milliseconds\")"));
    }

    /**
     * What Jaeger's Monitor tab and Grafana read: Prometheus (negotiating OpenMetrics) stores the
     * span metrics under otelcol's names and labels, and the exemplars that link to their traces.
     */
    @Test
    void aRealPrometheusStoresTheSpanMetricsAndTheirExemplars(@TempDir Path dir) throws Exception {
        Path binary = PrometheusServer.binary().orElse(null);
        assumeTrue(binary != null, "prometheus is not installed");
        InetSocketAddress address = start("{endpoint: 127.0.0.1:0, enable_open_metrics: true}");
        exporter.consumer(Signal.METRICS).consume(spanMetrics(Instant.now()));

        try (PrometheusServer prometheus = PrometheusServer.start(binary, dir, "gateway", List.of("127.0.0.1:" + address.getPort()))) {
            JsonObject calls = awaitOne(prometheus, "traces_span_metrics_calls_total");
            assertThat(labels(calls)).containsEntry("exported_job", "checkout").containsEntry("exported_instance", "pod-1")
                    .containsEntry("job", "gateway").containsEntry("service_name", "checkout").containsEntry("span_name", "GET /cart")
                    .containsEntry("span_kind", "SPAN_KIND_SERVER").containsEntry("status_code", "STATUS_CODE_UNSET")
                    .containsEntry("otel_scope_name", "spanmetricsconnector");
            assertThat(calls.getAsJsonArray("value").get(1).getAsString()).isEqualTo("7");
            // OpenMetrics writes le="6.0", which Prometheus 2 keeps as written and 3 normalizes to "6"
            assertThat(awaitOne(prometheus, "traces_span_metrics_duration_milliseconds_bucket{le=~\"6(\\\\.0)?\"}").getAsJsonArray("value")
                    .get(1).getAsString()).isEqualTo("3");
            assertThat(awaitOne(prometheus, "target_info").getAsJsonObject("metric").get("k8s_pod_name").getAsString())
                    .isEqualTo("checkout-7f9");

            assertThat(awaitExemplar(prometheus, "traces_span_metrics_calls_total")).isEqualTo(CALLS_TRACE);
            assertThat(awaitExemplar(prometheus, "traces_span_metrics_duration_milliseconds_bucket")).isEqualTo(DURATION_TRACE);
            assertThat(prometheus.targets()).allSatisfy(target ->
                    assertThat(target.getAsJsonObject().get("health").getAsString()).isEqualTo("up"));
        }
    }

    /** With native histograms on, Prometheus asks for protobuf: exponential histograms arrive with their buckets. */
    @Test
    void aRealPrometheusWithNativeHistogramsGetsExponentialHistogramsAsNativeOnes(@TempDir Path dir) throws Exception {
        Path binary = PrometheusServer.binary().orElse(null);
        assumeTrue(binary != null, "prometheus is not installed");
        InetSocketAddress address = start("endpoint: 127.0.0.1:0");
        exporter.consumer(Signal.METRICS).consume(Metrics.of(
                OtlpJsonReader.read(PrometheusExpositionTest.resource("types.json"), ExportMetricsServiceRequest.getDefaultInstance())));

        try (PrometheusServer prometheus = PrometheusServer.start(binary, dir, "gateway", List.of("127.0.0.1:" + address.getPort()),
                "native-histograms")) {
            assertThat(awaitOne(prometheus, "histogram_count(payload_size_bytes)").getAsJsonArray("value").get(1).getAsString())
                    .isEqualTo("5");
            assertThat(awaitOne(prometheus, "histogram_sum(latency_fine_milliseconds)").getAsJsonArray("value").get(1).getAsString())
                    .isEqualTo("12.5");
            // its buckets, folded from scale 10 to 8: 6 observations above zero, 1 below
            assertThat(awaitOne(prometheus, "histogram_fraction(0, +Inf, latency_fine_milliseconds)").getAsJsonArray("value").get(1)
                    .getAsDouble()).isCloseTo(6 / 7.0, Offset.offset(1e-9));
        }
    }

    private InetSocketAddress start(String yaml) throws Exception {
        exporter = new PrometheusExporterFactory().create(runtime.context("prometheus"), PrometheusExpositionTest.config(yaml));
        exporter.start(host);
        return exporter.addresses().get("http");
    }

    private static HttpResponse<byte[]> get(InetSocketAddress address, String path, String... headers) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path)).headers(headers)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonObject awaitOne(PrometheusServer prometheus, String promql) {
        JsonArray[] result = new JsonArray[1];
        Await.until(() -> (result[0] = prometheus.query(promql)).size() > 0, WAIT,
                () -> promql + " has no series; targets: " + prometheus.targets() + "\n" + prometheus.log());
        assertThat(result[0]).hasSize(1);
        return result[0].get(0).getAsJsonObject();
    }

    /** The trace ID of the first exemplar of the series {@code promql} selects, once Prometheus has one. */
    private static String awaitExemplar(PrometheusServer prometheus, String promql) {
        JsonArray[] result = new JsonArray[1];
        Await.until(() -> (result[0] = prometheus.queryExemplars(promql)).size() > 0, WAIT, () -> promql + " has no exemplars");
        JsonObject exemplar = result[0].get(0).getAsJsonObject().getAsJsonArray("exemplars").get(0).getAsJsonObject();
        return exemplar.getAsJsonObject("labels").get("trace_id").getAsString();
    }

    private static Map<String, String> labels(JsonObject series) {
        Map<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, JsonElement> label : series.getAsJsonObject("metric").entrySet()) {
            labels.put(label.getKey(), label.getValue().getAsString());
        }
        return labels;
    }

    /** What the spanmetrics connector emits for one endpoint: calls and a duration histogram in milliseconds, with exemplars. */
    static Metrics spanMetrics(Instant now) {
        long time = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        List<KeyValue> dimensions = List.of(attribute("service.name", "checkout"), attribute("span.name", "GET /cart"),
                attribute("span.kind", "SPAN_KIND_SERVER"), attribute("status.code", "STATUS_CODE_UNSET"));
        Metric calls = Metric.newBuilder().setName("traces.span.metrics.calls").setSum(Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(NumberDataPoint.newBuilder().addAllAttributes(dimensions).setStartTimeUnixNano(time - 60_000_000_000L)
                        .setTimeUnixNano(time).setAsInt(7).addExemplars(exemplar(time, 1, CALLS_TRACE)))).build();
        Metric duration = Metric.newBuilder().setName("traces.span.metrics.duration").setUnit("ms").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().addAllAttributes(dimensions).setStartTimeUnixNano(time - 60_000_000_000L)
                        .setTimeUnixNano(time).setCount(7).setSum(1234.5).addAllExplicitBounds(List.of(2d, 6d, 10d, 100d))
                        .addAllBucketCounts(List.of(1L, 2L, 3L, 0L, 1L)).addExemplars(exemplar(time, 5.5, DURATION_TRACE)))).build();
        return Metrics.of(List.of(ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "checkout"))
                        .addAttributes(attribute("service.instance.id", "pod-1")).addAttributes(attribute("k8s.pod.name", "checkout-7f9")))
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("spanmetricsconnector"))
                        .addMetrics(calls).addMetrics(duration))
                .build()));
    }

    private static Exemplar exemplar(long time, double value, String traceId) {
        return Exemplar.newBuilder().setTimeUnixNano(time).setAsDouble(value)
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("eee19b7ec3c1b174"))).build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
