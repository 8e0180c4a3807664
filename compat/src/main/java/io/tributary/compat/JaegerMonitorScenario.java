package io.tributary.compat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tributary.testkit.Await;
import io.tributary.testkit.LocalPorts;
import io.tributary.testkit.PrometheusServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Jaeger's Monitor tab (SPM) fed by the collector: {@code otlp} → traces pipeline → {@code otlp}
 * to a real Jaeger v2 and the {@code spanmetrics} connector → metrics pipeline → the
 * {@code prometheus} exporter, which a real Prometheus scrapes every second; Jaeger's query
 * service reads RED metrics from that Prometheus (compat/jaeger/spm.yaml). Each collector runs
 * with its own Jaeger and Prometheus. The services of {@link RedTraffic} keep serving, a round a
 * second, until Jaeger's Monitor API ({@code /api/metrics/calls}, {@code latencies} at the 0.95
 * quantile, {@code errors}) answers with a positive value for every query that the traffic makes
 * non-empty. Compared per query: the label sets of the series Jaeger answered with and whether
 * each has a positive value (the rates themselves depend on timing).
 */
final class JaegerMonitorScenario implements Scenario {
    private static final Duration ROUND_EVERY = Duration.ofSeconds(1);
    private static final Duration QUERY_EVERY = Duration.ofMillis(500);
    private static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(90);
    /** Over the last minute, a point a second, rates over 10 s (ten scrapes). */
    private static final String WINDOW = "&lookback=60000&step=1000&ratePer=10000";

    /** One Monitor API query and whether the traffic gives it data. */
    private record Query(String name, String pathAndQuery, boolean expectsData) {
    }

    private static final List<Query> QUERIES = List.of(
            new Query("calls.frontend.server", "/api/metrics/calls?service=" + RedTraffic.FRONTEND + "&spanKind=server", true),
            new Query("calls.backend.server", "/api/metrics/calls?service=" + RedTraffic.BACKEND + "&spanKind=server", true),
            new Query("calls.frontend.client", "/api/metrics/calls?service=" + RedTraffic.FRONTEND + "&spanKind=client", true),
            new Query("calls.worker.consumer", "/api/metrics/calls?service=" + RedTraffic.WORKER + "&spanKind=consumer", true),
            new Query("calls.by-operation.backend", "/api/metrics/calls?service=" + RedTraffic.BACKEND + "&groupByOperation=true", true),
            new Query("latencies.frontend.p95", "/api/metrics/latencies?service=" + RedTraffic.FRONTEND + "&quantile=0.95", true),
            new Query("latencies.backend.p95", "/api/metrics/latencies?service=" + RedTraffic.BACKEND + "&quantile=0.95", true),
            new Query("errors.backend", "/api/metrics/errors?service=" + RedTraffic.BACKEND, true),
            // frontend's server spans never fail: its error rate is never positive.
            new Query("errors.frontend", "/api/metrics/errors?service=" + RedTraffic.FRONTEND, false));

    @Override
    public String name() {
        return "jaeger-monitor";
    }

    @Override
    public Outcome run(Lab lab) throws Exception {
        JsonElement otelcol = observe(lab, Implementation.OTELCOL);
        JsonElement tributary = observe(lab, Implementation.TRIBUTARY);
        return new Outcome(TreeDiff.diff(otelcol, tributary), List.of());
    }

