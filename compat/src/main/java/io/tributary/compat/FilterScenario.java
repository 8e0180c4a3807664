package io.tributary.compat;

import com.google.gson.JsonElement;
import java.util.List;

/**
 * The {@code filter} processor: legacy {@code spans} include/exclude matching (strict and regexp,
 * on every property) and OTTL conditions ({@code traces.resource}, {@code traces.span},
 * {@code traces.spanevent}, {@code trace_conditions}, each {@code error_mode}), one pipeline per
 * config, all given the same spans. Compared: the spans and events each lets through, and the
 * answer of each Export call.
 */
final class FilterScenario implements TrafficScenario {
    private static final ProcessorCases CASES = new ProcessorCases("filter", List.of(
            // Legacy matching: a span not matching include, or matching exclude, is dropped.
            legacy("spans-strict-services-include", "include", "strict", "services: [frontend]"),
            legacy("spans-strict-services-exclude", "exclude", "strict", "services: [frontend, backend]"),
            legacy("spans-nil-service-name", "exclude", "strict", "services: [\"<nil-service-name>\"]"),
            legacy("spans-regexp-services", "include", "regexp", "services: [\"^back\", \"nothing\"]"),
            legacy("spans-strict-span-names", "exclude", "strict", "span_names: [\"GET /health\", \"GET /metrics\", \"get /users\"]"),
            legacy("spans-regexp-span-names", "exclude", "regexp", "span_names: [users]"),
            legacy("spans-regexp-span-names-anchored", "include", "regexp", "span_names: [\"^GET /users$\", \"^SELECT\"]"),
            legacy("spans-strict-span-kinds", "exclude", "strict", "span_kinds: [SPAN_KIND_SERVER, SPAN_KIND_INTERNAL]"),
            legacy("spans-regexp-span-kinds", "include", "regexp", "span_kinds: [\"CLIENT|PRODUCER\", UNSPECIFIED]"),
            legacy("spans-strict-attribute", "include", "strict", "attributes: [{key: http.method, value: GET}]"),
            legacy("spans-strict-attribute-int", "exclude", "strict", "attributes: [{key: http.status_code, value: 200}]"),
            legacy("spans-strict-attribute-int-as-string", "exclude", "strict", "attributes: [{key: http.status_code, value: \"200\"}]"),
            legacy("spans-strict-attribute-double", "exclude", "strict", "attributes: [{key: ratio, value: 0.5}]"),
            legacy("spans-strict-attribute-bool", "exclude", "strict", "attributes: [{key: retry, value: false}]"),
            legacy("spans-strict-attribute-present", "include", "strict", "attributes: [{key: db.system}]"),
            legacy("spans-strict-attributes-all", "include", "strict",
                    "attributes: [{key: http.method, value: GET}, {key: http.status_code, value: 200}]"),
            legacy("spans-regexp-attribute-int", "exclude", "regexp", "attributes: [{key: http.status_code, value: \"^[45]\"}]"),
            legacy("spans-regexp-attribute-bool-double", "include", "regexp",
                    "attributes: [{key: retry, value: \"^false$\"}, {key: ratio, value: \"^0\\\\.5$\"}]"),
            legacy("spans-regexp-attribute-array", "include", "regexp", "attributes: [{key: tags, value: \"a\"}]"),
            legacy("spans-strict-resources", "exclude", "strict", "resources: [{key: host.name, value: web-1}]"),
            legacy("spans-regexp-resources", "include", "regexp", "resources: [{key: k8s.pod.name, value: \"pod-\"}]"),
            legacy("spans-strict-libraries", "include", "strict", "libraries: [{name: io.opentelemetry.jdbc}]"),
            legacy("spans-strict-libraries-version", "exclude", "strict",
                    "libraries: [{name: io.opentelemetry.http, version: 1.2.0}, {name: grpc, version: \"\"}]"),
            legacy("spans-regexp-libraries", "include", "regexp", "libraries: [{name: \"^io\\\\.opentelemetry\\\\.\", version: \"^1\\\\.\"}]"),
            legacy("spans-several-properties", "exclude", "regexp",
                    "services: [frontend]\nspan_names: [\"^GET\"]\nattributes: [{key: http.status_code}]"),
            new ProcessorCases.Case("spans-include-and-exclude", """
                    spans:
                      include:
                        match_type: strict
                        services: [frontend]
                      exclude:
                        match_type: regexp
                        span_names: [health]
                    """),
            // OTTL: a condition that is true drops its span, event or resource. error_mode is set, as
            // its default differs between releases (see the error-mode cases).
            conditions("ottl-span-name", "name == \"GET /health\""),
            conditions("ottl-span-attribute-compare", "attributes[\"http.status_code\"] >= 400"),
            conditions("ottl-span-kind", "kind == SPAN_KIND_CLIENT", "kind.string == \"Producer\""),
            conditions("ottl-span-resource", "resource.attributes[\"service.name\"] == \"backend\""),
            conditions("ottl-span-scope", "instrumentation_scope.name == \"io.opentelemetry.jdbc\"", "instrumentation_scope.version == \"1.2.0\""),
            conditions("ottl-span-is-match", "IsMatch(name, \"^GET /users\")", "IsMatch(attributes[\"http.status_code\"], \"^4\")"),
            conditions("ottl-span-status", "status.code == STATUS_CODE_ERROR"),
            conditions("ottl-span-and-not", "attributes[\"http.method\"] == \"GET\" and not IsMatch(name, \"health\")"),
            conditions("ottl-span-nil", "attributes[\"http.method\"] == nil"),
            conditions("ottl-span-ids", "trace_id.string == \"00000000000000000000000000000002\"", "span_id == SpanID(0x0000000000000009)"),
            conditions("ottl-span-len-concat", "Len(attributes) > 3", "Concat([name, \"x\"], \"-\") == \"orphan-x\""),
            conditions("ottl-span-mixed-arithmetic", "attributes[\"count\"] + 0.5 > 42"),
            conditions("ottl-span-string-compare", "name < \"GET /metrics\"", "attributes[\"ratio\"] > 0.25"),
            new ProcessorCases.Case("ottl-spanevent", """
                    error_mode: ignore
                    traces:
                      spanevent:
                        - name == "cache-miss"
                        - attributes["level"] == "debug"
                    """),
            new ProcessorCases.Case("ottl-spanevent-span-path", """
                    error_mode: ignore
                    traces:
                      spanevent:
                        - span.name == "internal work"
                    """),
            new ProcessorCases.Case("ottl-resource", """
                    error_mode: ignore
                    traces:
                      resource:
                        - attributes["host.name"] == "api-2"
                    """),
            new ProcessorCases.Case("ottl-span-and-spanevent", """
                    error_mode: ignore
                    traces:
                      span:
                        - name == "queue publish"
                      spanevent:
                        - name == "retry"
                    """),
            // A condition failing on every span without "count" (nil * 2), then one that works.
            errorMode("ottl-error-mode-default", null),
            errorMode("ottl-error-mode-ignore", "ignore"),
            errorMode("ottl-error-mode-silent", "silent"),
            errorMode("ottl-error-mode-propagate", "propagate"),
            new ProcessorCases.Case("trace-conditions-basic", """
                    error_mode: ignore
                    trace_conditions:
                      - span.name == "orphan"
                      - resource.attributes["host.name"] == "web-1"
                      - spanevent.name == "log"
                    """),
            new ProcessorCases.Case("trace-conditions-advanced", """
                    error_mode: ignore
                    trace_conditions:
                      - context: span
                        conditions:
                          - name == "decode"
                          - attributes["count"] == 42
                      - context: scope
                        conditions:
                          - name == "io.opentelemetry.jdbc"
                    """)));

    @Override
    public String name() {
        return "filter";
    }

    @Override
    public String config() {
        return CASES.config();
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        return CASES.observe(collector, c -> List.of(SampleTraces.REQUEST));
    }

    private static ProcessorCases.Case legacy(String name, String section, String matchType, String properties) {
        return new ProcessorCases.Case(name, "spans:\n  " + section + ":\n    match_type: " + matchType + "\n"
                + ProcessorCases.indent(properties, 4));
    }

    private static ProcessorCases.Case conditions(String name, String... conditions) {
        StringBuilder body = new StringBuilder("error_mode: ignore\ntraces:\n  span:\n");
        for (String condition : conditions) {
            body.append("    - '").append(condition).append("'\n");
        }
        return new ProcessorCases.Case(name, body.toString());
    }

    private static ProcessorCases.Case errorMode(String name, String mode) {
        return new ProcessorCases.Case(name, (mode == null ? "" : "error_mode: " + mode + "\n") + """
                traces:
                  span:
                    - attributes["count"] * 2 > 50
                    - name == "orphan"
                """);
    }
}
