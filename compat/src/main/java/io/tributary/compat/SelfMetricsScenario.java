package io.tributary.compat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tributary.testkit.Await;
import io.tributary.testkit.PrometheusScrape;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Self-metrics on {@code /metrics}: the same pipelines and traffic give the same {@code otelcol_*}
 * families, types, label names, component labels and deterministic counter values, under both
 * reader shapes. otelcol v0.148 takes its metrics address only from a Prometheus {@code pull}
 * reader, so its default (no {@code readers}: bare names, resource labels on every metric, on
 * port 8888) is run as that reader written out on a lab port with the default's options.
 *
 * <p>Pipelines: {@code otlp} (gRPC and HTTP) → {@code filter} (drops spans named
 * {@code decode}) → {@code probabilistic_sampler} (hash seed, 50 %) → {@code batch} → an
 * {@code otlp} exporter to the recording backend and one to a closed port without retry; and
 * {@code otlp/overflow} (HTTP) → an {@code otlp} exporter whose queue (2 spans) cannot take a
 * request of 3, so every request there fails to enqueue and is refused.
 */
final class SelfMetricsScenario implements Scenario {
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final int HTTP_TRACES = 10;
    private static final String FILTERED_NAME = "decode";
    /** Counters whose value the traffic alone decides: compared by value; other families by type and label names. */
    private static final Set<String> DETERMINISTIC_COUNTERS = Set.of(
            "otelcol_receiver_accepted_spans", "otelcol_receiver_refused_spans", "otelcol_receiver_failed_spans",
            "otelcol_processor_incoming_items", "otelcol_processor_outgoing_items",
            "otelcol_exporter_sent_spans", "otelcol_exporter_send_failed_spans", "otelcol_exporter_enqueue_failed_spans",
            "otelcol_processor_filter_spans_filtered",
            "otelcol_processor_probabilistic_sampler_count_traces_sampled");
    /** Labels whose values name the process or build rather than a component: compared by name only. */
    private static final Set<String> INSTANCE_LABELS = Set.of("service_instance_id", "service_name", "service_version",
            "otel_scope_version");
    private static final Pattern UUID = Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    /** The two shapes of the exposition, each the options of one Prometheus pull reader. */
    enum Reader {
        /** otelcol's default reader, as its factory sets it up when no reader is configured. */
        DEFAULT("default-reader", """
                                without_scope_info: true
                                without_units: true
                                without_type_suffix: true
                                with_resource_constant_labels:
                                  included: []
                """),
        PROMETHEUS("prometheus-reader", "");

        final String label;
        final String options;

        Reader(String label, String options) {
            this.label = label;
            this.options = options;
        }
    }

    @Override
    public String name() {
        return "self-metrics";
    }

    @Override
    public Outcome run(Lab lab) throws Exception {
        List<Difference> differences = new ArrayList<>();
        for (Reader reader : Reader.values()) {
            JsonElement otelcol = observe(lab, Implementation.OTELCOL, reader);
            JsonElement tributary = observe(lab, Implementation.TRIBUTARY, reader);
            for (Difference d : TreeDiff.diff(otelcol, tributary)) {
                differences.add(new Difference(reader.label + "." + d.path(), d.otelcol(), d.tributary()));
            }
        }
        return new Outcome(differences, List.of());
    }

