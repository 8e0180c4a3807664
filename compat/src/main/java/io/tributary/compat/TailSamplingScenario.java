package io.tributary.compat;

import static io.tributary.compat.RawSpans.T0;
import static io.tributary.compat.RawSpans.resource;
import static io.tributary.compat.RawSpans.scope;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code tail_sampling} processor: each deterministic policy type (no rate limits; the
 * probabilistic one hashes the trace id with a fixed salt) in its own processor with a one-second
 * {@code decision_wait}, all given one request holding every span of every trace, so that each
 * trace is whole when it is decided. Compared: the traces (and their spans) each keeps.
 *
 * <p>Knowing when every decision has been forwarded without a fixed wait: each processor also has
 * a policy that samples a marker trace. A first marker is sent after the traffic and awaited;
 * otelcol decides in ticks over batches of traces that arrived between ticks (in no set order
 * within a tick), so a second marker, sent once the first was delivered, lands in a later tick
 * than every traffic trace, and its delivery means theirs is done (the exporters have no queue).
 */
final class TailSamplingScenario implements TrafficScenario {
    private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(15);
    private static final String MARKER_KEY = "lab.marker";
    private static final String MARKER_POLICY = """
            - name: lab-marker
              type: string_attribute
              string_attribute: {key: lab.marker, values: [flush]}
            """;

    private static final ProcessorCases CASES = new ProcessorCases("tail_sampling", List.of(
            policies("always-sample", "- {name: all, type: always_sample}"),
            policies("latency", "- {name: slow, type: latency, latency: {threshold_ms: 1000}}"),
            policies("latency-upper-threshold", "- {name: band, type: latency, latency: {threshold_ms: 40, upper_threshold_ms: 1500}}"),
            policies("numeric-range", "- {name: server-errors, type: numeric_attribute, numeric_attribute: {key: http.status_code, min_value: 500, max_value: 599}}"),
            policies("numeric-max-only", "- {name: light, type: numeric_attribute, numeric_attribute: {key: load, max_value: 10}}"),
            policies("numeric-invert", """
                    - name: not-2xx
                      type: numeric_attribute
                      numeric_attribute: {key: http.status_code, min_value: 200, max_value: 299, invert_match: true}
                    """),
            policies("string-values", "- {name: tiers, type: string_attribute, string_attribute: {key: customer.tier, values: [gold, platinum]}}"),
            policies("string-regex", """
                    - name: api
                      type: string_attribute
                      string_attribute: {key: http.route, values: ["^/api/v[0-9]+/"], enabled_regex_matching: true}
                    """),
            policies("string-invert", "- {name: not-gold, type: string_attribute, string_attribute: {key: customer.tier, values: [gold], invert_match: true}}"),
            policies("string-regex-invert", """
                    - name: not-health
                      type: string_attribute
                      string_attribute: {key: http.route, values: ["^/health"], enabled_regex_matching: true, invert_match: true}
                    """),
            policies("status-code-error", "- {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}"),
            policies("status-code-ok-unset", "- {name: fine, type: status_code, status_code: {status_codes: [OK, UNSET]}}"),
            policies("trace-state", "- {name: premium, type: trace_state, trace_state: {key: vendor, values: [premium, gold]}}"),
            policies("boolean", "- {name: debug, type: boolean_attribute, boolean_attribute: {key: debug, value: true}}"),
            policies("boolean-invert", "- {name: not-debug, type: boolean_attribute, boolean_attribute: {key: debug, value: true, invert_match: true}}"),
            policies("span-count", "- {name: mid, type: span_count, span_count: {min_spans: 3, max_spans: 10}}"),
            policies("span-count-min-only", "- {name: big, type: span_count, span_count: {min_spans: 5}}"),
            policies("probabilistic", "- {name: half, type: probabilistic, probabilistic: {sampling_percentage: 50, hash_salt: lab-salt}}"),
            policies("and", """
                    - name: served-and-deep
                      type: and
                      and:
                        and_sub_policy:
                          - {name: status, type: numeric_attribute, numeric_attribute: {key: http.status_code, min_value: 200, max_value: 599}}
                          - {name: deep, type: span_count, span_count: {min_spans: 2}}
                    """),
            policies("not", """
                    - name: not-gold
                      type: not
                      not:
                        not_sub_policy: {name: gold, type: string_attribute, string_attribute: {key: customer.tier, values: [gold]}}
                    """),
            policies("drop", """
                    - {name: all, type: always_sample}
                    - name: no-errors
                      type: drop
                      drop:
                        drop_sub_policy:
                          - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
                    """),
            policies("composite", """
                    - name: shares
                      type: composite
                      composite:
                        max_total_spans_per_second: 100000
                        policy_order: [errors, slow, rest]
                        composite_sub_policy:
                          - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
                          - {name: slow, type: latency, latency: {threshold_ms: 1000}}
                          - {name: rest, type: span_count, span_count: {min_spans: 3}}
                        rate_allocation:
                          - {policy: errors, percent: 50}
                          - {policy: slow, percent: 25}
                          - {policy: rest, percent: 25}
                    """),
            policies("ottl-condition", """
                    - name: ottl
                      type: ottl_condition
                      ottl_condition:
                        error_mode: ignore
                        span: ['attributes["http.status_code"] == 503']
                        spanevent: ['name == "retry"']
                    """),
            policies("invert-beats-sampled", """
                    - {name: not-gold, type: string_attribute, string_attribute: {key: customer.tier, values: [gold], invert_match: true}}
                    - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
                    - {name: checkout, type: string_attribute, string_attribute: {key: service.name, values: [checkout]}}
                    """)));

    private static final ExportTraceServiceRequest TRAFFIC = traffic();

