package io.tributary.compat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.tributary.testkit.OtlpBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.DeflaterOutputStream;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.reporter.AsyncReporter;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.SpanBytesEncoder;
import zipkin2.reporter.okhttp3.OkHttpSender;

/**
 * Zipkin in, OTLP out: the same spans reported by zipkin-reporter in each encoding the
 * {@code zipkin} receiver reads (v2 JSON and proto3 on {@code /api/v2/spans}, v1 JSON and Thrift
 * on {@code /api/v1/spans}, some gzipped), then bodies written by hand for what the reporter
 * cannot send (v1-only shapes, missing timestamps, the tags otelcol's zipkin exporter writes for
 * what Zipkin lacks, odd headers, bad bodies), each forwarded by the {@code otlp} exporter to the
 * collector's own backend. Compared: the OTLP each delivery carried and the HTTP status of every
 * request; a time stamped on receipt (v1 JSON spans without any) as such.
 */
final class ZipkinReceiverScenario implements TrafficScenario {
    /** Microseconds, as Zipkin counts. */
    private static final long T0 = 1_700_000_000_000_000L;
    private static final String V2 = "/api/v2/spans";
    private static final String V1 = "/api/v1/spans";
    private static final String JSON = "application/json";

    /**
     * Kept referenced, or its level is forgotten: a send that otelcol refuses is compared by its
     * status, and the reporter's warning with a stack trace would only clutter the lab's output.
     */
    private static final Logger REPORTER_LOG = Logger.getLogger("zipkin2.reporter");

    static {
        REPORTER_LOG.setLevel(Level.OFF);
    }

    private static final Endpoint FRONTEND = Endpoint.newBuilder().serviceName("frontend").ip("192.0.2.10").port(8080).build();

    /**
     * Between them: every kind and none, shared, debug, IPv4 and IPv6 endpoints, annotations, error
     * tags, 64- and 128-bit trace IDs, missing timestamp and duration, and status tags as otelcol's
     * zipkin exporter writes them (the specification's values are a case of their own).
     */
    private static final List<Span> SPANS = List.of(
            Span.newBuilder().traceId("5af7183fb1d4cf5f2b9c0f2e3d4c5b6a").id("352bff9a74ca9ad2").kind(Span.Kind.SERVER)
                    .name("get /api").localEndpoint(FRONTEND)
                    .remoteEndpoint(Endpoint.newBuilder().serviceName("browser").ip("2001:db8::c001").port(52100).build())
                    .timestamp(T0).duration(2_500).addAnnotation(T0 + 100, "wr").addAnnotation(T0 + 2_000, "ws")
                    .putTag("http.method", "GET").putTag("http.path", "/api").putTag("error", "")
                    .shared(true).debug(true).build(),
            Span.newBuilder().traceId("5af7183fb1d4cf5f2b9c0f2e3d4c5b6a").parentId("352bff9a74ca9ad2").id("5e9b3c1d2a4f6e80")
                    .kind(Span.Kind.CLIENT).name("query").localEndpoint(FRONTEND)
                    .remoteEndpoint(Endpoint.newBuilder().serviceName("db").ip("192.0.2.20").port(5432).build())
                    .timestamp(T0 + 200).duration(1_000).putTag("error", "connection refused").putTag("db.name", "orders").build(),
            Span.newBuilder().traceId("4d1e00c0db9010db").id("0b5f4d2f7c1a9e3d").kind(Span.Kind.PRODUCER).name("send")
                    .remoteEndpoint(Endpoint.newBuilder().serviceName("kafka").build())
                    .putTag("otel.status_code", "Error").putTag("otel.status_description", "queue full").build(),
            Span.newBuilder().traceId("4d1e00c0db9010db").parentId("0b5f4d2f7c1a9e3d").id("0000000000000abc").kind(Span.Kind.CONSUMER)
                    .name("receive").localEndpoint(Endpoint.newBuilder().serviceName("worker").ip("::1").build()).timestamp(T0 + 300)
                    .putTag("otel.library.name", "lab.worker").putTag("otel.library.version", "1.0")
                    .putTag("numbers", "123").putTag("flag", "true").build(),
            Span.newBuilder().traceId("5af7183fb1d4cf5f2b9c0f2e3d4c5b6a").parentId("352bff9a74ca9ad2").id("6f0a1b2c3d4e5f60")
                    .localEndpoint(FRONTEND).timestamp(T0 + 400).duration(1)
                    .putTag("otel.status_code", "STATUS_CODE_OK").build());

    /** One way zipkin-reporter sends: the encoding, its endpoint, whether it gzips, and which spans. */
    private record Report(SpanBytesEncoder encoder, Encoding encoding, String path, boolean gzip, List<Span> spans) {
    }

    private static final Map<String, Report> REPORTS = reports();

