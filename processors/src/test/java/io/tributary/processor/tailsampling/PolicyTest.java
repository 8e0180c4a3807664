package io.tributary.processor.tailsampling;

import static io.tributary.processor.tailsampling.Harness.RESOURCE;
import static io.tributary.processor.tailsampling.Harness.SECOND;
import static io.tributary.processor.tailsampling.Harness.bool;
import static io.tributary.processor.tailsampling.Harness.error;
import static io.tributary.processor.tailsampling.Harness.num;
import static io.tributary.processor.tailsampling.Harness.resource;
import static io.tributary.processor.tailsampling.Harness.span;
import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every policy type, table-driven: one trace per row goes through a processor on a hand-driven
 * clock, and the row says whether the decision after {@code decision_wait} keeps it.
 */
class PolicyTest {
    record Row(String description, String policies, Resource resource, List<Span> spans, boolean kept) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static final long MS = 1_000_000L;

    static Stream<Row> rows() {
        return Stream.of(
                row("always_sample keeps", "[{name: all, type: always_sample}]", true, span(1, 1)),

                row("latency: 1500ms >= 1000ms", latency("threshold_ms: 1000"), true,
                        timed(1, 0, 100), timed(2, 1400, 1500)),
                row("latency: 999ms < 1000ms", latency("threshold_ms: 1000"), false, timed(1, 0, 999)),
                row("latency: exactly the threshold", latency("threshold_ms: 1000"), true, timed(1, 0, 1000)),
                row("latency: within (500, 1000]", latency("threshold_ms: 500, upper_threshold_ms: 1000"), true,
                        timed(1, 0, 800)),
                row("latency: above the upper bound", latency("threshold_ms: 500, upper_threshold_ms: 1000"), false,
                        timed(1, 0, 1200)),
                row("latency: lower bound exclusive with an upper bound",
                        latency("threshold_ms: 500, upper_threshold_ms: 1000"), false, timed(1, 0, 500)),

                row("status_code: one error span", "[{name: e, type: status_code, status_code: {status_codes: [ERROR]}}]",
                        true, span(1, 1), error(span(1, 2))),
                row("status_code: no error", "[{name: e, type: status_code, status_code: {status_codes: [ERROR]}}]",
                        false, span(1, 1), span(1, 2)),
                row("status_code: OK or UNSET", "[{name: e, type: status_code, status_code: {status_codes: [OK, UNSET]}}]",
                        true, error(span(1, 1)), span(1, 2)),
                row("status_code: OK only, span OK", "[{name: e, type: status_code, status_code: {status_codes: [OK]}}]",
                        true, span(1, 1).setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))),

                row("string_attribute: span value", url("values: [/checkout, /payment]"), true,
                        span(1, 1), span(1, 2).addAttributes(attribute("http.url", "/payment"))),
                row("string_attribute: other value", url("values: [/checkout]"), false,
                        span(1, 1).addAttributes(attribute("http.url", "/home"))),
                row("string_attribute: resource value",
                        "[{name: s, type: string_attribute, string_attribute: {key: service.name, values: [checkout]}}]",
                        true, span(1, 1)),
                row("string_attribute: unanchored regex", url("values: [pay], enabled_regex_matching: true"), true,
                        span(1, 1).addAttributes(attribute("http.url", "/payment/42"))),
                row("string_attribute: Go regexp syntax (named group)",
                        url("values: ['/(?P<route>pay)ment/'], enabled_regex_matching: true"), true,
                        span(1, 1).addAttributes(attribute("http.url", "/payment/42"))),
                row("string_attribute: regex without a match", url("values: ['^/pay$'], enabled_regex_matching: true"),
                        false, span(1, 1).addAttributes(attribute("http.url", "/payment"))),
                row("string_attribute: a non-string value does not match", url("values: ['200']"), false,
                        span(1, 1).addAttributes(num("http.url", 200))),
                row("string_attribute: invert_match with the value", url("values: [/checkout], invert_match: true"), false,
                        span(1, 1).addAttributes(attribute("http.url", "/checkout"))),
                row("string_attribute: invert_match with another value", url("values: [/checkout], invert_match: true"),
                        true, span(1, 1).addAttributes(attribute("http.url", "/home"))),
                row("string_attribute: invert_match without the key", url("values: [/checkout], invert_match: true"),
                        true, span(1, 1)),