    static String config(Reader reader) {
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp_grpc}}
                      http:
                        endpoint: 127.0.0.1:{{port:otlp_http}}
                  otlp/overflow:
                    protocols:
                      http:
                        endpoint: 127.0.0.1:{{port:overflow_http}}
                processors:
                  filter:
                    error_mode: ignore
                    traces:
                      span:
                        - 'name == "%s"'
                  probabilistic_sampler:
                    hash_seed: 22
                    sampling_percentage: 50
                  batch:
                    timeout: 100ms
                exporters:
                  otlp/backend:
                    endpoint: {{backend:grpc}}
                    tls:
                      insecure: true
                  otlp/dead:
                    endpoint: 127.0.0.1:1
                    tls:
                      insecure: true
                    retry_on_failure:
                      enabled: false
                    sending_queue:
                      queue_size: 2
                  otlp/overflow:
                    endpoint: {{backend:grpc}}
                    tls:
                      insecure: true
                    retry_on_failure:
                      enabled: false
                    sending_queue:
                      sizer: items
                      queue_size: 2
                extensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [filter, probabilistic_sampler, batch]
                      exporters: [otlp/backend, otlp/dead]
                    traces/overflow:
                      receivers: [otlp/overflow]
                      exporters: [otlp/overflow]
                  telemetry:
                    metrics:
                      readers:
                        - pull:
                            exporter:
                              prometheus:
                                host: 127.0.0.1
                                port: {{port:metrics}}
                """.formatted(FILTERED_NAME) + reader.options;
    }

    private JsonElement observe(Lab lab, Implementation implementation, Reader reader) throws Exception {
        JsonObject observed = new JsonObject();
        Path dir;
        try (RunningCollector collector = lab.start(implementation, name(), reader.label + "-" + implementation.label(), config(reader))) {
            dir = collector.dir();
            observed.add("answers", sendTraffic(collector));
            try {
                Await.until(() -> settled(collector), SETTLE_TIMEOUT, () -> "counters did not settle");
            } catch (AssertionError unsettled) {
                // Compared below: the counters as they stand show where the two differ.
            }
            observed.add("families", families(PrometheusScrape.parse(scrape(collector))));
        }
        lab.writeObserved(dir, observed);
        return observed;
    }

    /** The SDK's spans over gRPC, spans posted as OTLP/JSON, a malformed request, and a request the overflow pipeline refuses. */
    private static JsonObject sendTraffic(RunningCollector collector) throws Exception {
        JsonObject answers = new JsonObject();
        SdkTraffic.send(collector.port("otlp_grpc"));
        answers.add("http-json", post(collector, "otlp_http", spansJson(HTTP_TRACES, 0x10)));
        answers.add("http-malformed", post(collector, "otlp_http", "{\"resourceSpans\":["));
        answers.add("http-overflow", post(collector, "overflow_http", spansJson(3, 0x80)));
        return answers;
    }

    /** {@code traces} traces of two spans each, one of them named for the filter to drop; trace IDs from {@code firstId} on. */
    static String spansJson(int traces, int firstId) {
        StringBuilder spans = new StringBuilder();
        for (int t = 0; t < traces; t++) {
            String traceId = "%032x".formatted(0x5b8efff798038103L * (firstId + t));
            for (String name : List.of("work", FILTERED_NAME)) {
                if (!spans.isEmpty()) {
                    spans.append(',');
                }
                String spanId = "%016x".formatted((long) (firstId + t) << 8 | name.length());
                spans.append("""
                        {"traceId":"%s","spanId":"%s","name":"%s","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000000001000"}"""
                        .formatted(traceId, spanId, name));
            }
        }
        return """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"self-metrics"}}]},\
                "scopeSpans":[{"spans":[%s]}]}]}""".formatted(spans);
    }

    private static JsonObject post(RunningCollector collector, String port, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(collector.url(port, "/v1/traces")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        return Answers.http(RunningCollector.HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static String scrape(RunningCollector collector) {
        try {
            return RunningCollector.HTTP.send(HttpRequest.newBuilder(collector.url("metrics", "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + collector.implementation().label(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether every span the sampler let through (into the batch processor, which has no
     * item counters of its own) reached each exporter's outcome (sent, failed, or not queued),
     * and the backend holds what was counted as sent. Receivers, filter and sampler count before
     * the client gets its answer, so they are final by now.
     */
    private static boolean settled(RunningCollector collector) {
        PrometheusScrape scrape = PrometheusScrape.parse(scrape(collector));
        double sampled = counter(scrape, "otelcol_processor_outgoing_items", Map.of("processor", "probabilistic_sampler"));
        if (sampled == 0) {
            return false;
        }
        for (String exporter : List.of("otlp/backend", "otlp/dead")) {
            Map<String, String> labels = Map.of("exporter", exporter);
            double done = counter(scrape, "otelcol_exporter_sent_spans", labels)
                    + counter(scrape, "otelcol_exporter_send_failed_spans", labels)
                    + counter(scrape, "otelcol_exporter_enqueue_failed_spans", labels);
            if (done != sampled) {
                return false;
            }
        }
        return collector.grpcBackend().spanCount() == counter(scrape, "otelcol_exporter_sent_spans", Map.of("exporter", "otlp/backend"));
    }

    /** A counter under either shape's name: bare, or with {@code _total}. */
    private static double counter(PrometheusScrape scrape, String bareName, Map<String, String> labels) {
        return scrape.sum(bareName, labels) + scrape.sum(bareName + "_total", labels);
    }

    /**
     * Each family as {@code {type, series}}, a series keyed by its component labels' values (all
     * labels but {@link #INSTANCE_LABELS} and {@code le}) holding its label names and, for
     * {@link #DETERMINISTIC_COUNTERS}, its value. Process metrics and families not named
     * {@code otelcol_*} are compared by presence only; {@code target_info} by label names and
     * the form of the instance ID.
     */
    static JsonObject families(PrometheusScrape scrape) {
        JsonObject families = new JsonObject();
        for (PrometheusScrape.Family family : scrape.families().values()) {
            String name = family.name();
            JsonObject observed = new JsonObject();
            if (name.equals("target_info")) {
                observed.add("labels", labelNames(family.samples().get(0).labels()));
                String instance = family.samples().get(0).labels().get("service_instance_id");
                observed.addProperty("service_instance_id", instance != null && UUID.matcher(instance).matches() ? "<uuid>" : instance);
            } else if (!name.startsWith("otelcol_") || name.startsWith("otelcol_process_")) {
                observed.addProperty("present", true);
            } else {
                observed.addProperty("type", family.type());
                observed.add("series", series(family));
            }
            families.add(name, observed);
        }
        return families;
    }

    private static JsonObject series(PrometheusScrape.Family family) {
        boolean compareValue = DETERMINISTIC_COUNTERS.contains(family.name().replaceFirst("_total$", ""));
        Map<String, JsonObject> series = new TreeMap<>();
        for (PrometheusScrape.Sample sample : family.samples()) {
            Map<String, String> key = new TreeMap<>(sample.labels());
            key.keySet().removeAll(INSTANCE_LABELS);
            key.remove("le");
            StringBuilder id = new StringBuilder();
            key.forEach((label, value) -> id.append(id.isEmpty() ? "" : ",").append(label).append('=').append(value));
            JsonObject one = series.computeIfAbsent("[" + id + "]", k -> new JsonObject());
            if (!sample.name().endsWith("_bucket")) {
                one.add("labels", labelNames(sample.labels()));
            }
            if (compareValue) {
                one.addProperty("value", sample.value());
            }
        }
        JsonObject out = new JsonObject();
        series.forEach(out::add);
        return out;
    }

    private static JsonArray labelNames(Map<String, String> labels) {
        JsonArray names = new JsonArray();
        new TreeSet<>(labels.keySet()).forEach(names::add);
        return names;
    }
}
