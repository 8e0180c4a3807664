package io.tributary.compat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpHttpBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code otlphttp} exporter: the same OTLP in (the SDK's spans over gRPC, then
 * {@link MappingTraffic} over HTTP) and five otlphttp exporters with different settings posting to
 * the instance's OTLP/HTTP backend, each under its own path. Compared per exporter: the path
 * (from {@code endpoint}, with and without a trailing slash, or {@code traces_endpoint}),
 * {@code Content-Type}, {@code Content-Encoding}, the {@code User-Agent} split into product token
 * and platform, configured headers, which headers were sent, and the body after decompression
 * (protobuf decoded; OTLP/JSON compared as written, ids in hex).
 */
final class OtlpHttpExporterScenario implements TrafficScenario {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
    /** Each exporter's path prefix at the backend. */
    private static final Map<String, String> EXPORTERS = Map.of(
            "defaults", "/defaults/",
            "json-uncompressed", "/json/",
            "traces-endpoint-zstd", "/custom/",
            "headers-zlib", "/headers/",
            "snappy", "/snappy/");
    /** Set by the HTTP client, not the exporter; Go's transport asks for gzip answers on its own, to decompress them. */
    private static final List<String> TRANSPORT_HEADERS = List.of("host", "content-length", "connection", "accept-encoding");
    /** {@code <product>/<version> (<os>/<arch>)}, the form otelcol's otlphttp exporter sends. */
    private static final Pattern USER_AGENT = Pattern.compile("(.+/[^ /]+) \\(([^/()]+/[^/()]+)\\)");

    @Override
    public String name() {
        return "otlphttp-exporter";
    }

    @Override
    public String config() {
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp_grpc}}
                      http:
                        endpoint: 127.0.0.1:{{port:otlp_http}}
                exporters:
                  otlphttp/defaults:
                    endpoint: {{backend:http}}/defaults
                  otlphttp/json-uncompressed:
                    endpoint: {{backend:http}}/json/
                    encoding: json
                    compression: none
                  otlphttp/traces-endpoint-zstd:
                    endpoint: {{backend:http}}/not-used
                    traces_endpoint: {{backend:http}}/custom/traces
                    compression: zstd
                  otlp_http/headers-zlib:
                    endpoint: {{backend:http}}/headers
                    compression: zlib
                    headers:
                      X-Lab: one
                      User-Agent: lab-agent/1.0 (lab/os)
                  otlphttp/snappy:
                    endpoint: {{backend:http}}/snappy
                    compression: snappy
                extensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlphttp/defaults, otlphttp/json-uncompressed, otlphttp/traces-endpoint-zstd,
                                  otlp_http/headers-zlib, otlphttp/snappy]
                """ + Configs.TELEMETRY;
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        OtlpHttpBackend backend = collector.httpBackend();
        SdkTraffic.send(collector.port("otlp_grpc"));
        MappingTraffic.send(collector.port("otlp_http"));
        int expected = SdkTraffic.SPANS + MappingTraffic.SPANS;
        try {
            Await.until(() -> EXPORTERS.values().stream().allMatch(prefix -> spanCount(requestsOf(backend, prefix)) >= expected),
                    DELIVERY_TIMEOUT, () -> "expected " + expected + " spans from every otlphttp exporter");
        } catch (AssertionError missing) {
            // Compared below: whatever did arrive shows up as the difference.
        }
        JsonObject observed = new JsonObject();
        for (Map.Entry<String, String> exporter : new TreeMap<>(EXPORTERS).entrySet()) {
            List<OtlpHttpBackend.Received> requests = requestsOf(backend, exporter.getValue());
            JsonObject sent = new JsonObject();
            sent.add("requests", envelopes(requests));
            sent.add("body", body(requests));
            observed.add(exporter.getKey(), sent);
        }
        return observed;
    }

    private static List<OtlpHttpBackend.Received> requestsOf(OtlpHttpBackend backend, String prefix) {
        return backend.requests().stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    private static int spanCount(List<OtlpHttpBackend.Received> requests) {
        return requests.stream().flatMap(r -> r.request().getResourceSpansList().stream())
                .flatMap(rs -> rs.getScopeSpansList().stream()).mapToInt(ss -> ss.getSpansCount()).sum();
    }

    /** What each request said about itself beside its body; the same for every request of one exporter, so kept once. */
    private static JsonArray envelopes(List<OtlpHttpBackend.Received> requests) {
        TreeMap<String, JsonObject> distinct = new TreeMap<>();
        for (OtlpHttpBackend.Received request : requests) {
            JsonObject envelope = new JsonObject();
            envelope.addProperty("path", request.path());
            envelope.addProperty("contentType", request.header("Content-Type"));
            envelope.addProperty("contentEncoding", request.header("Content-Encoding"));
            envelope.add("userAgent", userAgent(request.header("User-Agent")));
            envelope.addProperty("xLab", request.header("X-Lab"));
            JsonArray names = new JsonArray();
            new TreeSet<>(request.headers().keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()).stream()
                    .filter(n -> !TRANSPORT_HEADERS.contains(n)).forEach(names::add);
            envelope.add("headers", names);
            distinct.put(envelope.toString(), envelope);
        }
        JsonArray out = new JsonArray();
        distinct.values().forEach(out::add);
        return out;
    }

    /** A User-Agent in otelcol's form as its product token and platform, so each can be compared (or allowed) apart. */
    static JsonElement userAgent(String header) {
        JsonObject agent = new JsonObject();
        Matcher matcher = header == null ? null : USER_AGENT.matcher(header);
        if (matcher != null && matcher.matches()) {
            agent.addProperty("product", matcher.group(1));
            agent.addProperty("platform", matcher.group(2));
        } else {
            agent.addProperty("raw", header);
        }
        return agent;
    }

    /** All spans the exporter sent: protobuf as decoded, OTLP/JSON as written (so its number, enum and id forms count). */
    private static JsonObject body(List<OtlpHttpBackend.Received> requests) {
        boolean json = requests.stream().anyMatch(r -> "application/json".equals(r.header("Content-Type")));
        if (json) {
            return CanonicalJson.tracesFromJson(requests.stream()
                    .map(r -> JsonParser.parseString(new String(r.body(), StandardCharsets.UTF_8))).toList());
        }
        return CanonicalJson.traces(requests.stream().map(OtlpHttpBackend.Received::request).toList());
    }
}