    /** A raw request and how many spans it should deliver. */
    private record RawCase(RawHttp.Request request, int spans) {
    }

    @Override
    public String name() {
        return "zipkin-receiver";
    }

    @Override
    public String config() {
        return Configs.receiverToBackend("zipkin", """
                  zipkin:
                    endpoint: 127.0.0.1:{{port:zipkin}}
                """);
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        long startedNanos = epochNanos();
        OtlpBackend backend = collector.grpcBackend();
        JsonObject observed = new JsonObject();
        JsonObject reported = new JsonObject();
        for (Map.Entry<String, Report> r : REPORTS.entrySet()) {
            reported.add(r.getKey(), report(collector, r.getValue()));
        }
        observed.add("reporter", reported);
        JsonObject raw = new JsonObject();
        for (Map.Entry<String, RawCase> c : rawCases().entrySet()) {
            JsonObject answer = new JsonObject();
            answer.add("delivered", Deliveries.of(backend, c.getValue().spans(),
                    () -> answer.addProperty("status", RawHttp.send(collector, "zipkin", c.getValue().request()).statusCode())));
            raw.add(c.getKey(), answer);
        }
        observed.add("raw", raw);
        markReceiptTimes(observed, startedNanos, epochNanos());
        return observed;
    }

    private static long epochNanos() {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }

    /** Span times within the run are times of receipt, which differ between two collectors by when each ran. */
    private static void markReceiptTimes(JsonElement tree, long fromNanos, long toNanos) {
        if (tree.isJsonArray()) {
            tree.getAsJsonArray().forEach(element -> markReceiptTimes(element, fromNanos, toNanos));
        } else if (tree.isJsonObject()) {
            for (Map.Entry<String, JsonElement> member : tree.getAsJsonObject().entrySet()) {
                boolean spanTime = member.getKey().equals("startTimeUnixNano") || member.getKey().equals("endTimeUnixNano");
                if (spanTime && member.getValue().isJsonPrimitive()) {
                    long nanos = member.getValue().getAsLong();
                    if (nanos >= fromNanos && nanos <= toNanos) {
                        member.setValue(new JsonPrimitive("time of receipt"));
                    }
                } else {
                    markReceiptTimes(member.getValue(), fromNanos, toNanos);
                }
            }
        }
    }

    /**
     * Every encoding with every span, except where otelcol refuses a whole message for one trait
     * (see docs/COMPATIBILITY.md): those spans go in a message of their own, so that the rest
     * still compares.
     */
    private static Map<String, Report> reports() {
        List<Span> longTraceIds = SPANS.stream().filter(span -> span.traceId().length() == 32).toList();
        List<Span> shortTraceIds = SPANS.stream().filter(span -> span.traceId().length() == 16).toList();
        List<Span> withoutRemote = SPANS.stream().map(span -> span.toBuilder().remoteEndpoint(null).build()).toList();
        List<Span> withRemote = SPANS.stream().filter(span -> span.remoteEndpoint() != null).toList();
        Map<String, Report> reports = new LinkedHashMap<>();
        reports.put("v2-json-gzip", new Report(SpanBytesEncoder.JSON_V2, Encoding.JSON, V2, true, SPANS));
        reports.put("v2-proto3", new Report(SpanBytesEncoder.PROTO3, Encoding.PROTO3, V2, false, longTraceIds));
        reports.put("v2-proto3-64-bit-trace-ids", new Report(SpanBytesEncoder.PROTO3, Encoding.PROTO3, V2, false, shortTraceIds));
        reports.put("v1-json-gzip", new Report(SpanBytesEncoder.JSON_V1, Encoding.JSON, V1, true, withoutRemote));
        reports.put("v1-json-remote-endpoints", new Report(SpanBytesEncoder.JSON_V1, Encoding.JSON, V1, false, withRemote));
        reports.put("v1-thrift", new Report(SpanBytesEncoder.THRIFT, Encoding.THRIFT, V1, false, SPANS));
        return reports;
    }

    /** Every span through one reporter, flushed as one message; its OkHttp client records the status. */
    private static JsonObject report(RunningCollector collector, Report how) throws Exception {
        RecordedStatuses statuses = new RecordedStatuses();
        OkHttpSender.Builder builder = OkHttpSender.newBuilder().endpoint(collector.url("zipkin", how.path()).toString())
                .encoding(how.encoding()).compressionEnabled(how.gzip());
        builder.clientBuilder().addNetworkInterceptor(statuses);
        JsonObject answer = new JsonObject();
        try (OkHttpSender sender = builder.build();
                // No timeout: nothing is sent but by the flush below, so every encoding sends one message.
                AsyncReporter<Span> reporter = AsyncReporter.builder(sender).messageTimeout(0, TimeUnit.MILLISECONDS)
                        .build(how.encoder())) {
            answer.add("delivered", Deliveries.of(collector.grpcBackend(), how.spans().size(), () -> {
                how.spans().forEach(reporter::report);
                reporter.flush();
            }));
        }
        answer.add("statuses", statuses.statuses());
        return answer;
    }

