package io.tributary.compat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bad input to the OTLP receiver: each case must get the same HTTP status, content type and
 * body (its error code; messages are each implementation's own) or the same gRPC status code.
 * Limits are otelcol's defaults: 20 MiB HTTP bodies (after decompression), 4 MiB gRPC messages.
 */
final class BadInputScenario implements TrafficScenario {
    private static final String TRACES = "opentelemetry.proto.collector.trace.v1.TraceService/Export";
    static final int MIB = 1024 * 1024;

    /** A raw gRPC unary call: full method name and request bytes. */
    private record GrpcCase(String method, byte[] request) {
    }

    /** A length-delimited field 1 that claims 5 bytes and has 1. */
    static final byte[] TRUNCATED = {0x0a, 0x05, 0x01};

    /** Built per run, not kept: some bodies are tens of MiB. */
    private static Map<String, RawHttp.Request> httpCases() {
        Map<String, RawHttp.Request> cases = new LinkedHashMap<>();
        cases.put("malformed-protobuf", RawHttp.post("/v1/traces", "application/x-protobuf", TRUNCATED));
        cases.put("malformed-json", RawHttp.post("/v1/traces", "application/json", RawHttp.utf8("{\"resourceSpans\":[")));
        cases.put("json-wrong-types", RawHttp.post("/v1/traces", "application/json", RawHttp.utf8("{\"resourceSpans\":{\"a\":1}}")));
        cases.put("wrong-content-type", RawHttp.post("/v1/traces", "text/plain", RawHttp.utf8("hello")));
        cases.put("no-content-type", new RawHttp.Request("POST", "/v1/traces", Map.of(), RawHttp.utf8("{}")));
        cases.put("oversized", RawHttp.post("/v1/traces", "application/x-protobuf", requestWithAttribute(21 * MIB)));
        cases.put("gzip-bomb", new RawHttp.Request("POST", "/v1/traces",
                Map.of("Content-Type", "application/x-protobuf", "Content-Encoding", "gzip"), RawHttp.gzip(requestWithAttribute(64 * MIB))));
        cases.put("corrupt-gzip", new RawHttp.Request("POST", "/v1/traces",
                Map.of("Content-Type", "application/x-protobuf", "Content-Encoding", "gzip"), RawHttp.utf8("not gzip at all")));
        cases.put("unknown-content-encoding", new RawHttp.Request("POST", "/v1/traces",
                Map.of("Content-Type", "application/x-protobuf", "Content-Encoding", "compress"), new byte[0]));
        cases.put("wrong-path", RawHttp.post("/v1/nope", "application/x-protobuf", new byte[0]));
        cases.put("logs-path-without-logs-pipeline", RawHttp.post("/v1/logs", "application/x-protobuf", new byte[0]));
        cases.put("wrong-method", new RawHttp.Request("GET", "/v1/traces", Map.of(), new byte[0]));
        cases.put("put-method", new RawHttp.Request("PUT", "/v1/traces", Map.of("Content-Type", "application/x-protobuf"), new byte[0]));
        return cases;
    }

    private static Map<String, GrpcCase> grpcCases() {
        Map<String, GrpcCase> cases = new LinkedHashMap<>();
        cases.put("empty-request", new GrpcCase(TRACES, new byte[0]));
        cases.put("malformed-protobuf", new GrpcCase(TRACES, TRUNCATED));
        // Field 1 (resource_spans) as fixed32: a known field with a wire type it cannot have.
        cases.put("wrong-wire-type", new GrpcCase(TRACES, new byte[] {0x0d, 1, 2, 3, 4}));
        cases.put("oversized", new GrpcCase(TRACES, requestWithAttribute(5 * MIB)));
        cases.put("unknown-method", new GrpcCase("opentelemetry.proto.collector.trace.v1.TraceService/Nope", new byte[0]));
        cases.put("logs-service-without-logs-pipeline",
                new GrpcCase("opentelemetry.proto.collector.logs.v1.LogsService/Export", new byte[0]));
        return cases;
    }

    @Override
    public String name() {
        return "bad-input";
    }

    @Override
    public String config() {
        return Configs.OTLP_TO_BACKEND;
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        JsonObject observed = new JsonObject();
        JsonObject http = new JsonObject();
        for (Map.Entry<String, RawHttp.Request> c : httpCases().entrySet()) {
            http.add(c.getKey(), send(collector, c.getValue()));
        }
        observed.add("http", http);
        JsonObject grpc = new JsonObject();
        try (RawGrpc client = RawGrpc.connect(collector.port("otlp_grpc"))) {
            for (Map.Entry<String, GrpcCase> c : grpcCases().entrySet()) {
                grpc.add(c.getKey(), client.call(c.getValue().method(), c.getValue().request()));
            }
        }
        observed.add("grpc", grpc);
        return observed;
    }

    private static JsonObject send(RunningCollector collector, RawHttp.Request request) throws Exception {
        return Answers.http(RawHttp.send(collector, "otlp_http", request));
    }

    /** A valid request of about {@code bytes} bytes: one span with one big string attribute. */
    private static byte[] requestWithAttribute(int bytes) {
        Span span = Span.newBuilder().setTraceId(ByteString.copyFrom(new byte[16])).setName("big")
                .addAttributes(KeyValue.newBuilder().setKey("big").setValue(AnyValue.newBuilder().setStringValue("x".repeat(bytes))))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
                .build().toByteArray();
    }
}
