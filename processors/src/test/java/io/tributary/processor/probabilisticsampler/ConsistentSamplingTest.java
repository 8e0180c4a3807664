package io.tributary.processor.probabilisticsampler;

import static io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig.Mode.EQUALIZING;
import static io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig.Mode.HASH_SEED;
import static io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig.Mode.PROPORTIONAL;
import static io.tributary.processor.probabilisticsampler.ItemSampler.Policy.MISSING_RANDOMNESS;
import static io.tributary.processor.probabilisticsampler.ItemSampler.Policy.SAMPLING_PRIORITY;
import static io.tributary.processor.probabilisticsampler.ItemSampler.Policy.SAMPLING_RANDOMNESS;
import static io.tributary.processor.probabilisticsampler.ItemSampler.Policy.TRACE_ID_W3C;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig.Mode;
import io.tributary.processor.probabilisticsampler.SpanSampler.Decision;
import io.tributary.processor.probabilisticsampler.ItemSampler.Policy;
import io.tributary.processor.probabilisticsampler.SpanSampler.Priority;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OTEP 235 modes, one row per case: the span's randomness (the trace ID's low 56 bits, given
 * as 14 hex digits, or {@code rv}), its arriving tracestate, the decision and the tracestate it
 * leaves with ({@code null}: left as it came). Thresholds were computed once with an independent
 * Python model of the specification (threshold = 2^56 − round(p × 2^56), rounded to the precision
 * plus one hex digit per leading 0 or f); the model reproduced otelcol's published examples first
 * (1 % at precision 4 = fd70a, 40 % at precision 3 = 99a, 20 % at precision 6 = cccccd).
 */
class ConsistentSamplingTest {
    private static final String NO_RANDOMNESS = "00000000000000";
    private static final String MAX = "ffffffffffffff";

