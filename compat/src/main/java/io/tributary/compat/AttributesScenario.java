package io.tributary.compat;

import com.google.gson.JsonElement;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code attributes} processor: every action ({@code insert}, {@code update},
 * {@code upsert}, {@code delete}, {@code hash}, {@code extract}, {@code convert}) with
 * {@code value} of each type, {@code from_attribute} and {@code pattern}, on keys that exist and
 * that do not, and actions limited by {@code include}/{@code exclude} matching; one pipeline per
 * config, all given {@link SampleTraces#REQUEST} and a span of edge values for conversions and
 * hashing (number formats, NaN, infinities, bytes, maps). Compared: every span as delivered.
 */
final class AttributesScenario implements TrafficScenario {
    /**
     * Values whose conversion or hashing depends on number formatting and parsing details; the
     * {@code no-int} doubles have no int64 value (what Go's conversion gives depends on the CPU).
     */
    private static final Map<String, Object> EDGE_VALUES = edgeValues();

    private static final ExportTraceServiceRequest EDGES = ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(RawSpans.resource(List.of("service.name", "edges"), RawSpans.scope("edges", "", RawSpans.span(9, 99,
                    "edge values", SpanKind.SPAN_KIND_INTERNAL, EDGE_VALUES.entrySet().stream()
                            .flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray()))))
            .build();

    private static final ProcessorCases CASES = new ProcessorCases("attributes", List.of(
            actions("insert-value", """
                    - {key: env, action: insert, value: prod}
                    - {key: http.method, action: insert, value: NOT-INSERTED}
                    """),
            actions("insert-typed-values", """
                    - {key: an.int, action: insert, value: 2245}
                    - {key: a.quoted.int, action: insert, value: "2245"}
                    - {key: a.double, action: insert, value: 1.5}
                    - {key: a.bool, action: insert, value: true}
                    - {key: a.list, action: insert, value: [a, 1, 2.5, false]}
                    - {key: a.map, action: insert, value: {k: v, n: 3}}
                    - {key: an.empty.string, action: insert, value: ""}
                    """),
            actions("update-value", """
                    - {key: http.method, action: update, value: PATCH}
                    - {key: not.there, action: update, value: nothing}
                    - {key: http.status_code, action: update, value: "two hundred"}
                    """),
            actions("upsert-value", """
                    - {key: http.method, action: upsert, value: PUT}
                    - {key: region, action: upsert, value: eu}
                    """),
            actions("from-attribute", """
                    - {key: method.copy, action: insert, from_attribute: http.method}
                    - {key: missing.copy, action: insert, from_attribute: not.there}
                    - {key: db.name, action: update, from_attribute: db.system}
                    - {key: status.copy, action: upsert, from_attribute: http.status_code}
                    - {key: http.method, action: upsert, from_attribute: peer.service}
                    - {key: tags.copy, action: insert, from_attribute: tags}
                    """),
            actions("delete-key", """
                    - {key: http.status_code, action: delete}
                    - {key: not.there, action: delete}
                    """),
            actions("delete-pattern", """
                    - {action: delete, pattern: ^db\\.}
                    - {action: delete, pattern: "retr"}
                    """),
            actions("delete-key-and-pattern", """
                    - {key: ratio, action: delete, pattern: "^http\\\\.(method|url)$"}
                    """),
            actions("hash", """
                    - {key: user.email, action: hash}
                    - {key: http.status_code, action: hash}
                    - {key: retry, action: hash}
                    - {key: weight, action: hash}
                    - {key: tags, action: hash}
                    - {key: not.there, action: hash}
                    """),
            actions("hash-pattern", """
                    - {action: hash, pattern: "^db\\\\."}
                    - {key: peer.service, action: hash, pattern: "^rpc"}
                    """),
            actions("extract", """
                    - key: http.url
                      action: extract
                      pattern: ^(?P<url_scheme>[a-z]+)://(?P<url_host>[^/:]+)(?::(?P<url_port>\\d+))?(?P<url_path>/[^?]*)
                    - {key: http.status_code, action: extract, pattern: "^(?P<first_digit>\\\\d)"}
                    - {key: db.statement, action: extract, pattern: "^(?P<verb>INSERT) "}
                    """),
            actions("extract-overwrites", """
                    - {key: user.email, action: extract, pattern: "^(?P<http_method>[^@]+)@(?P<domain>.+)$"}
                    - {key: http.method, action: upsert, from_attribute: http_method}
                    """),
            actions("convert", """
                    - {key: http.status_code, action: convert, converted_type: string}
                    - {key: retries, action: convert, converted_type: int}
                    - {key: weight, action: convert, converted_type: int}
                    - {key: ratio, action: convert, converted_type: string}
                    - {key: retry, action: convert, converted_type: double}
                    - {key: enabled, action: convert, converted_type: double}
                    - {key: tags, action: convert, converted_type: string}
                    - {key: count, action: convert, converted_type: double}
                    """),
            actions("convert-failing", """
                    - {key: http.url, action: convert, converted_type: int}
                    - {key: tags, action: convert, converted_type: int}
                    - {key: user.email, action: convert, converted_type: double}
                    """),
            actions("action-names-any-case", """
                    - {key: env, action: INSERT, value: prod}
                    - {key: http.method, action: Update, value: HEAD}
                    """),
            actions("chained", """
                    - {key: stage, action: insert, value: one}
                    - {key: stage, action: update, from_attribute: http.method}
                    - {key: stage.hash, action: insert, from_attribute: stage}
                    - {key: stage.hash, action: hash}
                    - {key: http.method, action: delete}
                    """),
            conversions("convert-edges-to-string", "string"),
            conversions("convert-edges-to-int", "int"),
            conversions("convert-edges-to-double", "double"),
            new ProcessorCases.Case("hash-edges", "actions:\n  - {action: hash, pattern: \"^edge\\\\.\"}\n"),
            matched("include-services", """
                    include:
                      match_type: strict
                      services: [backend]
                    """),
            matched("exclude-span-names-regexp", """
                    exclude:
                      match_type: regexp
                      span_names: ["^GET"]
                    """),
            matched("include-attributes", """
                    include:
                      match_type: strict
                      attributes: [{key: http.method, value: GET}]
                    """),
            matched("include-resources-and-libraries", """
                    include:
                      match_type: regexp
                      resources: [{key: host.name, value: "^web"}]
                      libraries: [{name: "jdbc$"}]
                    """),
            matched("include-kinds-exclude-attributes", """
                    include:
                      match_type: strict
                      span_kinds: [SPAN_KIND_SERVER, SPAN_KIND_CLIENT]
                    exclude:
                      match_type: strict
                      attributes: [{key: http.status_code, value: 200}]
                    """)));

    @Override
    public String name() {
        return "attributes";
    }

    @Override
    public String config() {
        return CASES.config();
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        return CASES.observe(collector, c -> List.of(SampleTraces.REQUEST, EDGES));
    }

    private static Map<String, Object> edgeValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("edge.double.no-int.big", 1e21);
        values.put("edge.double.small", 1e-7);
        values.put("edge.double.negative-zero", -0.0);
        values.put("edge.double.no-int.nan", Double.NaN);
        values.put("edge.double.no-int.infinity", Double.POSITIVE_INFINITY);
        values.put("edge.double.no-int.huge", 1e300);
        values.put("edge.double.negative", -2.7);
        values.put("edge.double.tenth", 0.1);
        values.put("edge.double.whole", 3.0);
        values.put("edge.int.max", Long.MAX_VALUE);
        values.put("edge.int.min", Long.MIN_VALUE);
        values.put("edge.bool", true);
        values.put("edge.bytes", new byte[] {1, 2, (byte) 0xff});
        values.put("edge.map", Map.of("k", "v"));
        values.put("edge.list.empty", List.of());
        for (String text : List.of(" 42 ", "+5", "0x1A", "1_000", "1e3", "inf", "-Infinity", "NaN", "0x1p-2", "9223372036854775808",
                "-12", "3.", ".5", "", "007", "1,5")) {
            values.put("edge.string." + text, text);
        }
        return values;
    }

    /** Every edge value converted to {@code type}. */
    private static ProcessorCases.Case conversions(String name, String type) {
        StringBuilder actions = new StringBuilder("actions:\n");
        for (String key : EDGE_VALUES.keySet()) {
            actions.append("  - {key: \"").append(key).append("\", action: convert, converted_type: ").append(type).append("}\n");
        }
        return new ProcessorCases.Case(name, actions.toString());
    }

    private static ProcessorCases.Case actions(String name, String actions) {
        return new ProcessorCases.Case(name, "actions:\n" + ProcessorCases.indent(actions, 2));
    }

    /** An upsert and a delete applied only to the spans that {@code match} selects. */
    private static ProcessorCases.Case matched(String name, String match) {
        return new ProcessorCases.Case(name, match + """
                actions:
                  - {key: matched, action: upsert, value: true}
                  - {key: http.method, action: delete}
                """);
    }
}
