package io.tributary.compat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tributary.testkit.OtlpBackend;
import java.util.List;

/**
 * OTLP in, OTLP out: spans from the OpenTelemetry Java SDK over gRPC, then OTLP/JSON edge cases
 * posted raw over HTTP, each forwarded by the {@code otlp} exporter to the collector's own
 * backend. Compared: the OTLP each delivery carried (per case) and each HTTP answer.
 */
final class OtlpReceiverScenario implements TrafficScenario {
    /** One raw OTLP/JSON request and how many spans it should deliver (to know when it has arrived). */
    private record JsonCase(String name, String body, int spans) {
    }

    private static final List<JsonCase> JSON_CASES = List.of(
            new JsonCase("empty-request", "{}", 0),
            new JsonCase("empty-resource-spans", "{\"resourceSpans\":[]}", 0),
            new JsonCase("resource-without-spans", """
                    {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"idle"}}]},"scopeSpans":[]}]}""", 0),
            new JsonCase("ids-lowercase-hex", span("""
                    "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"eee19b7ec3c1b173","name":"lower\""""), 1),
            new JsonCase("ids-uppercase-hex", span("""
                    "traceId":"5B8EFFF798038103D269B633813FC60D","spanId":"EEE19B7EC3C1B174","parentSpanId":"EEE19B7EC3C1B173","name":"upper\""""), 1),
            new JsonCase("empty-ids", span("""
                    "traceId":"","spanId":"","parentSpanId":"","name":"no ids\""""), 1),
            new JsonCase("trace-id-wrong-length", span("""
                    "traceId":"5b8efff798038103d269b633813fc6","spanId":"eee19b7ec3c1b174","name":"short id\""""), 0),
            new JsonCase("enums-as-names", span(ids(1) + """
                    ,"name":"names","kind":"SPAN_KIND_SERVER","status":{"code":"STATUS_CODE_ERROR","message":"boom"}"""), 1),
            new JsonCase("enums-as-numbers", span(ids(2) + """
                    ,"name":"numbers","kind":3,"status":{"code":1}"""), 1),
            new JsonCase("int64-as-strings", span(ids(3) + """
                    ,"name":"strings","startTimeUnixNano":"1700000000123456789","endTimeUnixNano":"1700000000223456789",
                    "attributes":[{"key":"n","value":{"intValue":"-9007199254740993"}}]"""), 1),
            new JsonCase("int64-as-numbers", span(ids(4) + """
                    ,"name":"numbers","startTimeUnixNano":1700000000123456789,"endTimeUnixNano":1700000000223456789,
                    "attributes":[{"key":"n","value":{"intValue":-9007199254740993}}]"""), 1),
            new JsonCase("unknown-fields", """
                    {"x":1,"resourceSpans":[{"y":{"z":[1,2]},"resource":{"attributes":[],"w":"?"},"scopeSpans":[{"scope":{"name":"s","v":true},
                    "spans":[{"traceId":"00000000000000000000000000000005","spanId":"0000000000000005","name":"unknown","future":{"a":null}}]}]}]}""", 1),
            new JsonCase("empty-attributes", span(ids(6) + """
                    ,"name":"empty","attributes":[],"events":[{"name":"e","attributes":[]}],"links":[]"""), 1),
            new JsonCase("attribute-without-value", span(ids(7) + """
                    ,"name":"valueless","attributes":[{"key":"none"},{"key":"empty","value":{}},{"key":"blank","value":{"stringValue":""}}]"""), 1),
            new JsonCase("bytes-values", span(ids(8) + """
                    ,"name":"bytes","attributes":[{"key":"padded","value":{"bytesValue":"AQID/w=="}},{"key":"none","value":{"bytesValue":""}}]"""), 1),
            new JsonCase("bytes-value-unpadded-base64", span(ids(16) + """
                    ,"name":"unpadded","attributes":[{"key":"unpadded","value":{"bytesValue":"AQID/w"}}]"""), 1),
            new JsonCase("bytes-value-url-safe-base64", span(ids(15) + """
                    ,"name":"url-safe","attributes":[{"key":"url","value":{"bytesValue":"AQID_w=="}}]"""), 1),
            new JsonCase("array-and-kvlist-values", span(ids(9) + """
                    ,"name":"nested","attributes":[{"key":"arr","value":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":"1"},{"boolValue":true},{}]}}},
                    {"key":"map","value":{"kvlistValue":{"values":[{"key":"k","value":{"doubleValue":2.5}},{"key":"z","value":{"arrayValue":{}}}]}}}]"""), 1),
            new JsonCase("double-values", span(ids(10) + """
                    ,"name":"doubles","attributes":[{"key":"half","value":{"doubleValue":0.5}},{"key":"big","value":{"doubleValue":1e300}},
                    {"key":"nan","value":{"doubleValue":"NaN"}},{"key":"inf","value":{"doubleValue":"Infinity"}},
                    {"key":"ninf","value":{"doubleValue":"-Infinity"}},{"key":"int","value":{"doubleValue":3}},{"key":"str","value":{"doubleValue":"1.25"}}]"""), 1),
            new JsonCase("proto-field-names", """
                    {"resource_spans":[{"resource":{"attributes":[{"key":"service.name","value":{"string_value":"snake"}}]},
                    "scope_spans":[{"scope":{"name":"snake"},"spans":[{"trace_id":"0000000000000000000000000000000b","span_id":"000000000000000b",
                    "name":"snake","start_time_unix_nano":"1","end_time_unix_nano":"2","dropped_attributes_count":3}]}]}]}""", 1),
            new JsonCase("events-links-state-flags", span(ids(12) + """
                    ,"name":"rich","traceState":"a=b,c=d","flags":257,"droppedAttributesCount":1,"droppedEventsCount":2,"droppedLinksCount":3,
                    "events":[{"timeUnixNano":"5","name":"ev","attributes":[{"key":"k","value":{"boolValue":false}}],"droppedAttributesCount":1}],
                    "links":[{"traceId":"0000000000000000000000000000000c","spanId":"000000000000000d","traceState":"x=y","flags":1,
                    "attributes":[{"key":"l","value":{"stringValue":"v"}}]}]"""), 1),
            new JsonCase("null-fields", span(ids(13) + """
                    ,"name":null,"attributes":null,"status":null,"traceState":null"""), 1),
            new JsonCase("null-enum", span(ids(14) + """
                    ,"name":"null kind","kind":null"""), 1),
            new JsonCase("resource-and-scope-details", """
                    {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"detailed"}}],"droppedAttributesCount":2},
                    "schemaUrl":"https://opentelemetry.io/schemas/1.21.0","scopeSpans":[{"scope":{"name":"lib","version":"1.0","attributes":
                    [{"key":"scope.attr","value":{"intValue":"7"}}],"droppedAttributesCount":1},"schemaUrl":"https://example.com/s",
                    "spans":[{"traceId":"0000000000000000000000000000000e","spanId":"000000000000000e","name":"detailed"}]}]}]}""", 1));

