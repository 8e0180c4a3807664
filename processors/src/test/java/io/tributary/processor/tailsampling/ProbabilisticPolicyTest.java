package io.tributary.processor.tailsampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tail sampler's probabilistic hash against vectors computed outside this code base (a
 * Python script following the published algorithm: 64-bit FNV-1a over salt then trace ID; a
 * threshold of MaxUint64 × ratio rounded to 64 significant bits, half to even, then truncated, as
 * Go's big.Float computes it), so a fleet mixing otelcol and Tributary keeps the same traces.
 */
class ProbabilisticPolicyTest {
    @ParameterizedTest
    @CsvSource({
        "default-hash-seed, 5b8efff798038103d269b633813fc60c, 10804547627798090743",
        "default-hash-seed, 00000000000000000000000000000001, 16254957729900898954",
        "default-hash-seed, ffffffffffffffffffffffffffffffff, 1711019809656077869",
        "default-hash-seed, 0123456789abcdef0123456789abcdef, 9602316671945977917",
        "my-salt, 5b8efff798038103d269b633813fc60c, 18380332472284992548",
        "my-salt, 00000000000000000000000000000001, 7959616958859997177",
        "my-salt, ffffffffffffffffffffffffffffffff, 8348242308961502774",
        "my-salt, 0123456789abcdef0123456789abcdef, 12911088099517314118",
    })
    void hashesSaltThenTraceIdWithFnv1a(String salt, String traceId, String expected) {
        long hash = ProbabilisticPolicy.hash(salt.getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(traceId));

        assertThat(Long.toUnsignedString(hash)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "10, 1844674407370955263",
        "1, 184467440737095519",
        "0.1, 18446744073709551",
        "25, 4611686018427387903",
        "33.3, 6142765776545279999",
        "50, 9223372036854775807",
        "99.9, 18428297329635844095",
        "100, 18446744073709551615",
        "0, 0",
    })
    void thresholdRoundsAsGosBigFloat(double percentage, String expected) {
        assertThat(Long.toUnsignedString(ProbabilisticPolicy.threshold(percentage / 100))).isEqualTo(expected);
    }

    @Test
    void samplesTheTraceIdsWhoseHashIsAtMostTheThreshold() {
        // 10804547627798090743 is above the 50% threshold; 1711019809656077869 is below the 10% one.
        ProbabilisticPolicy half = new ProbabilisticPolicy("", 50);
        ProbabilisticPolicy tenth = new ProbabilisticPolicy("", 10);

        assertThat(half.evaluate(view("5b8efff798038103d269b633813fc60c"))).isEqualTo(Decision.NOT_SAMPLED);
        assertThat(tenth.evaluate(view("ffffffffffffffffffffffffffffffff"))).isEqualTo(Decision.SAMPLED);
    }

    private static TraceView view(String traceId) {
        return new TraceView(TraceKey.of(HexFormat.of().parseHex(traceId), 0), 1, 0, 0, 0, 0, new byte[0], 0,
                new Origins.Scope[0]);
    }
}