    private static Map<String, RawCase> rawCases() {
        Map<String, RawCase> cases = new LinkedHashMap<>();
        cases.put("v2-json-edge", new RawCase(RawHttp.post(V2, JSON, RawHttp.utf8(V2_EDGE)), 2));
        cases.put("v1-json-edge", new RawCase(RawHttp.post(V1, JSON, RawHttp.utf8(V1_EDGE)), 2));
        cases.put("v2-json-spec-status-values", new RawCase(RawHttp.post(V2, JSON, RawHttp.utf8(SPEC_STATUS)), 2));
        cases.put("v2-json-read-back", new RawCase(RawHttp.post(V2, JSON, RawHttp.utf8(READ_BACK)), 2));
        cases.put("v2-json-error-false", new RawCase(RawHttp.post(V2, JSON, RawHttp.utf8(
                "[{\"traceId\":\"5af7183fb1d4cf5f2b9c0f2e3d4c5b6a\",\"id\":\"00000000000000e0\",\"name\":\"not failed\","
                        + "\"timestamp\":" + T0 + ",\"duration\":1,\"tags\":{\"error\":\"false\"}}]")), 1));
        cases.put("v2-proto3-empty-annotation", new RawCase(RawHttp.post(V2, "application/x-protobuf", SpanBytesEncoder.PROTO3.encode(
                Span.newBuilder().traceId("5af7183fb1d4cf5f2b9c0f2e3d4c5b6a").id("00000000000000f0").name("empty annotation")
                        .timestamp(T0).duration(1).addAnnotation(T0, "").build())), 1));
        cases.put("v2-json-empty-list", new RawCase(RawHttp.post(V2, JSON, RawHttp.utf8("[]")), 0));
        cases.put("v2-json-no-content-type", new RawCase(new RawHttp.Request("POST", V2, Map.of(), single("01")), 1));
        cases.put("v2-json-as-text-plain", new RawCase(RawHttp.post(V2, "text/plain", single("02")), 1));
        cases.put("v1-json-as-protobuf", new RawCase(RawHttp.post(V1, "application/x-protobuf", single("03")), 1));
        cases.put("v2-json-deflate", new RawCase(new RawHttp.Request("POST", V2,
                Map.of("Content-Type", JSON, "Content-Encoding", "deflate"), deflate(single("04"))), 1));
        cases.put("v2-json-gzip-header-plain-body", new RawCase(new RawHttp.Request("POST", V2,
                Map.of("Content-Type", JSON, "Content-Encoding", "gzip"), single("05")), 1));
        cases.put("other-path", new RawCase(RawHttp.post("/spans", JSON, single("06")), 1));
        cases.put("v2-json-malformed", new RawCase(RawHttp.post(V2, JSON, RawHttp.utf8("[{")), 0));
        cases.put("v2-json-bad-trace-id", new RawCase(RawHttp.post(V2, JSON,
                RawHttp.utf8("[{\"traceId\":\"not-hex\",\"id\":\"0000000000000007\",\"name\":\"bad\"}]")), 0));
        cases.put("v2-proto3-malformed", new RawCase(RawHttp.post(V2, "application/x-protobuf", new byte[] {0x0a, 0x05, 0x01}), 0));
        cases.put("v1-thrift-malformed", new RawCase(RawHttp.post(V1, "application/x-thrift", new byte[] {0x0c, 0x00, 0x00, 0x00, 0x01}), 0));
        cases.put("get-method", new RawCase(new RawHttp.Request("GET", V2, Map.of(), new byte[0]), 0));
        return cases;
    }

    /** Two v2 spans no reporter writes: shared and debug without a timestamp, an IPv6-only endpoint of port 0, a port-only remote, an empty annotation. */
    private static final String V2_EDGE = """
            [{"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"a2fb4a1d1a96d312","name":"shared server","kind":"SERVER",
              "shared":true,"debug":true,"localEndpoint":{"serviceName":"api","ipv6":"2001:db8::c001","port":0},
              "remoteEndpoint":{"port":443},"tags":{"error":""}},
             {"traceId":"463ac35c9f6413ad48485a3953bb6124","parentId":"a2fb4a1d1a96d312","id":"b2fb4a1d1a96d312","kind":"CLIENT",
              "localEndpoint":{"serviceName":"api","ipv4":"192.0.2.1"},
              "remoteEndpoint":{"serviceName":"","ipv4":"192.0.2.2","ipv6":"::1","port":65535},
              "timestamp":%d,"duration":0,"annotations":[{"timestamp":%d,"value":""}]}]""".formatted(T0, T0);

