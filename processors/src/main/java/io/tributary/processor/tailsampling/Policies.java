package io.tributary.processor.tailsampling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Builds each policy type's evaluator from its config, with otelcol's semantics. */
final class Policies {
    private static final long NANOS_PER_MILLI = 1_000_000;

    private Policies() {
    }

    /** @param millis the clock that rate limits and the composite policy's seconds run on */
    static Policy build(PolicyConfig config, LongSupplier millis) {
        return switch (config.type()) {
            case PolicyConfig.ALWAYS_SAMPLE -> trace -> Decision.SAMPLED;
            case PolicyConfig.LATENCY -> latency(config.latency());
            case PolicyConfig.STATUS_CODE -> statusCode(config.statusCode());
            case PolicyConfig.SPAN_COUNT -> spanCount(config.spanCount());
            case PolicyConfig.PROBABILISTIC -> new ProbabilisticPolicy(
                    config.probabilistic().hashSalt(), config.probabilistic().samplingPercentage());
            case PolicyConfig.STRING_ATTRIBUTE -> AttributePolicy.string(config.stringAttribute());
            case PolicyConfig.NUMERIC_ATTRIBUTE -> AttributePolicy.numeric(config.numericAttribute());
            case PolicyConfig.BOOLEAN_ATTRIBUTE -> AttributePolicy.bool(config.booleanAttribute());
            case PolicyConfig.TRACE_STATE -> new TraceStatePolicy(config.traceState());
            case PolicyConfig.OTTL_CONDITION -> new OttlConditionPolicy(config.ottlCondition());
            case PolicyConfig.RATE_LIMITING -> limit(config.rateLimiting().spansPerSecond(),
                    config.rateLimiting().burstCapacity(), TraceView::spanCount, millis);
            case PolicyConfig.BYTES_LIMITING -> limit(config.bytesLimiting().bytesPerSecond(),
                    config.bytesLimiting().burstCapacity(), TraceView::sizeBytes, millis);
            case PolicyConfig.AND -> all(build(config.and().andSubPolicy(), millis), Decision.SAMPLED);
            case PolicyConfig.DROP -> all(build(config.drop().dropSubPolicy(), millis), Decision.DROPPED);
            case PolicyConfig.NOT -> not(build(config.not().notSubPolicy(), millis));
            case PolicyConfig.COMPOSITE -> CompositePolicy.of(config.composite(), millis);
            default -> throw new IllegalArgumentException("unknown sampling policy type " + config.type());
        };
    }

    static List<Policy> build(List<PolicyConfig> configs, LongSupplier millis) {
        List<Policy> policies = new ArrayList<>(configs.size());
        for (PolicyConfig config : configs) {
            policies.add(build(config, millis));
        }
        return policies;
    }

    /**
     * Earliest start to latest end across the trace, in whole milliseconds (Go's
     * {@code Duration.Milliseconds}); without an upper bound, at least {@code threshold_ms}.
     */
    private static Policy latency(PolicyConfig.Latency config) {
        return trace -> {
            long millis = (trace.maxEnd() - trace.minStart()) / NANOS_PER_MILLI;
            boolean slow = config.upperThresholdMs() == 0
                    ? millis >= config.thresholdMs()
                    : config.thresholdMs() < millis && millis <= config.upperThresholdMs();
            return slow ? Decision.SAMPLED : Decision.NOT_SAMPLED;
        };
    }

    private static Policy statusCode(PolicyConfig.StatusCode config) {
        int mask = 0;
        for (String code : config.statusCodes()) {
            mask |= switch (code) {
                case "OK" -> BufferedTrace.STATUS_OK;
                case "ERROR" -> BufferedTrace.STATUS_ERROR;
                default -> BufferedTrace.STATUS_UNSET;
            };
        }
        int wanted = mask;
        return trace -> (trace.flags() & wanted) != 0 ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }

    /** Inclusive bounds; {@code max_spans: 0} means no upper bound. */
    private static Policy spanCount(PolicyConfig.SpanCount config) {
        return trace -> {
            int spans = trace.spanCount();
            boolean inRange = spans >= config.minSpans() && (config.maxSpans() == 0 || spans <= config.maxSpans());
            return inRange ? Decision.SAMPLED : Decision.NOT_SAMPLED;
        };
    }

    /** A token bucket as golang.org/x/time/rate's: the burst defaults to twice the rate. */
    private static Policy limit(long perSecond, long burst, java.util.function.ToLongFunction<TraceView> cost,
            LongSupplier millis) {
        TokenBucket bucket = new TokenBucket(perSecond, burst > 0 ? burst : 2 * perSecond, millis);
        return trace -> bucket.allow(cost.applyAsLong(trace)) ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }

    /**
     * {@code and} and {@code drop}: {@code all} when every sub-policy samples; any "not sampled"
     * makes it not sampled. A sub-policy's error is the policy's error.
     */
    private static Policy all(List<Policy> subPolicies, Decision all) {
        return trace -> {
            for (Policy sub : subPolicies) {
                Decision decision = sub.evaluate(trace);
                if (decision == Decision.NOT_SAMPLED) {
                    return Decision.NOT_SAMPLED;
                }
            }
            return all;
        };
    }

    /** Swaps sampled and not sampled; other votes pass through. */
    private static Policy not(Policy sub) {
        return trace -> {
            Decision decision = sub.evaluate(trace);
            return switch (decision) {
                case SAMPLED -> Decision.NOT_SAMPLED;
                case NOT_SAMPLED -> Decision.SAMPLED;
                default -> decision;
            };
        };
    }
}