    @Override
    public String name() {
        return "tail-sampling";
    }

    @Override
    public String config() {
        return CASES.config();
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        Map<String, JsonArray> answers = CASES.send(collector, c -> List.of(TRAFFIC));
        for (long marker : List.of(0xf1L, 0xf2L)) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(resource(List.of("service.name", "lab"),
                    scope("lab", "", RawSpans.span(marker, marker, "marker", SpanKind.SPAN_KIND_INTERNAL, MARKER_KEY, "flush")))).build();
            CASES.send(collector, c -> List.of(request));
            awaitDelivered(collector.grpcBackend(), RawSpans.traceId(marker));
        }
        return CASES.observed(collector.grpcBackend(), answers);
    }

    /** Until every case has delivered {@code traceId}; a case that never does shows as a difference. */
    private static void awaitDelivered(OtlpBackend backend, ByteString traceId) {
        try {
            Await.until(() -> CASES.cases().stream().allMatch(c -> ProcessorCases.delivered(backend, c).stream()
                            .flatMap(r -> r.getResourceSpansList().stream())
                            .flatMap(rs -> rs.getScopeSpansList().stream())
                            .flatMap(ss -> ss.getSpansList().stream())
                            .anyMatch(span -> span.getTraceId().equals(traceId))),
                    MARKER_TIMEOUT, () -> "a marker trace was not delivered by every case");
        } catch (AssertionError missing) {
            // Compared: the cases without it show the marker as a difference.
        }
    }

    private static ProcessorCases.Case policies(String name, String policies) {
        return new ProcessorCases.Case(name, "decision_wait: 1s\npolicies:\n" + ProcessorCases.indent(policies.strip() + "\n" + MARKER_POLICY, 2));
    }

    /**
     * Every trace whole in one request, some across two resources: each has what one policy
     * looks at (durations, statuses, attributes on spans or resources, tracestates, span counts).
     */
    private static ExportTraceServiceRequest traffic() {
        List<Span> frontend = new ArrayList<>();
        List<Span> backend = new ArrayList<>();
        List<Span> checkout = new ArrayList<>();
        // 1: fast and fine, three spans, one a 200.
        frontend.add(span(1, 1, 0, 50, "http.status_code", 200L).toBuilder()
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)).build());
        frontend.add(span(1, 2, 10, 40));
        backend.add(span(1, 3, 20, 30));
        // 2: slow.
        backend.add(span(2, 1, 0, 2500));
        backend.add(span(2, 2, 100, 2400));
        // 3: an error in a child.
        frontend.add(span(3, 1, 0, 30));
        backend.add(span(3, 2, 5, 25).toBuilder()
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom")).build());
        // 4: a 200 served over a 503.
        frontend.add(span(4, 1, 0, 20, "http.status_code", 200L));
        backend.add(span(4, 2, 2, 18, "http.status_code", 503L));
        // 5: a gold customer, known by the resource.
        checkout.add(span(5, 1, 0, 15));
        checkout.add(span(5, 2, 1, 14));
        // 6: a silver customer on the span, with a retry event.
        frontend.add(span(6, 1, 0, 12, "customer.tier", "silver").toBuilder().addEvents(RawSpans.event("retry", "attempt", 2L)).build());
        // 7, 8: routes.
        frontend.add(span(7, 1, 0, 9, "http.route", "/api/v2/orders/123"));
        frontend.add(span(8, 1, 0, 3, "http.route", "/health"));
        // 9, 10, 17: debug flags, the last a string.
        frontend.add(span(9, 1, 0, 5, "debug", true));
        frontend.add(span(10, 1, 0, 5, "debug", false));
        frontend.add(span(17, 1, 0, 5, "debug", "true"));
        // 11, 12: tracestates.
        frontend.add(span(11, 1, 0, 5).toBuilder().setTraceState("vendor=premium").build());
        frontend.add(span(12, 1, 0, 5).toBuilder().setTraceState("ot=th:8,vendor=free").build());
        // 13: twelve spans.
        for (int i = 1; i <= 12; i++) {
            (i % 2 == 0 ? frontend : backend).add(span(13, i, i, i + 5));
        }
        // 14: short spans far apart: the trace lasts 1.2 s.
        frontend.add(span(14, 1, 0, 10));
        backend.add(span(14, 2, 1190, 1200));
        // 15: a double where a policy reads ints, and a status code as a string.
        backend.add(span(15, 1, 0, 7, "load", 0.75, "http.status_code", "503"));
        // 16: nothing special.
        backend.add(span(16, 1, 0, 4));
        // 18: a first span inside 40..1500 ms, the whole trace beyond it.
        frontend.add(span(18, 1, 0, 50));
        frontend.add(span(18, 2, 0, 3000));
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(group(List.of("service.name", "frontend"), frontend))
                .addResourceSpans(group(List.of("service.name", "backend"), backend))
                .addResourceSpans(group(List.of("service.name", "checkout", "customer.tier", "gold"), checkout))
                .build();
    }

    /** Span {@code index} of trace {@code trace}, from {@code startMs} to {@code endMs} after {@link RawSpans#T0}. */
    private static Span span(long trace, int index, long startMs, long endMs, Object... keysAndValues) {
        return RawSpans.span(trace, trace * 100 + index, "span-" + trace + "-" + index, SpanKind.SPAN_KIND_INTERNAL, keysAndValues)
                .toBuilder().setStartTimeUnixNano(T0 + startMs * 1_000_000L).setEndTimeUnixNano(T0 + endMs * 1_000_000L).build();
    }

    private static ResourceSpans group(List<?> resource, List<Span> spans) {
        return resource(resource, scope("tail-lab", "1.0", spans.toArray(Span[]::new)));
    }
}