                row("numeric_attribute: in range", status("min_value: 500, max_value: 599"), true,
                        span(1, 1).addAttributes(num("http.status_code", 503))),
                row("numeric_attribute: out of range", status("min_value: 500, max_value: 599"), false,
                        span(1, 1).addAttributes(num("http.status_code", 200))),
                row("numeric_attribute: only a minimum", status("min_value: 400"), true,
                        span(1, 1).addAttributes(num("http.status_code", 404))),
                row("numeric_attribute: on the resource", status("min_value: 500"), true,
                        resource("http.status_code", "x").toBuilder().clear()
                                .addAttributes(num("http.status_code", 500)).build(), span(1, 1)),
                row("numeric_attribute: invert_match in range", status("min_value: 500, invert_match: true"), false,
                        span(1, 1).addAttributes(num("http.status_code", 503))),
                // otelcol's config accepts a minimum above the maximum (no check); the range holds no value.
                row("numeric_attribute: min_value above max_value matches nothing", status("min_value: 600, max_value: 500"),
                        false, span(1, 1).addAttributes(num("http.status_code", 550))),

                row("boolean_attribute: true", force("value: true"), true, span(1, 1).addAttributes(bool("force", true))),
                row("boolean_attribute: false", force("value: true"), false, span(1, 1).addAttributes(bool("force", false))),
                row("boolean_attribute: invert_match", force("value: true, invert_match: true"), false,
                        span(1, 1).addAttributes(bool("force", true))),

                row("probabilistic: 100%", "[{name: p, type: probabilistic, probabilistic: {sampling_percentage: 100}}]",
                        true, span(1, 1)),
                row("probabilistic: 0%", "[{name: p, type: probabilistic, probabilistic: {sampling_percentage: 0}}]",
                        false, span(1, 1)),

                row("rate_limiting: within the burst (2 × rate)",
                        "[{name: r, type: rate_limiting, rate_limiting: {spans_per_second: 2}}]", true,
                        span(1, 1), span(1, 2), span(1, 3)),
                row("rate_limiting: more spans than the burst",
                        "[{name: r, type: rate_limiting, rate_limiting: {spans_per_second: 2}}]", false,
                        span(1, 1), span(1, 2), span(1, 3), span(1, 4), span(1, 5)),
                row("bytes_limiting: within the burst",
                        "[{name: b, type: bytes_limiting, bytes_limiting: {bytes_per_second: 500}}]", true, span(1, 1)),
                row("bytes_limiting: larger than the burst",
                        "[{name: b, type: bytes_limiting, bytes_limiting: {bytes_per_second: 100}}]", false,
                        span(1, 1).addAttributes(attribute("payload", "x".repeat(500)))),

                row("span_count: below min", spans("min_spans: 2, max_spans: 3"), false, span(1, 1)),
                row("span_count: in range", spans("min_spans: 2, max_spans: 3"), true, span(1, 1), span(1, 2)),
                row("span_count: above max", spans("min_spans: 2, max_spans: 3"), false,
                        span(1, 1), span(1, 2), span(1, 3), span(1, 4)),
                row("span_count: no max", spans("min_spans: 2"), true, span(1, 1), span(1, 2), span(1, 3), span(1, 4)),

                row("trace_state: value", traceState(), true, span(1, 1).setTraceState("vendor=a,other=b")),
                row("trace_state: other value", traceState(), false, span(1, 1).setTraceState("vendor=b")),
                row("trace_state: malformed", traceState(), false, span(1, 1).setTraceState("vendor")),

                row("and: every sub-policy samples", and(), true,
                        error(span(1, 1)).addAttributes(attribute("http.url", "/checkout"))),
                row("and: one sub-policy does not", and(), false, error(span(1, 1))),
                row("not: sub-policy matches", not(), false, span(1, 1).addAttributes(attribute("http.url", "/health"))),
                row("not: sub-policy does not match", not(), true, span(1, 1).addAttributes(attribute("http.url", "/checkout"))),