    static Stream<Arguments> cases() {
        return Stream.of(
                both("100 % keeps with th:0", 100, 4, true, "80000000000000", "", true, "ot=th:0", TRACE_ID_W3C),
                both("50 % keeps randomness at the threshold", 50, 4, true, "80000000000000", "", true, "ot=th:8", TRACE_ID_W3C),
                both("50 % drops randomness below it", 50, 4, true, "7fffffffffffff", "", false, null, TRACE_ID_W3C),
                both("10 % rounds to 4 digits", 10, 4, true, "e6660000000000", "", true, "ot=th:e666", TRACE_ID_W3C),
                both("10 % drops just below e666", 10, 4, true, "e665ffffffffff", "", false, null, TRACE_ID_W3C),
                both("1 % at precision 4 gains a digit for the leading f", 1, 4, true, MAX, "", true, "ot=th:fd70a", TRACE_ID_W3C),
                both("1 % at precision 2", 1, 2, true, MAX, "", true, "ot=th:fd7", TRACE_ID_W3C),
                both("rv wins over the trace ID", 40, 3, true, NO_RANDOMNESS, "ot=rv:a0000000000000", true,
                        "ot=rv:a0000000000000;th:99a", SAMPLING_RANDOMNESS),
                both("an upper-case rv passes through", 1, 4, true, NO_RANDOMNESS, "ot=rv:FD70A3D70A3D71", true,
                        "ot=rv:FD70A3D70A3D71;th:fd70a", SAMPLING_RANDOMNESS),
                one(EQUALIZING, "arriving 50 % equalized to 25 %", 25, 4, true, MAX, "ot=th:8", true, "ot=th:c", TRACE_ID_W3C),
                one(PROPORTIONAL, "arriving 50 % times 25 %", 25, 4, true, MAX, "ot=th:8", true, "ot=th:e", TRACE_ID_W3C),
                one(EQUALIZING, "arriving 50 % at 50 % is left as it came", 50, 4, true, NO_RANDOMNESS,
                        "ot=rv:c0000000000000;th:8", true, "ot=rv:c0000000000000;th:8", SAMPLING_RANDOMNESS),
                one(PROPORTIONAL, "arriving 50 % times 50 %", 50, 4, true, NO_RANDOMNESS,
                        "ot=rv:c0000000000000;th:8", true, "ot=rv:c0000000000000;th:c", SAMPLING_RANDOMNESS),
                one(EQUALIZING, "a lower arriving probability is kept", 50, 4, true, MAX, "ot=th:c", true, "ot=th:c", TRACE_ID_W3C),
                one(PROPORTIONAL, "a lower arriving probability is multiplied", 50, 4, true, MAX, "ot=th:c", true, "ot=th:e", TRACE_ID_W3C),
                one(EQUALIZING, "arriving 50 % at 40 %, precision 6", 40, 6, true, "d0000000000000", "ot=th:8", true,
                        "ot=th:99999a", TRACE_ID_W3C),
                one(PROPORTIONAL, "arriving 50 % times 40 %, precision 6", 40, 6, true, "d0000000000000", "ot=th:8", true,
                        "ot=th:cccccd", TRACE_ID_W3C),
                one(PROPORTIONAL, "20 % drops what 40 % keeps", 40, 3, true, "b0000000000000", "ot=th:8", false, null, TRACE_ID_W3C),
                one(EQUALIZING, "40 % keeps it", 40, 3, true, "b0000000000000", "ot=th:8", true, "ot=th:99a", TRACE_ID_W3C),
                one(EQUALIZING, "a tiny arriving probability stays", 0.0625, 4, true, MAX, "ot=th:fffffffffffff8", true,
                        "ot=th:fffffffffffff8", TRACE_ID_W3C),
                one(PROPORTIONAL, "a product below 2^-56 never samples", 0.0625, 4, true, MAX, "ot=th:fffffffffffff8", false, null,
                        TRACE_ID_W3C),
                both("almost 100 % keeps its leading zeros", (1 - 8e-7) * 100, 10, true, MAX, "", true,
                        "ot=th:00000cccccccd", TRACE_ID_W3C),
                both("other vendors follow ot", 100, 4, true, "80000000000000", "vendor=abc,ot=th:8", true,
                        "ot=th:8,vendor=abc", TRACE_ID_W3C),
                both("an inconsistent threshold is replaced when failing open", 100, 4, false, NO_RANDOMNESS,
                        "ot=rv:40000000000000;th:8", true, "ot=rv:40000000000000;th:0", SAMPLING_RANDOMNESS),
                both("an inconsistent threshold drops when failing closed", 100, 4, true, NO_RANDOMNESS,
                        "ot=rv:40000000000000;th:8", false, null, SAMPLING_RANDOMNESS),
                both("no randomness drops when failing closed", 100, 4, true, null, "", false, null, MISSING_RANDOMNESS),
                both("no randomness keeps when failing open", 100, 4, false, null, "", true, "ot=th:0", MISSING_RANDOMNESS),
                both("an invalid th drops when failing closed", 100, 4, true, MAX, "ot=th:zz", false, null, MISSING_RANDOMNESS),
                both("an invalid th passes untouched when failing open", 100, 4, false, MAX, "ot=th:zz", true, null,
                        MISSING_RANDOMNESS),
                one(HASH_SEED, "hash_seed leaves an arriving th alone when failing open", 100, 4, false, MAX, "ot=th:8", true,
                        null, Policy.TRACE_ID_HASH),
                one(HASH_SEED, "hash_seed drops an arriving rv when failing closed", 100, 4, true, MAX, "ot=rv:" + MAX, false,
                        null, Policy.TRACE_ID_HASH),
                one(HASH_SEED, "hash_seed without a trace ID keeps all-ones randomness when failing open", 100, 4, false, null,
                        "", true, "ot=rv:ffffffffffffff;th:0", MISSING_RANDOMNESS))
                .flatMap(Function.identity());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void decidesAndRewritesTheTracestate(Mode mode, String name, double percentage, int precision, boolean failClosed,
            String randomness, String traceState, boolean sampled, String outTraceState, Policy policy) {
        SpanSampler sampler = new SpanSampler(new ProbabilisticSamplerConfig(percentage, 0, mode, failClosed, precision, "traceID", "", ""));

        Decision decision = sampler.decide(traceId(randomness), traceState, Priority.DEFER);

        assertThat(decision.sampled()).as("sampled").isEqualTo(sampled);
        assertThat(decision.policy()).as("policy").isEqualTo(policy);
        if (sampled) {
            assertThat(decision.traceState()).as("tracestate").isEqualTo(outTraceState);
        }
    }

    static Stream<Arguments> priorities() {
        return Stream.of(Mode.values()).flatMap(mode -> Stream.of(
                Arguments.of(mode, 0.0, Priority.KEEP, true, "ot=th:0"),
                Arguments.of(mode, 1.0, Priority.KEEP, true, mode == HASH_SEED ? "ot=rv:" + MAX + ";th:0" : "ot=th:0"),
                Arguments.of(mode, 100.0, Priority.DROP, false, null)));
    }

    @ParameterizedTest(name = "{0} at {1}%: {2}")
    @MethodSource("priorities")
    void samplingPriorityOverridesTheDecision(Mode mode, double percentage, Priority priority, boolean sampled, String outTraceState) {
        // An all-zero trace ID has no randomness; failing open keeps the test about the priority alone.
        SpanSampler sampler = new SpanSampler(new ProbabilisticSamplerConfig(percentage, 0, mode, false, 4, "traceID", "", ""));

        Decision decision = sampler.decide(traceId(null), "", priority);

        assertThat(decision.sampled()).isEqualTo(sampled);
        assertThat(decision.policy()).isEqualTo(SAMPLING_PRIORITY);
        assertThat(decision.traceState()).isEqualTo(outTraceState);
    }

    /** A trace ID whose low 56 bits are {@code randomness}; null for the all-zero (invalid) ID. */
    private static ByteString traceId(String randomness) {
        return ByteString.copyFrom(HexFormat.of().parseHex(randomness == null ? "0".repeat(32) : "fefefefefefefefefe" + randomness));
    }

    private static Stream<Arguments> one(Mode mode, String name, double percentage, int precision, boolean failClosed,
            String randomness, String traceState, boolean sampled, String outTraceState, Policy policy) {
        return Stream.of(Arguments.of(mode, name, percentage, precision, failClosed, randomness, traceState, sampled, outTraceState, policy));
    }

    /** A row that holds for both OTEP 235 modes. */
    private static Stream<Arguments> both(String name, double percentage, int precision, boolean failClosed, String randomness,
            String traceState, boolean sampled, String outTraceState, Policy policy) {
        return Stream.of(EQUALIZING, PROPORTIONAL).flatMap(mode ->
                one(mode, name, percentage, precision, failClosed, randomness, traceState, sampled, outTraceState, policy));
    }
}
