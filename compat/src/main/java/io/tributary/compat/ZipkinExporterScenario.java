package io.tributary.compat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.testkit.Await;
import io.tributary.testkit.TestHttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import zipkin2.codec.SpanBytesDecoder;
import zipkin2.codec.SpanBytesEncoder;

/**
 * The {@code zipkin} exporter: the same OTLP in (the SDK's spans over gRPC, then
 * {@link MappingTraffic} over HTTP), and each of several zipkin exporters' POSTs recorded raw.
 * Compared per exporter: method, path, {@code Content-Type}, {@code Content-Encoding} and which
 * headers were sent; and every span sent, field by field (JSON v2 as written; proto3 decoded
 * with Zipkin's own codec and written as JSON v2), spans keyed by {@code [traceId/id]}, their
 * annotations in time order.
 */
final class ZipkinExporterScenario implements TrafficScenario {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
    /** Each exporter posts under its own path prefix on the instance's raw HTTP backend. */
    private static final List<String> EXPORTERS = List.of("json", "proto", "default-service-name");
    /**
     * Set by the HTTP client, not the exporter. Go's transport also asks for gzip answers on its own
     * ({@code Accept-Encoding}), to decompress them transparently; a Zipkin collector answers 202 without a body.
     */
    private static final List<String> TRANSPORT_HEADERS = List.of("host", "content-length", "connection", "accept-encoding");

    @Override
    public String name() {
        return "zipkin-exporter";
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
                  zipkin/json:
                    endpoint: {{backend:raw-http}}/json/api/v2/spans
                  zipkin/proto:
                    endpoint: {{backend:raw-http}}/proto/api/v2/spans
                    format: proto
                  zipkin/default-service-name:
                    endpoint: {{backend:raw-http}}/default-service-name/api/v2/spans
                    default_service_name: lab-default
                extensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [zipkin/json, zipkin/proto, zipkin/default-service-name]
                """ + Configs.TELEMETRY;
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        TestHttpServer backend = collector.rawHttpBackend();
        SdkTraffic.send(collector.port("otlp_grpc"));
        MappingTraffic.send(collector.port("otlp_http"));
        int expected = SdkTraffic.SPANS + MappingTraffic.SPANS;
        try {
            Await.until(() -> EXPORTERS.stream().allMatch(e -> spans(backend, e).size() >= expected), DELIVERY_TIMEOUT,
                    () -> "expected " + expected + " spans at every zipkin exporter");
        } catch (AssertionError missing) {
            // Compared below: whatever did arrive shows up as the difference.
        }
        JsonObject observed = new JsonObject();
        for (String exporter : EXPORTERS) {
            JsonObject sent = new JsonObject();
            sent.add("requests", envelopes(requestsOf(backend, exporter)));
            sent.add("spans", keyedSpans(spans(backend, exporter)));
            observed.add(exporter, sent);
        }
        return observed;
    }

    private static List<TestHttpServer.Request> requestsOf(TestHttpServer backend, String exporter) {
        return backend.requests().stream().filter(r -> r.path().startsWith("/" + exporter + "/")).toList();
    }

    /** What each request said about itself beside its body; the same for every request of one exporter, so kept once. */
    private static JsonArray envelopes(List<TestHttpServer.Request> requests) {
        TreeSet<String> distinct = new TreeSet<>();
        TreeMap<String, JsonObject> byText = new TreeMap<>();
        for (TestHttpServer.Request request : requests) {
            JsonObject envelope = new JsonObject();
            envelope.addProperty("method", request.method());
            envelope.addProperty("path", request.path());
            envelope.addProperty("contentType", request.header("content-type"));
            envelope.addProperty("contentEncoding", request.header("content-encoding"));
            JsonArray names = new JsonArray();
            request.headers().keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted()
                    .filter(n -> !TRANSPORT_HEADERS.contains(n)).forEach(names::add);
            envelope.add("headers", names);
            if (distinct.add(envelope.toString())) {
                byText.put(envelope.toString(), envelope);
            }
        }
        JsonArray out = new JsonArray();
        byText.values().forEach(out::add);
        return out;
    }

    /** Every span the exporter sent, as Zipkin v2 JSON objects. */
    private static List<JsonObject> spans(TestHttpServer backend, String exporter) {
        return requestsOf(backend, exporter).stream().flatMap(request -> decode(request).stream()).toList();
    }

    private static List<JsonObject> decode(TestHttpServer.Request request) {
        byte[] body = "gzip".equals(request.header("content-encoding")) ? gunzip(request.body()) : request.body();
        if ("application/x-protobuf".equals(request.header("content-type"))) {
            body = SpanBytesEncoder.JSON_V2.encodeList(SpanBytesDecoder.PROTO3.decodeList(body));
        }
        JsonElement spans = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        return spans.getAsJsonArray().asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    /** Spans by {@code [traceId/id]} (a repeated span gets {@code #2}), annotations sorted by time then value. */
    static JsonObject keyedSpans(List<JsonObject> spans) {
        Map<String, JsonObject> byId = new TreeMap<>();
        for (JsonObject span : spans) {
            JsonObject copy = span.deepCopy();
            if (copy.has("annotations")) {
                JsonArray sorted = new JsonArray();
                copy.getAsJsonArray("annotations").asList().stream()
                        .sorted(Comparator.comparing((JsonElement a) -> a.getAsJsonObject().get("timestamp").getAsLong())
                                .thenComparing(JsonElement::toString))
                        .forEach(sorted::add);
                copy.add("annotations", sorted);
            }
            String key = "[" + text(span, "traceId") + "/" + text(span, "id") + "]";
            String unique = key;
            for (int n = 2; byId.containsKey(unique); n++) {
                unique = key + "#" + n;
            }
            byId.put(unique, copy);
        }
        JsonObject keyed = new JsonObject();
        byId.forEach(keyed::add);
        return keyed;
    }

    private static String text(JsonObject span, String member) {
        return span.has(member) ? span.get(member).getAsString() : "";
    }

    private static byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a body sent as gzip is not gzip", e);
        }
    }
}
