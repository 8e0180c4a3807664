package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigNode;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.PrometheusScrape;
import io.tributary.testkit.PrometheusServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tail-sampling gateway of docker/config as shipped, RED metrics included: spans pass the
 * {@code spanmetrics} and {@code servicegraph} connectors before the sampling decision, so the
 * metrics its {@code prometheus} exporter serves count every request while the trace backend gets
 * only the kept traces.
 *
 * <p>Changed for the test, each where it is made: listen addresses, the backend's address, the
 * connectors' flush interval and the decision wait (seconds instead of 15 s and 10 s), and the
 * policies without the 10 % probabilistic one, so which traces are kept is known.
 */
class RedMetricsGatewayEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REQUESTS = 10;
    private static final int FAILING = 3;
    private static final String OVERRIDES = """
            receivers:
              otlp:
                protocols:
                  grpc: {endpoint: 127.0.0.1:0}
                  http: {endpoint: 127.0.0.1:0}
            extensions:
              health_check: {endpoint: 127.0.0.1:0}
            exporters:
              prometheus: {endpoint: 127.0.0.1:0}
            connectors:
              spanmetrics: {metrics_flush_interval: 1s}
              servicegraph: {metrics_flush_interval: 1s}
            processors:
              tail_sampling:
                decision_wait: 1s
                policies:
                  - name: errors
                    type: status_code
                    status_code: {status_codes: [ERROR]}
                  - name: slow-traces
                    type: latency
                    latency: {threshold_ms: 1000}
            service:
              telemetry:
                metrics: {address: 127.0.0.1:0}
            """;

    private static DaemonHarness gateway(OtlpBackend tempo) throws Exception {
        Map<String, String> env = Map.of("TEMPO_ENDPOINT", "127.0.0.1:" + tempo.port());
        ConfigNode config = ConfigLoader.load(List.of("yaml:" + DeploymentFiles.read(DeploymentFiles.DOCKER
                .resolve("config/tail-sampling-gateway.yaml")), "yaml:" + OVERRIDES), List.of(), env::get);
        return new DaemonHarness(config, DaemonHarness.components(env));
    }

    @Test
    void everyRequestIsCountedWhileOnlyTheKeptTracesAreExported() throws Exception {
        try (OtlpBackend tempo = OtlpBackend.start(); DaemonHarness gateway = gateway(tempo)) {
            Set<String> failedTraces = sendCalls(gateway, REQUESTS, FAILING);

            InetSocketAddress red = gateway.exporter("prometheus");
            Await.until(() -> {
                PrometheusScrape scrape = PrometheusScrape.parse(get(red, "text/plain"));
                return scrape.sum("traces_span_metrics_calls_total", Map.of("service_name", "backend")) == REQUESTS
                        && scrape.sum("traces_service_graph_request_total", Map.of()) == REQUESTS;
            }, WAIT, () -> "RED metrics short of " + REQUESTS + " requests:\n" + get(red, "text/plain"));
            PrometheusScrape scrape = PrometheusScrape.parse(get(red, "text/plain"));
            assertThat(scrape.sum("traces_span_metrics_calls_total", Map.of("service_name", "frontend",
                    "span_kind", "SPAN_KIND_SERVER"))).isEqualTo(REQUESTS);
            assertThat(scrape.sum("traces_span_metrics_calls_total", Map.of("service_name", "backend",
                    "status_code", "STATUS_CODE_ERROR"))).isEqualTo(FAILING);
            assertThat(scrape.sum("traces_service_graph_request_total", Map.of("client", "frontend", "server", "backend")))
                    .isEqualTo(REQUESTS);
            assertThat(scrape.sum("traces_service_graph_request_failed_total", Map.of("client", "frontend",
                    "server", "backend"))).isEqualTo(FAILING);
            assertThat(scrape.sum("traces_span_metrics_duration_milliseconds_count", Map.of("service_name", "backend")))
                    .isEqualTo(REQUESTS);

            // Every trace is decided (kept or not) before the backend is read, so no late trace can still come.
            Await.until(() -> gateway.metric("otelcol_processor_tail_sampling_global_count_traces_sampled") == REQUESTS,
                    WAIT, () -> "decisions: " + gateway.metric("otelcol_processor_tail_sampling_global_count_traces_sampled"));
            tempo.awaitSpans(FAILING * 3, WAIT);
            assertThat(tempo.spans().stream().map(span -> HexFormat.of().formatHex(span.getTraceId().toByteArray()))
                    .collect(Collectors.toSet())).isEqualTo(failedTraces);
            assertThat(tempo.spanCount()).isEqualTo(FAILING * 3);
        }
    }

    /**
     * A real Prometheus scraping the gateway stores the RED and service-graph series, and the
     * latency buckets' exemplars, which name traces sent; every query of the compose stack's
     * Grafana dashboard finds them. Exemplars live for one flush of the
     * connector (as otelcol's), so requests keep coming, as in production, until one is scraped.
     */
    @Test
    void theRedSeriesAndTheirExemplarsReachARealPrometheus(@TempDir Path dir) throws Exception {
        Path binary = PrometheusServer.binary().orElse(null);
        assumeTrue(binary != null, "prometheus is not installed");
        try (OtlpBackend tempo = OtlpBackend.start(); DaemonHarness gateway = gateway(tempo);
             PrometheusServer prometheus = PrometheusServer.start(binary, dir, "gateway",
                     List.of("127.0.0.1:" + gateway.exporter("prometheus").getPort()))) {
            Set<String> sent = new HashSet<>();
            JsonArray[] exemplars = new JsonArray[1];
            Await.until(() -> {
                sent.addAll(sendCalls(gateway, 2, 2));
                exemplars[0] = prometheus.queryExemplars("traces_span_metrics_duration_milliseconds_bucket{service_name=\"backend\"}");
                return exemplars[0].size() > 0 && prometheus.query("traces_service_graph_request_total").size() > 0;
            }, WAIT, () -> "no exemplars or service graph in Prometheus; targets: " + prometheus.targets() + "\n" + prometheus.log());

            assertThat(exemplars[0].get(0).getAsJsonObject().getAsJsonArray("exemplars")).isNotEmpty()
                    .allSatisfy(exemplar -> assertThat(sent).contains(exemplar.getAsJsonObject().getAsJsonObject("labels")
                            .get("trace_id").getAsString()));
            JsonArray calls = prometheus.query("traces_span_metrics_calls_total{service_name=\"backend\",span_kind=\"SPAN_KIND_SERVER\"}");
            assertThat(calls).singleElement().satisfies(series -> assertThat(series.getAsJsonObject().getAsJsonObject("metric")
                    .get("status_code").getAsString()).isEqualTo("STATUS_CODE_ERROR"));
            assertThat(prometheus.query("traces_service_graph_request_failed_total{client=\"frontend\",server=\"backend\"}"))
                    .hasSize(1);

            // The compose stack's Grafana dashboard reads these series: each of its Prometheus queries finds data.
            for (String expr : dashboardQueries()) {
                String query = expr.replace("$service", ".*");
                Await.until(() -> {
                    sendCalls(gateway, 2, 2);
                    return prometheus.query(query).size() > 0;
                }, WAIT, () -> "the dashboard's query finds nothing: " + query);
            }
        }
    }

    /** The PromQL of every Prometheus panel of docker/compose/dashboards/red.json. */
    private static List<String> dashboardQueries() {
        JsonObject dashboard = JsonParser.parseString(DeploymentFiles.read(DeploymentFiles.DOCKER
                .resolve("compose/dashboards/red.json"))).getAsJsonObject();
        List<String> queries = new ArrayList<>();
        dashboard.getAsJsonArray("panels").forEach(panel -> panel.getAsJsonObject().getAsJsonArray("targets").forEach(target -> {
            JsonObject query = target.getAsJsonObject();
            if (query.getAsJsonObject("datasource").get("type").getAsString().equals("prometheus")) {
                queries.add(query.get("expr").getAsString());
            }
        }));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(5);
        return queries;
    }

    /**
     * {@code frontend} serves each of {@code requests} and calls {@code backend} (a server span
     * whose parent is the frontend's client span, as propagation makes it); the last
     * {@code failing} fail in the backend. Returns the IDs of the failing requests' traces.
     */
    private static Set<String> sendCalls(DaemonHarness gateway, int requests, int failing) {
        List<SpanContext> calls = new ArrayList<>();
        DaemonHarness.send(gateway.grpcExporter("otlp").build(), Attributes.of(AttributeKey.stringKey("service.name"), "frontend"),
                tracer -> {
                    for (int i = 0; i < requests; i++) {
                        Span request = tracer.spanBuilder("GET /shop").setSpanKind(SpanKind.SERVER).startSpan();
                        Span call = tracer.spanBuilder("GET /api/cart").setSpanKind(SpanKind.CLIENT)
                                .setParent(Context.root().with(request)).startSpan();
                        calls.add(call.getSpanContext());
                        call.end();
                        request.end();
                    }
                });
        DaemonHarness.send(gateway.httpExporter("otlp").build(), Attributes.of(AttributeKey.stringKey("service.name"), "backend"),
                tracer -> {
                    for (int i = 0; i < requests; i++) {
                        Span served = tracer.spanBuilder("GET /api/cart").setSpanKind(SpanKind.SERVER)
                                .setParent(Context.root().with(Span.wrap(calls.get(i)))).startSpan();
                        if (i >= requests - failing) {
                            served.setStatus(StatusCode.ERROR);
                        }
                        served.end();
                    }
                });
        return calls.subList(requests - failing, requests).stream().map(SpanContext::getTraceId).collect(Collectors.toSet());
    }

    private static String get(InetSocketAddress address, String accept) {
        try {
            HttpResponse<String> response = DaemonHarness.get(address, "/metrics", "Accept", accept);
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
