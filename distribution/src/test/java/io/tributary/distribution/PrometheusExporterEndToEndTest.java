package io.tributary.distribution;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tributary.testkit.Await;
import io.tributary.testkit.PrometheusServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry SDK's metrics through the daemon ({@code otlp → prometheus}) into a real
 * Prometheus that scrapes it: a cumulative histogram with the exemplar of the span it was recorded
 * in, and a counter the SDK sends as deltas, which the exporter adds up into the counter Prometheus
 * stores.
 */
class PrometheusExporterEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Resource RESOURCE = Resource.create(Attributes.of(stringKey("service.name"), "checkout",
            stringKey("service.instance.id"), "pod-1", stringKey("k8s.namespace.name"), "shop"));

    /** Spans the measurements are made in: recorded (a provider without a processor gives exemplars no trace), sent nowhere. */
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build();
    /** Shut down last: a shutdown exports again, and a cumulative point exported without exemplars replaces the one with them. */
    private final List<SdkMeterProvider> meterProviders = new ArrayList<>();
    private DaemonHarness daemon;

    @AfterEach
    void tearDown() {
        meterProviders.forEach(meters -> meters.shutdown().join(10, TimeUnit.SECONDS));
        if (daemon != null) {
            daemon.close();
        }
        tracing.shutdown();
    }

    @Test
    void sdkMetricsReachPrometheusWithTheirExemplarsAndDeltasAddedUp(@TempDir Path dir) throws Exception {
        Path binary = PrometheusServer.binary().orElse(null);
        assumeTrue(binary != null, "prometheus is not installed");
        daemon = new DaemonHarness("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:0
                      http:
                        endpoint: 127.0.0.1:0
                exporters:
                  prometheus:
                    endpoint: 127.0.0.1:0
                    enable_open_metrics: true
                    const_labels:
                      cluster: test
                service:
                  pipelines:
                    metrics:
                      receivers: [otlp]
                      exporters: [prometheus]
                  telemetry:
                    metrics:
                      address: 127.0.0.1:0
                """);
        int port = daemon.exporter("prometheus").getPort();

        SpanContext span = recordDurations(OtlpGrpcMetricExporter.builder().setEndpoint(url(daemon.receiver("otlp", "grpc"))).build());
        countRequestsAsDeltas(OtlpHttpMetricExporter.builder().setEndpoint(url(daemon.receiver("otlp", "http")) + "/v1/metrics")
                .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred()).build());

        try (PrometheusServer prometheus = PrometheusServer.start(binary, dir, "gateway", List.of("127.0.0.1:" + port))) {
            JsonObject requests = awaitOne(prometheus, "http_server_requests_total{exported_job=\"checkout\"}");
            assertThat(requests.getAsJsonArray("value").get(1).getAsString()).as("3 and then 4 sent as deltas").isEqualTo("7");
            assertThat(requests.getAsJsonObject("metric").get("route").getAsString()).isEqualTo("/cart");
            assertThat(requests.getAsJsonObject("metric").get("cluster").getAsString()).isEqualTo("test");
            assertThat(requests.getAsJsonObject("metric").get("exported_instance").getAsString()).isEqualTo("pod-1");

            assertThat(awaitOne(prometheus, "http_server_duration_milliseconds_count").getAsJsonArray("value").get(1).getAsString())
                    .isEqualTo("2");
            assertThat(awaitOne(prometheus, "http_server_duration_milliseconds_sum").getAsJsonArray("value").get(1).getAsString())
                    .isEqualTo("262.5");
            assertThat(awaitOne(prometheus, "target_info").getAsJsonObject("metric").get("k8s_namespace_name").getAsString())
                    .isEqualTo("shop");

            JsonArray[] exemplars = new JsonArray[1];
            Await.until(() -> (exemplars[0] = prometheus.queryExemplars("http_server_duration_milliseconds_bucket")).size() > 0, WAIT,
                    () -> "no exemplars of http_server_duration_milliseconds_bucket; the exporter serves:\n" + openMetrics(port));
            assertThat(exemplars[0].get(0).getAsJsonObject().getAsJsonArray("exemplars")).isNotEmpty().allSatisfy(exemplar -> {
                JsonObject labels = exemplar.getAsJsonObject().getAsJsonObject("labels");
                assertThat(labels.get("trace_id").getAsString()).isEqualTo(span.getTraceId());
                assertThat(labels.get("span_id").getAsString()).isEqualTo(span.getSpanId());
            });
        }
        assertThat(daemon.metric("otelcol_exporter_sent_metric_points", "exporter", "prometheus"))
                .isEqualTo(daemon.metric("otelcol_receiver_accepted_metric_points", "receiver", "otlp")).isGreaterThanOrEqualTo(3);
    }

    /** Two durations recorded in a span, exported once, cumulatively, with an exemplar each. */
    private SpanContext recordDurations(MetricExporter toDaemon) {
        SdkMeterProvider meters = meters(toDaemon);
        DoubleHistogram duration = meters.get("io.tributary.e2e").histogramBuilder("http.server.duration").setUnit("ms").build();
        Span span = tracing.get("test").spanBuilder("GET /cart").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            duration.record(12.5);
            duration.record(250);
        } finally {
            span.end();
        }
        flush(meters);
        return span.getSpanContext();
    }

    /** 3 requests, exported, then 4 more, exported: two deltas, the second starting where the first ended. */
    private void countRequestsAsDeltas(MetricExporter toDaemon) {
        SdkMeterProvider meters = meters(toDaemon);
        Meter meter = meters.get("io.tributary.e2e");
        LongCounter requests = meter.counterBuilder("http.server.requests").setUnit("{request}").build();
        requests.add(3, Attributes.of(stringKey("route"), "/cart"));
        flush(meters);
        requests.add(4, Attributes.of(stringKey("route"), "/cart"));
        flush(meters);
    }

    private SdkMeterProvider meters(MetricExporter toDaemon) {
        SdkMeterProvider meters = SdkMeterProvider.builder().setResource(RESOURCE).setExemplarFilter(ExemplarFilter.alwaysOn())
                .registerMetricReader(PeriodicMetricReader.builder(toDaemon).setInterval(Duration.ofHours(1)).build()).build();
        meterProviders.add(meters);
        return meters;
    }

    private static void flush(SdkMeterProvider meters) {
        assertThat(meters.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("the daemon accepted the export").isTrue();
    }

    private static JsonObject awaitOne(PrometheusServer prometheus, String promql) {
        JsonArray[] result = new JsonArray[1];
        Await.until(() -> (result[0] = prometheus.query(promql)).size() > 0, WAIT,
                () -> promql + " has no series; targets: " + prometheus.targets() + "\n" + prometheus.log());
        assertThat(result[0]).hasSize(1);
        return result[0].get(0).getAsJsonObject();
    }

    private static String openMetrics(int port) {
        try {
            return DaemonHarness.get(new InetSocketAddress("127.0.0.1", port), "/metrics",
                    "Accept", "application/openmetrics-text;version=1.0.0").body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static String url(InetSocketAddress address) {
        return "http://" + address.getHostString() + ":" + address.getPort();
    }
}