    /** Two v1 spans: core annotations with a custom one; a local span with no timestamp. (Address annotations: see reports.) */
    private static final String V1_EDGE = """
            [{"traceId":"4d1e00c0db9010db","id":"1111111111111111","name":"v1 server","timestamp":%d,"duration":300,
              "annotations":[{"timestamp":%d,"value":"sr","endpoint":{"serviceName":"v1svc","ipv4":"192.0.2.30","port":80}},
                             {"timestamp":%d,"value":"ss","endpoint":{"serviceName":"v1svc","ipv4":"192.0.2.30","port":80}},
                             {"timestamp":%d,"value":"custom event","endpoint":{"serviceName":"v1svc","ipv4":"192.0.2.30","port":80}}],
              "binaryAnnotations":[{"key":"http.path","value":"/v1","endpoint":{"serviceName":"v1svc","ipv4":"192.0.2.30","port":80}},
                                   {"key":"error","value":"failed","endpoint":{"serviceName":"v1svc","ipv4":"192.0.2.30","port":80}}]},
             {"traceId":"4d1e00c0db9010db","id":"2222222222222222","parentId":"1111111111111111","name":"local work",
              "binaryAnnotations":[{"key":"lc","value":"worker","endpoint":{"serviceName":"v1svc"}}]}]"""
            .formatted(T0, T0, T0 + 300, T0 + 100);

    /**
     * What otelcol's zipkin exporter writes for what Zipkin lacks, which its receiver reads back:
     * links ({@code otlp.link.N}, one with zero IDs), the resource attribute that named the service
     * ({@code otlp.service.name.source}) and resource tags, the scope ({@code otel.library.*}), trace
     * state, status, an internal kind, an event's attributes; and the specification's
     * {@code otel.scope.*} tags, which only Tributary reads back.
     */
    private static final String READ_BACK = """
            [{"traceId":"5af7183fb1d4cf5f2b9c0f2e3d4c5b6a","id":"00000000000000c0","name":"read back","kind":"CLIENT",
              "timestamp":%d,"duration":10,"localEndpoint":{"serviceName":"lab-function"},
              "annotations":[{"timestamp":%d,"value":"exception|{\\"exception.message\\":\\"a|b\\",\\"n\\":1}|2"}],
              "tags":{"otlp.service.name.source":"faas.name","host.name":"lab-host","cloud.region":"eu-1",
                      "service.namespace":"lab","opencensus.resourcetype":"host",
                      "otel.library.name":"lab.lib","otel.library.version":"2.0","w3c.tracestate":"vendor=a",
                      "otel.status_code":"STATUS_CODE_ERROR","otel.status_description":"boom",
                      "otlp.link.0":"4bf92f3577b34da6a3ce929d0e0e4736|00f067aa0ba902b7|congo=t61|{\\"link.attr\\":\\"v\\",\\"n\\":2}|1",
                      "otlp.link.1":"||congo=x|{}|0","http.url":"/a"}},
             {"traceId":"5af7183fb1d4cf5f2b9c0f2e3d4c5b6a","parentId":"00000000000000c0","id":"00000000000000c1","name":"internal",
              "timestamp":%d,"duration":5,"localEndpoint":{"serviceName":"lab-internal"},
              "tags":{"span.kind":"internal","otel.status_code":"Ok","error":"true",
                      "otel.scope.name":"lab.scope","otel.scope.version":"3.0"}}]""".formatted(T0, T0 + 1, T0 + 2);

    /** Status tags with the values the OpenTelemetry Zipkin mapping gives them. */
    private static final String SPEC_STATUS = """
            [{"traceId":"5af7183fb1d4cf5f2b9c0f2e3d4c5b6a","id":"00000000000000d0","name":"ok","timestamp":%d,"duration":1,
              "tags":{"otel.status_code":"OK"}},
             {"traceId":"5af7183fb1d4cf5f2b9c0f2e3d4c5b6a","id":"00000000000000d1","name":"failed","timestamp":%d,"duration":1,
              "tags":{"otel.status_code":"ERROR","otel.status_description":"boom"}}]""".formatted(T0, T0);

    /** A v2 JSON body of one small span, told apart by the last byte of its ID. */
    private static byte[] single(String id) {
        return RawHttp.utf8("[{\"traceId\":\"5af7183fb1d4cf5f2b9c0f2e3d4c5b6a\",\"id\":\"00000000000000" + id
                + "\",\"name\":\"single\",\"timestamp\":" + T0 + ",\"duration\":1,\"localEndpoint\":{\"serviceName\":\"raw\"}}]");
    }

    private static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out)) {
            zlib.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
