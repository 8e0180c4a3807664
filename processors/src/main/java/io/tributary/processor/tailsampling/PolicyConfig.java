package io.tributary.processor.tailsampling;

import io.tributary.processor.filterset.GoRegex;
import io.tributary.processor.ottl.ErrorMode;
import io.tributary.processor.ottl.SpanCondition;
import io.tributary.processor.ottl.SpanEventCondition;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code policies} (or of a composite policy's {@code and_sub_policy},
 * {@code not_sub_policy}, {@code drop_sub_policy}, {@code composite_sub_policy}), as otelcol's
 * {@code PolicyCfg}: a {@code name}, a {@code type}, and the section named after the type. The
 * other sections are ignored, as in otelcol. Checks that otelcol makes when it builds the
 * evaluators are made here, so {@code tributary validate} reports them with their line.
 */
public record PolicyConfig(
        String name,
        String type,
        Latency latency,
        NumericAttribute numericAttribute,
        Probabilistic probabilistic,
        StatusCode statusCode,
        StringAttribute stringAttribute,
        RateLimiting rateLimiting,
        BytesLimiting bytesLimiting,
        SpanCount spanCount,
        TraceState traceState,
        BooleanAttribute booleanAttribute,
        OttlCondition ottlCondition,
        And and,
        Not not,
        Drop drop,
        Composite composite) {

    static final String ALWAYS_SAMPLE = "always_sample";
    static final String LATENCY = "latency";
    static final String NUMERIC_ATTRIBUTE = "numeric_attribute";
    static final String PROBABILISTIC = "probabilistic";
    static final String STATUS_CODE = "status_code";
    static final String STRING_ATTRIBUTE = "string_attribute";
    static final String RATE_LIMITING = "rate_limiting";
    static final String BYTES_LIMITING = "bytes_limiting";
    static final String SPAN_COUNT = "span_count";
    static final String TRACE_STATE = "trace_state";
    static final String BOOLEAN_ATTRIBUTE = "boolean_attribute";
    static final String OTTL_CONDITION = "ottl_condition";
    static final String AND = "and";
    static final String NOT = "not";
    static final String DROP = "drop";
    static final String COMPOSITE = "composite";

    /** The types allowed inside {@code and}, {@code not} and {@code drop} (otelcol's shared policy config). */
    static final Set<String> SHARED = Set.of(ALWAYS_SAMPLE, LATENCY, NUMERIC_ATTRIBUTE, PROBABILISTIC, STATUS_CODE,
            STRING_ATTRIBUTE, RATE_LIMITING, BYTES_LIMITING, SPAN_COUNT, TRACE_STATE, BOOLEAN_ATTRIBUTE, OTTL_CONDITION);
    /** Composite sub-policies may also be {@code and}. */
    static final Set<String> COMPOSITE_SUB = union(SHARED, AND);
    static final Set<String> TOP_LEVEL = union(COMPOSITE_SUB, NOT, DROP, COMPOSITE);

    public record Latency(long thresholdMs, long upperThresholdMs) {
        static final Latency ZERO = new Latency(0, 0);

        public Latency {
            if (thresholdMs < 0 || upperThresholdMs < 0) {
                throw new IllegalArgumentException("threshold_ms and upper_threshold_ms must not be negative");
            }
        }
    }

    public record NumericAttribute(String key, long minValue, long maxValue, boolean invertMatch) {
        static final NumericAttribute ZERO = new NumericAttribute("", 0, 0, false);
    }

    public record Probabilistic(String hashSalt, double samplingPercentage) {
        static final Probabilistic ZERO = new Probabilistic("", 0);

        public Probabilistic {
            hashSalt = Objects.requireNonNullElse(hashSalt, "");
            if (Double.isNaN(samplingPercentage)) {
                throw new IllegalArgumentException("sampling_percentage must be a number");
            }
        }
    }

    public record StatusCode(List<String> statusCodes) {
        static final StatusCode ZERO = new StatusCode(List.of());

        public StatusCode {
            statusCodes = List.copyOf(Objects.requireNonNullElse(statusCodes, List.of()));
            for (String code : statusCodes) {
                if (!Set.of("OK", "ERROR", "UNSET").contains(code)) {
                    throw new IllegalArgumentException("unknown status code \"" + code + "\", supported: OK, ERROR, UNSET");
                }
            }
        }
    }

    public record StringAttribute(String key, List<String> values, boolean enabledRegexMatching, int cacheMaxSize,
            boolean invertMatch) {
        static final StringAttribute ZERO = new StringAttribute("", List.of(), false, 0, false);

        public StringAttribute {
            values = List.copyOf(Objects.requireNonNullElse(values, List.of()));
            if (enabledRegexMatching) {
                values.forEach(GoRegex::compile);
            }
        }
    }

    public record RateLimiting(long spansPerSecond, long burstCapacity) {
        static final RateLimiting ZERO = new RateLimiting(0, 0);

        public RateLimiting {
            if (spansPerSecond < 0 || burstCapacity < 0) {
                throw new IllegalArgumentException("spans_per_second and burst_capacity must not be negative");
            }
        }
    }

    public record BytesLimiting(long bytesPerSecond, long burstCapacity) {
        static final BytesLimiting ZERO = new BytesLimiting(0, 0);

        public BytesLimiting {
            if (bytesPerSecond < 0 || burstCapacity < 0) {
                throw new IllegalArgumentException("bytes_per_second and burst_capacity must not be negative");
            }
        }
    }

    public record SpanCount(int minSpans, int maxSpans) {
        static final SpanCount ZERO = new SpanCount(0, 0);
    }

    public record TraceState(String key, List<String> values) {
        static final TraceState ZERO = new TraceState("", List.of());

        public TraceState {
            key = Objects.requireNonNullElse(key, "");
            values = List.copyOf(Objects.requireNonNullElse(values, List.of()));
        }
    }

    public record BooleanAttribute(String key, boolean value, boolean invertMatch) {
        static final BooleanAttribute ZERO = new BooleanAttribute("", false, false);
    }

    /**
     * Conditions are parsed when bound, so a bad one is reported at its own key path and line.
     * Without {@code error_mode}, otelcol passes an empty mode to OTTL, which skips a failing
     * condition without logging: {@code silent}.
     */
    public record OttlCondition(ErrorMode errorMode, List<SpanCondition> span, List<SpanEventCondition> spanevent) {
        static final OttlCondition ZERO = new OttlCondition(ErrorMode.SILENT, List.of(), List.of());

        public OttlCondition {
            errorMode = Objects.requireNonNullElse(errorMode, ErrorMode.SILENT);
            span = List.copyOf(Objects.requireNonNullElse(span, List.of()));
            spanevent = List.copyOf(Objects.requireNonNullElse(spanevent, List.of()));
        }
    }

    public record And(List<PolicyConfig> andSubPolicy) {
        static final And ZERO = new And(List.of());

        public And {
            andSubPolicy = subPolicies(andSubPolicy, SHARED, "and_sub_policy");
        }
    }

    public record Not(PolicyConfig notSubPolicy) {
        static final Not ZERO = new Not(null);

        public Not {
            if (notSubPolicy != null && !SHARED.contains(notSubPolicy.type())) {
                throw new IllegalArgumentException("unknown sampling policy type " + notSubPolicy.type() + " in not_sub_policy");
            }
        }
    }

    public record Drop(List<PolicyConfig> dropSubPolicy) {
        static final Drop ZERO = new Drop(List.of());

        public Drop {
            dropSubPolicy = subPolicies(dropSubPolicy, SHARED, "drop_sub_policy");
        }
    }

    public record RateAllocation(String policy, long percent) {
    }

    public record Composite(long maxTotalSpansPerSecond, List<String> policyOrder, List<PolicyConfig> compositeSubPolicy,
            List<RateAllocation> rateAllocation) {
        static final Composite ZERO = new Composite(0, List.of(), List.of(), List.of());

        public Composite {
            policyOrder = List.copyOf(Objects.requireNonNullElse(policyOrder, List.of()));
            compositeSubPolicy = subPolicies(compositeSubPolicy, COMPOSITE_SUB, "composite_sub_policy");
            rateAllocation = List.copyOf(Objects.requireNonNullElse(rateAllocation, List.of()));
        }
    }

    public PolicyConfig {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("policy name cannot be empty");
        }
        type = Objects.requireNonNullElse(type, "");
        if (!TOP_LEVEL.contains(type)) {
            throw new IllegalArgumentException("unknown sampling policy type " + type);
        }
        latency = Objects.requireNonNullElse(latency, Latency.ZERO);
        numericAttribute = Objects.requireNonNullElse(numericAttribute, NumericAttribute.ZERO);
        probabilistic = Objects.requireNonNullElse(probabilistic, Probabilistic.ZERO);
        statusCode = Objects.requireNonNullElse(statusCode, StatusCode.ZERO);
        stringAttribute = Objects.requireNonNullElse(stringAttribute, StringAttribute.ZERO);
        rateLimiting = Objects.requireNonNullElse(rateLimiting, RateLimiting.ZERO);
        bytesLimiting = Objects.requireNonNullElse(bytesLimiting, BytesLimiting.ZERO);
        spanCount = Objects.requireNonNullElse(spanCount, SpanCount.ZERO);
        traceState = Objects.requireNonNullElse(traceState, TraceState.ZERO);
        booleanAttribute = Objects.requireNonNullElse(booleanAttribute, BooleanAttribute.ZERO);
        ottlCondition = Objects.requireNonNullElse(ottlCondition, OttlCondition.ZERO);
        and = Objects.requireNonNullElse(and, And.ZERO);
        not = Objects.requireNonNullElse(not, Not.ZERO);
        drop = Objects.requireNonNullElse(drop, Drop.ZERO);
        composite = Objects.requireNonNullElse(composite, Composite.ZERO);
        switch (type) {
            case STATUS_CODE -> {
                if (statusCode.statusCodes().isEmpty()) {
                    throw new IllegalArgumentException("policy " + name + ": expected at least one status code to filter on");
                }
            }
            case NUMERIC_ATTRIBUTE -> {
                if (numericAttribute.minValue() == 0 && numericAttribute.maxValue() == 0) {
                    throw new IllegalArgumentException("policy " + name + ": at least one of min_value or max_value must be set");
                }
            }
            case NOT -> {
                if (not.notSubPolicy() == null) {
                    throw new IllegalArgumentException("policy " + name + ": not_sub_policy is required");
                }
            }
            case OTTL_CONDITION -> {
                if (ottlCondition.span().isEmpty() && ottlCondition.spanevent().isEmpty()) {
                    throw new IllegalArgumentException("policy " + name + ": expected at least one OTTL condition to filter on");
                }
            }
            default -> {
            }
        }
    }

    private static List<PolicyConfig> subPolicies(List<PolicyConfig> policies, Set<String> allowed, String key) {
        List<PolicyConfig> copy = List.copyOf(Objects.requireNonNullElse(policies, List.of()));
        for (PolicyConfig policy : copy) {
            if (!allowed.contains(policy.type())) {
                throw new IllegalArgumentException("unknown sampling policy type " + policy.type() + " in " + key);
            }
        }
        return copy;
    }

    private static Set<String> union(Set<String> base, String... more) {
        java.util.HashSet<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