                row("drop beats always_sample", drop(), false, span(1, 1).addAttributes(attribute("http.url", "/health"))),
                row("drop not matching leaves always_sample", drop(), true,
                        span(1, 1).addAttributes(attribute("http.url", "/checkout"))),
                // invert_match votes plainly, as otelcol v0.148 with its disableinvertdecisions gate on (the default).
                row("invert_match matching is a plain not sampled: another policy's sampled wins",
                        "[{name: all, type: always_sample}, " + url("values: [/checkout], invert_match: true").substring(1),
                        true, span(1, 1).addAttributes(attribute("http.url", "/checkout"))),
                row("invert_match not matching samples",
                        url("values: [/health], invert_match: true"), true, span(1, 1)),
                row("invert_match not matching samples beside another policy's not sampled",
                        "[{name: e, type: status_code, status_code: {status_codes: [ERROR]}}, "
                                + url("values: [/health], invert_match: true").substring(1), true, span(1, 1)),
                row("invert_match matching and nothing else sampling is not sampled",
                        "[{name: e, type: status_code, status_code: {status_codes: [ERROR]}}, "
                                + url("values: [/checkout], invert_match: true").substring(1), false,
                        span(1, 1).addAttributes(attribute("http.url", "/checkout"))),

                row("ottl_condition: span attribute", ottl("span: ['attributes[\"http.url\"] == \"/checkout\"']"), true,
                        span(1, 1), span(1, 2).addAttributes(attribute("http.url", "/checkout"))),
                row("ottl_condition: no span matches", ottl("span: ['attributes[\"http.url\"] == \"/checkout\"']"), false,
                        span(1, 1).addAttributes(attribute("http.url", "/home"))),
                row("ottl_condition: resource attribute read by a span condition",
                        ottl("span: ['resource.attributes[\"service.name\"] == \"checkout\"']"), true, span(1, 1)),
                row("ottl_condition: scope name", ottl("span: ['instrumentation_scope.name == \"other\"']"), false, span(1, 1)),
                row("ottl_condition: any condition of the list", ottl("span: ['name == \"x\"', 'name == \"span-2\"']"), true,
                        span(1, 1), span(1, 2)),
                row("ottl_condition: span event", ottl("spanevent: ['name == \"exception\"']"), true,
                        span(1, 1), span(1, 2).addEvents(event("retry")).addEvents(event("exception"))),
                row("ottl_condition: span event reads its span", ottl("spanevent: ['span.name == \"span-2\" and name == \"exception\"']"),
                        true, span(1, 1).addEvents(event("retry")), span(1, 2).addEvents(event("exception"))),
                row("ottl_condition: span conditions do not see events", ottl("span: ['name == \"exception\"']"), false,
                        span(1, 1).addEvents(event("exception"))),
                row("ottl_condition: ignore skips a failing condition", ottl("error_mode: ignore, " + FAILS_THEN_MATCHES), true,
                        span(1, 1).addAttributes(num("code", 500))),
                row("ottl_condition: silent skips a failing condition", ottl("error_mode: silent, " + FAILS_THEN_MATCHES), true,
                        span(1, 1).addAttributes(num("code", 500))),
                row("ottl_condition: without error_mode, as otelcol's empty mode, a failing condition is skipped",
                        ottl(FAILS_THEN_MATCHES), true, span(1, 1).addAttributes(num("code", 500))),
                row("ottl_condition: propagate stops at the failing condition", ottl("error_mode: propagate, " + FAILS_THEN_MATCHES),
                        false, span(1, 1).addAttributes(num("code", 500))),
                // The erroring policy is skipped (no vote); the invert_match policy's sampled keeps the trace.
                row("ottl_condition: a propagated error is no vote", both(ottl("error_mode: propagate, " + FAILS_THEN_MATCHES),
                        url("values: [/health], invert_match: true")), true, span(1, 1).addAttributes(num("code", 500))),
                row("ottl_condition: a span event error propagates", both(ottl("error_mode: propagate, spanevent: ['Len(attributes[\"n\"]) > 0']"),
                        url("values: [/health], invert_match: true")), true, span(1, 1).addEvents(event("e").addAttributes(num("n", 1)))),

