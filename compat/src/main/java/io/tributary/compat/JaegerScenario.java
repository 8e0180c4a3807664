package io.tributary.compat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tributary.testkit.Await;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A real Jaeger v2 as the backend: what a user sees in Jaeger must not depend on the collector or
 * exporter that brought the spans. Four runs, each with a fresh Jaeger and the same traffic (the
 * SDK's spans and {@link MappingTraffic}): otelcol exporting over {@code otlp} (the reference;
 * otelcol has no Jaeger exporter any more), then Tributary over {@code otlp}, over the legacy
 * {@code jaeger} exporter (gRPC to Jaeger's collector port) and over {@code jaeger_thrift}
 * (Thrift over HTTP). Read back per run: the service list, each service's operations, and every
 * trace through the query API, {@code /api/traces/{id}} and {@code /api/v3/traces/{id}}.
 *
 * <p>Normalized, as Jaeger assigns it per stored trace: in {@code /api/traces} the process ids
 * ({@code p1}, {@code p2}, ...; each span carries its process instead) and the order of spans,
 * tags, logs and references. The v3 answer is OTLP/JSON and compared as {@link CanonicalJson}
 * does. Differences are reported by run, e.g. {@code jaeger-grpc.traces[ID].v1.spans[ID].tags[k]}.
 */
final class JaegerScenario implements Scenario {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
    private static final int EXPECTED_SPANS = SdkTraffic.SPANS + MappingTraffic.SPANS;

    /** One way into Jaeger: a collector, and the exporter block it uses (given Jaeger's ports). */
    private record Route(String label, Implementation implementation, String exporter, String exporterConfig) {
    }

    private static final Route REFERENCE = new Route("otlp-otelcol", Implementation.OTELCOL, "otlp", """
              otlp:
                endpoint: %s
                tls:
                  insecure: true
            """);
    private static final List<Route> TRIBUTARY_ROUTES = List.of(
            new Route("otlp", Implementation.TRIBUTARY, "otlp", REFERENCE.exporterConfig()),
            new Route("jaeger-grpc", Implementation.TRIBUTARY, "jaeger", """
                      jaeger:
                        endpoint: %s
                        tls:
                          insecure: true
                    """),
            new Route("jaeger-thrift-http", Implementation.TRIBUTARY, "jaeger_thrift", """
                      jaeger_thrift:
                        endpoint: %s
                    """));

    @Override
    public String name() {
        return "jaeger-v2";
    }

    @Override
    public Outcome run(Lab lab) throws Exception {
        JsonElement reference = observe(lab, REFERENCE);
        List<Difference> differences = new ArrayList<>();
        for (Route route : TRIBUTARY_ROUTES) {
            JsonElement seen = observe(lab, route);
            for (Difference d : TreeDiff.diff(reference, seen)) {
                differences.add(new Difference(route.label() + "." + d.path(), d.otelcol(), d.tributary()));
            }
        }
        return new Outcome(differences, List.of());
    }

    private JsonElement observe(Lab lab, Route route) throws Exception {
        Path dir = lab.directory(name(), route.label());
        JsonObject observed;
        try (RunningJaeger jaeger = RunningJaeger.start(lab, dir);
                RunningCollector collector = RunningCollector.start(lab, route.implementation(), dir, config(route, jaeger))) {
            SdkTraffic.send(collector.port("otlp_grpc"));
            MappingTraffic.send(collector.port("otlp_http"));
            try {
                Await.until(() -> storedSpans(jaeger) >= EXPECTED_SPANS, DELIVERY_TIMEOUT,
                        () -> "expected " + EXPECTED_SPANS + " spans in jaeger");
            } catch (AssertionError missing) {
                // Compared below: whatever did arrive shows up as the difference.
            }
            observed = seenInJaeger(jaeger);
        }
        lab.writeObserved(dir, observed);
        return observed;
    }

    private static String config(Route route, RunningJaeger jaeger) {
        String endpoint = switch (route.exporter()) {
            case "otlp" -> jaeger.otlpGrpcEndpoint();
            case "jaeger" -> jaeger.jaegerGrpcEndpoint();
            default -> jaeger.thriftHttpUrl();
        };
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp_grpc}}
                      http:
                        endpoint: 127.0.0.1:{{port:otlp_http}}
                exporters:
                %sextensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [%s]
                """.formatted(route.exporterConfig().formatted(endpoint), route.exporter()) + Configs.TELEMETRY;
    }

    /** Spans of every trace found by any service (a trace of several services is found by each, and counted once). */
    private static int storedSpans(RunningJaeger jaeger) {
        try {
            Map<String, Integer> spansByTrace = new TreeMap<>();
            for (String service : services(jaeger)) {
                for (JsonElement trace : search(jaeger, service)) {
                    spansByTrace.merge(trace.getAsJsonObject().get("traceID").getAsString(),
                            trace.getAsJsonObject().getAsJsonArray("spans").size(), Math::max);
                }
            }
            return spansByTrace.values().stream().mapToInt(Integer::intValue).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Services, their operations, and every trace of every service as v1 and v3 show it. */
    private static JsonObject seenInJaeger(RunningJaeger jaeger) throws Exception {
        JsonObject seen = new JsonObject();
        JsonObject services = new JsonObject();
        TreeSet<String> traceIds = new TreeSet<>();
        for (String service : services(jaeger)) {
            JsonElement operations = jaeger.query("/api/services/" + encode(service) + "/operations").getAsJsonObject().get("data");
            services.add("[" + service + "]", sortedStrings(operations));
            search(jaeger, service).forEach(trace -> traceIds.add(trace.getAsJsonObject().get("traceID").getAsString()));
        }
        seen.add("services", services);
        JsonObject traces = new JsonObject();
        for (String id : traceIds) {
            JsonObject trace = new JsonObject();
            trace.add("v1", v1Trace(jaeger.query("/api/traces/" + id).getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject()));
            JsonObject v3 = jaeger.query("/api/v3/traces/" + id).getAsJsonObject();
            trace.add("v3", CanonicalJson.tracesFromJson(List.of(v3.has("result") ? v3.get("result") : v3)));
            traces.add("[" + id + "]", trace);
        }
        seen.add("traces", traces);
        return seen;
    }

    private static List<String> services(RunningJaeger jaeger) throws Exception {
        JsonElement data = jaeger.query("/api/services").getAsJsonObject().get("data");
        return data.isJsonArray() ? data.getAsJsonArray().asList().stream().map(JsonElement::getAsString).sorted().toList() : List.of();
    }

    /** The service's traces; the window starts at 1 µs after the epoch, as the spans' timestamps are fixed in the past. */
    private static List<JsonElement> search(RunningJaeger jaeger, String service) throws Exception {
        long nowMicros = System.currentTimeMillis() * 1000;
        JsonElement data = jaeger.query("/api/traces?service=" + encode(service) + "&start=1&end=" + nowMicros + "&limit=1000")
                .getAsJsonObject().get("data");
        return data.isJsonArray() ? data.getAsJsonArray().asList() : List.of();
    }

    /**
     * A v1 trace as compared: spans keyed by {@code [spanID]}, each with its process (service and tags) in place of
     * Jaeger's per-trace process id, tags keyed by {@code [key]}, logs in time order, references sorted.
     */
    static JsonObject v1Trace(JsonObject trace) {
        JsonObject processes = trace.has("processes") ? trace.getAsJsonObject("processes") : new JsonObject();
        TreeMap<String, JsonElement> spans = new TreeMap<>();
        for (JsonElement element : trace.getAsJsonArray("spans")) {
            JsonObject span = element.getAsJsonObject().deepCopy();
            JsonElement processId = span.remove("processID");
            if (processId != null && processes.has(processId.getAsString())) {
                JsonObject process = processes.getAsJsonObject(processId.getAsString()).deepCopy();
                keyTags(process);
                span.add("process", process);
            }
            keyTags(span);
            sort(span, "references", Comparator.comparing(JsonElement::toString));
            if (span.has("logs")) {
                span.getAsJsonArray("logs").forEach(log -> keyTags(log.getAsJsonObject(), "fields"));
            }
            sort(span, "logs", Comparator.comparing((JsonElement log) -> log.getAsJsonObject().get("timestamp").getAsLong())
                    .thenComparing(JsonElement::toString));
            sort(span, "warnings", Comparator.comparing(JsonElement::toString));
            spans.put("[" + span.get("spanID").getAsString() + "]", span);
        }
        JsonObject out = new JsonObject();
        out.add("traceID", trace.get("traceID"));
        JsonObject keyed = new JsonObject();
        spans.forEach(keyed::add);
        out.add("spans", keyed);
        out.add("warnings", trace.get("warnings"));
        return out;
    }

    private static void keyTags(JsonObject holder) {
        keyTags(holder, "tags");
    }

    /** Jaeger's {@code [{key, type, value}]} as a map from {@code [key]} to {@code {type, value}}; a repeated key gets {@code #2}. */
    private static void keyTags(JsonObject holder, String member) {
        if (!holder.has(member) || !holder.get(member).isJsonArray()) {
            return;
        }
        Map<String, JsonElement> byKey = new TreeMap<>();
        for (JsonElement tag : holder.getAsJsonArray(member)) {
            JsonObject value = tag.getAsJsonObject().deepCopy();
            String key = "[" + value.remove("key").getAsString() + "]";
            String unique = key;
            for (int n = 2; byKey.containsKey(unique); n++) {
                unique = key + "#" + n;
            }
            byKey.put(unique, value);
        }
        JsonObject keyed = new JsonObject();
        byKey.forEach(keyed::add);
        holder.add(member, keyed);
    }

    private static void sort(JsonObject holder, String member, Comparator<JsonElement> order) {
        if (holder.has(member) && holder.get(member).isJsonArray()) {
            JsonArray sorted = new JsonArray();
            holder.getAsJsonArray(member).asList().stream().sorted(order).forEach(sorted::add);
            holder.add(member, sorted);
        }
    }

    private static JsonArray sortedStrings(JsonElement list) {
        JsonArray sorted = new JsonArray();
        if (list != null && list.isJsonArray()) {
            list.getAsJsonArray().asList().stream().map(JsonElement::getAsString).sorted().forEach(sorted::add);
        }
        return sorted;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