    @Override
    public String name() {
        return "otlp-receiver";
    }

    @Override
    public String config() {
        return Configs.OTLP_TO_BACKEND;
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        OtlpBackend backend = collector.grpcBackend();
        JsonObject observed = new JsonObject();
        observed.add("sdk-grpc", Deliveries.of(backend, SdkTraffic.SPANS, () -> SdkTraffic.send(collector.port("otlp_grpc"))));
        JsonObject json = new JsonObject();
        for (JsonCase c : JSON_CASES) {
            JsonObject answer = new JsonObject();
            answer.add("delivered", Deliveries.of(backend, c.spans(), () -> answer.add("response", post(collector, c.body()))));
            json.add(c.name(), answer);
        }
        observed.add("http-json", json);
        return observed;
    }

    private static JsonObject post(RunningCollector collector, String body) throws Exception {
        return Answers.http(RawHttp.send(collector, "otlp_http", RawHttp.post("/v1/traces", "application/json", RawHttp.utf8(body))));
    }

    private static String ids(int n) {
        return String.format("\"traceId\":\"%032x\",\"spanId\":\"%016x\"", n, n);
    }

    /** A request holding one span whose members are {@code members}. */
    private static String span(String members) {
        return """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-edge"}}]},\
                "scopeSpans":[{"scope":{"name":"edge"},"spans":[{%s}]}]}]}""".formatted(members.strip());
    }
}