                row("composite: within a sub-policy's share", composite("[{policy: errors, percent: 50}]"), true,
                        error(span(1, 1))),
                row("composite: a sub-policy without a share samples nothing", composite("[]"), false,
                        error(span(1, 1))));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void decides(Row row) {
        Harness harness = new Harness("decision_wait: 5s\npolicies: " + row.policies());
        harness.send(row.resource(), row.spans().toArray(Span[]::new));
        harness.advance(Duration.ofSeconds(5));

        assertThat(harness.next.spanCount()).as(row.description()).isEqualTo(row.kept() ? row.spans().size() : 0);
    }

    private static Row row(String description, String policies, boolean kept, Span.Builder... spans) {
        return row(description, policies, RESOURCE, spans, kept);
    }

    private static Row row(String description, String policies, boolean kept, Resource resource, Span.Builder... spans) {
        return row(description, policies, resource, spans, kept);
    }

    private static Row row(String description, String policies, Resource resource, Span.Builder[] spans, boolean kept) {
        return new Row(description, policies, resource, Stream.of(spans).map(Span.Builder::build).toList(), kept);
    }

    private static Span.Builder timed(int spanId, long startMs, long endMs) {
        return span(1, spanId).setStartTimeUnixNano(1000 * SECOND + startMs * MS).setEndTimeUnixNano(1000 * SECOND + endMs * MS);
    }

    private static String latency(String settings) {
        return "[{name: slow, type: latency, latency: {" + settings + "}}]";
    }

    private static String url(String settings) {
        return "[{name: url, type: string_attribute, string_attribute: {key: http.url, " + settings + "}}]";
    }

    private static String status(String settings) {
        return "[{name: code, type: numeric_attribute, numeric_attribute: {key: http.status_code, " + settings + "}}]";
    }

    private static String force(String settings) {
        return "[{name: force, type: boolean_attribute, boolean_attribute: {key: force, " + settings + "}}]";
    }

    private static String spans(String settings) {
        return "[{name: count, type: span_count, span_count: {" + settings + "}}]";
    }

    /** A condition that fails on an int attribute (Len takes strings, maps, slices) before one that matches. */
    private static final String FAILS_THEN_MATCHES = "span: ['Len(attributes[\"code\"]) > 0', 'name == \"span-1\"']";

    private static String ottl(String settings) {
        return "[{name: ottl, type: ottl_condition, ottl_condition: {" + settings + "}}]";
    }

    /** Two single-policy lists as one. */
    private static String both(String first, String second) {
        return first.substring(0, first.length() - 1) + ", " + second.substring(1);
    }

    private static Span.Event.Builder event(String name) {
        return Span.Event.newBuilder().setName(name).setTimeUnixNano(1000 * SECOND);
    }

    private static String traceState() {
        return "[{name: ts, type: trace_state, trace_state: {key: vendor, values: [a]}}]";
    }

    private static String and() {
        return "[{name: both, type: and, and: {and_sub_policy: ["
                + "{name: e, type: status_code, status_code: {status_codes: [ERROR]}},"
                + "{name: u, type: string_attribute, string_attribute: {key: http.url, values: [/checkout]}}]}}]";
    }

    private static String not() {
        return "[{name: not-health, type: not, not: {not_sub_policy: "
                + "{name: u, type: string_attribute, string_attribute: {key: http.url, values: [/health]}}}}]";
    }

    private static String drop() {
        return "[{name: all, type: always_sample}, {name: no-health, type: drop, drop: {drop_sub_policy: ["
                + "{name: u, type: string_attribute, string_attribute: {key: http.url, values: [/health]}}]}}]";
    }

    private static String composite(String allocation) {
        return "[{name: c, type: composite, composite: {max_total_spans_per_second: 100, policy_order: [errors],"
                + " composite_sub_policy: [{name: errors, type: status_code, status_code: {status_codes: [ERROR]}}],"
                + " rate_allocation: " + allocation + "}}]";
    }
}
