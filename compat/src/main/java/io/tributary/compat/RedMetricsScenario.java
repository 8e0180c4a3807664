package io.tributary.compat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tributary.testkit.Await;
import io.tributary.testkit.PrometheusScrape;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * RED metrics from spans, as a gateway makes them for Prometheus and Jaeger's Monitor tab:
 * {@code otlp} → traces pipeline → the {@code spanmetrics} and {@code servicegraph} connectors
 * (flushing every second; spanmetrics with its default histogram in milliseconds and two
 * dimensions, one with a default; servicegraph with a 2 s store TTL and its default virtual-node
 * and database attributes) → metrics pipeline → the {@code prometheus} exporter with OpenMetrics
 * enabled. Traffic: one round of {@link RedTraffic}. Once every span is counted and every edge
 * (the virtual ones after the store's TTL) reported, and the exposition stayed the same for more
 * than a flush interval, {@code /metrics} is scraped as Prometheus text 0.0.4 and as OpenMetrics
 * 1.0 and compared: the {@code Content-Type}, each family's type, help and unit, and every sample
 * (name, labels, value: counts, sums, buckets) with its exemplar; sample timestamps and
 * OpenMetrics' {@code _created} samples (the time the collector started counting) are left out.
 */
final class RedMetricsScenario implements TrafficScenario {
    /** What Prometheus 2.x asks for when it scrapes: OpenMetrics first. */
    private static final String OPENMETRICS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final String TEXT_ACCEPT = "text/plain;version=0.0.4";
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** Longer than a flush interval: a state that outlives it is what the connectors keep reporting. */
    private static final Duration STABLE_FOR = FLUSH_INTERVAL.multipliedBy(3).dividedBy(2);
    private static final Duration SCRAPE_EVERY = Duration.ofMillis(200);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "red-metrics";
    }

    @Override
    public String config() {
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp_grpc}}
                connectors:
                  spanmetrics:
                    metrics_flush_interval: %1$s
                    dimensions:
                      - name: http.request.method
                        default: GET
                      - name: http.response.status_code
                  servicegraph:
                    metrics_flush_interval: %1$s
                    store:
                      ttl: 2s
                      max_items: 1000
                exporters:
                  prometheus:
                    endpoint: 127.0.0.1:{{port:prom}}
                    enable_open_metrics: true
                    resource_to_telemetry_conversion:
                      enabled: false
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [spanmetrics, servicegraph]
                    metrics:
                      receivers: [spanmetrics, servicegraph]
                      exporters: [prometheus]
                """.formatted(FLUSH_INTERVAL.toSeconds() + "s") + Configs.TELEMETRY;
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        try (RedTraffic traffic = new RedTraffic(collector.port("otlp_grpc"))) {
            traffic.sendRound(0);
        }
        Settling settling = new Settling(collector);
        try {
            Await.until(settling::settled, SETTLE_TIMEOUT,
                    () -> "the exposition did not reach " + RedTraffic.SPANS + " calls and " + RedTraffic.EDGES + " edges, stable for " + STABLE_FOR);
        } catch (AssertionError unsettled) {
            // Compared as it stands: the difference shows what is missing or keeps changing.
        }
        return settling.last;
    }

    /** Scrapes both formats now and then until the exposition is complete and has not changed for {@link #STABLE_FOR}. */
    private static final class Settling {
        private final RunningCollector collector;
        private JsonObject last;
        private long lastChange;
        private long nextScrape;

        Settling(RunningCollector collector) {
            this.collector = collector;
        }

        boolean settled() {
            long now = System.nanoTime();
            if (now < nextScrape) {
                return false;
            }
            nextScrape = now + SCRAPE_EVERY.toNanos();
            JsonObject observed = new JsonObject();
            String text = scrape(collector, TEXT_ACCEPT, observed, "text");
            scrape(collector, OPENMETRICS_ACCEPT, observed, "openmetrics");
            if (!observed.equals(last)) {
                last = observed;
                lastChange = now;
                return false;
            }
            PrometheusScrape scrape = PrometheusScrape.parse(text);
            return scrape.sum("traces_span_metrics_calls_total", Map.of()) == RedTraffic.SPANS
                    && scrape.sum("traces_service_graph_request_total", Map.of()) == RedTraffic.EDGES
                    && now - lastChange >= STABLE_FOR.toNanos();
        }
    }

    /** Scrapes {@code /metrics} asking for {@code accept}, adds its normalized form to {@code observed} as {@code key}, and returns the body. */
    private static String scrape(RunningCollector collector, String accept, JsonObject observed, String key) {
        HttpResponse<String> response;
        try {
            response = RunningCollector.HTTP.send(HttpRequest.newBuilder(collector.url("prom", "/metrics")).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + collector.implementation().label(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonObject exposition = new JsonObject();
        exposition.addProperty("status", response.statusCode());
        exposition.addProperty("contentType", response.headers().firstValue("Content-Type").orElse(""));
        exposition.add("families", families(PrometheusScrape.parse(response.body())));
        observed.add(key, exposition);
        return response.body();
    }

    /**
     * Each family as {@code {type, help, unit, samples, exemplars}}: every sample by its name and
     * labels ({@code [name{a="x",b="y"}]}, labels sorted) with its value, less {@code _created}
     * samples; the exemplars likewise by their sample, each with its labels and value.
     */
    static JsonObject families(PrometheusScrape scrape) {
        JsonObject families = new JsonObject();
        for (PrometheusScrape.Family family : scrape.families().values()) {
            JsonObject samples = new JsonObject();
            JsonObject exemplars = new JsonObject();
            for (PrometheusScrape.Sample sample : family.samples()) {
                if (sample.name().endsWith("_created")) {
                    continue;
                }
                String key = "[" + sample.name() + labels(sample.labels()) + "]";
                samples.addProperty(key, Double.toString(sample.value()));
                if (sample.exemplar() != null) {
                    exemplars.addProperty(key, labels(sample.exemplar().labels()) + " " + sample.exemplar().value());
                }
            }
            JsonObject observed = new JsonObject();
            observed.addProperty("type", family.type());
            observed.addProperty("help", family.help());
            observed.addProperty("unit", family.unit());
            observed.add("samples", samples);
            if (!exemplars.isEmpty()) {
                observed.add("exemplars", exemplars);
            }
            families.add(family.name(), observed);
        }
        return families;
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(labels).forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append(name).append("=\"").append(value).append('"'));
        return out.append('}').toString();
    }
}