    static String config(String jaegerOtlpEndpoint) {
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp_grpc}}
                connectors:
                  spanmetrics:
                    metrics_flush_interval: 1s
                exporters:
                  otlp/jaeger:
                    endpoint: %s
                    tls:
                      insecure: true
                  prometheus:
                    endpoint: 127.0.0.1:{{port:prom}}
                    enable_open_metrics: true
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlp/jaeger, spanmetrics]
                    metrics:
                      receivers: [spanmetrics]
                      exporters: [prometheus]
                """.formatted(jaegerOtlpEndpoint) + Configs.TELEMETRY;
    }

    /**
     * Runs {@code implementation} between its own Jaeger and Prometheus. Prometheus's port is
     * chosen first, since Jaeger is configured with it and the collector with Jaeger's; Prometheus
     * starts last, once the collector's exporter port is known.
     */
    private JsonElement observe(Lab lab, Implementation implementation) throws Exception {
        Path backends = lab.directory(name(), implementation.label() + "-backends");
        int prometheusPort = LocalPorts.free();
        JsonObject observed;
        Path dir;
        try (RunningJaeger jaeger = RunningJaeger.startWithMetrics(lab, backends, "http://127.0.0.1:" + prometheusPort);
                RunningCollector collector = lab.start(implementation, name(), implementation.label(), config(jaeger.otlpGrpcEndpoint()));
                PrometheusServer prometheus = PrometheusServer.start(PrometheusServer.binary().orElseThrow(
                        () -> new IllegalStateException("needs Prometheus on the PATH (Debian: apt-get install prometheus)")),
                        backends, prometheusPort, "collector", List.of("127.0.0.1:" + collector.port("prom")));
                RedTraffic traffic = new RedTraffic(collector.port("otlp_grpc"))) {
            dir = collector.dir();
            Monitoring monitoring = new Monitoring(jaeger, traffic);
            try {
                Await.until(monitoring::complete, MONITOR_TIMEOUT, () -> "Jaeger's Monitor API did not answer every query with data: "
                        + monitoring.last);
            } catch (AssertionError incomplete) {
                // Compared as it stands: the queries without data are the difference.
            }
            observed = monitoring.last;
        }
        lab.writeObserved(dir, observed);
        return observed;
    }

    /** Sends a round now and then and queries the Monitor API now and then until every query that should have data has it. */
    private static final class Monitoring {
        private final RunningJaeger jaeger;
        private final RedTraffic traffic;
        private long rounds;
        private long nextRound;
        private long nextQuery;
        private JsonObject last = new JsonObject();

        Monitoring(RunningJaeger jaeger, RedTraffic traffic) {
            this.jaeger = jaeger;
            this.traffic = traffic;
        }

        boolean complete() {
            long now = System.nanoTime();
            if (now >= nextRound) {
                traffic.sendRound(rounds++);
                nextRound = now + ROUND_EVERY.toNanos();
            }
            if (now < nextQuery) {
                return false;
            }
            nextQuery = now + QUERY_EVERY.toNanos();
            JsonObject answers = new JsonObject();
            boolean complete = true;
            for (Query query : QUERIES) {
                JsonObject answer = answer(query);
                answers.add(query.name(), answer);
                JsonArray series = answer.getAsJsonArray("series");
                complete &= !query.expectsData()
                        || (!series.isEmpty() && series.asList().stream().allMatch(s -> s.getAsJsonObject().get("positive").getAsBoolean()));
            }
            last = answers;
            return complete;
        }

        /** The series Jaeger answered {@code query} with, each as its labels and whether one of its points is positive. */
        private JsonObject answer(Query query) {
            JsonElement family;
            try {
                family = jaeger.query(query.pathAndQuery() + "&endTs=" + System.currentTimeMillis() + WINDOW);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (IOException | IllegalStateException e) {
                // Jaeger answers 500 while its Prometheus has nothing yet: asked again at the next poll.
                JsonObject failed = new JsonObject();
                failed.addProperty("error", e.getMessage());
                failed.add("series", new JsonArray());
                return failed;
            }
            List<JsonObject> series = new ArrayList<>();
            JsonElement metrics = family.getAsJsonObject().get("metrics");
            for (JsonElement metric : metrics == null ? new JsonArray() : metrics.getAsJsonArray()) {
                TreeSet<String> labels = new TreeSet<>();
                for (JsonElement label : metric.getAsJsonObject().getAsJsonArray("labels")) {
                    labels.add(label.getAsJsonObject().get("name").getAsString() + "=" + label.getAsJsonObject().get("value").getAsString());
                }
                JsonObject one = new JsonObject();
                one.addProperty("labels", String.join(",", labels));
                one.addProperty("positive", hasPositivePoint(metric.getAsJsonObject()));
                series.add(one);
            }
            series.sort((a, b) -> a.get("labels").getAsString().compareTo(b.get("labels").getAsString()));
            JsonArray sorted = new JsonArray();
            series.forEach(sorted::add);
            JsonObject answer = new JsonObject();
            answer.add("series", sorted);
            return answer;
        }

        private static boolean hasPositivePoint(JsonObject metric) {
            JsonElement points = metric.get("metricPoints");
            for (JsonElement point : points == null ? new JsonArray() : points.getAsJsonArray()) {
                JsonElement value = point.getAsJsonObject().getAsJsonObject("gaugeValue").get("doubleValue");
                if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber() && value.getAsDouble() > 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
