package io.tributary.processor.probabilisticsampler;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig.Mode;
import io.tributary.processor.probabilisticsampler.SpanSampler.Decision;
import io.tributary.processor.probabilisticsampler.ItemSampler.Policy;
import io.tributary.processor.probabilisticsampler.SpanSampler.Priority;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code hash_seed} mode decides bit for bit as otelcol. The vectors were computed once,
 * independently of this code, by a 20-line Python script implementing otelcol's algorithm:
 * h = FNV-1a 32 over (seed as 4 little-endian bytes) + (16 trace-ID bytes); kept iff
 * (h & 0x3fff) < trunc(float32(percentage) × float32(163.84)); rv = (16383 − b) << 42 |
 * (u ^ u << 10) << 14 | b with b = h & 0x3fff and u = h >>> 18 (otelcol's code shifts by 18,
 * although its comment speaks of the 18 unused bits). The script reproduced otelcol's own
 * constants first (seed 0: no bytes → bucket 0x3515, 16 zero bytes → 0x2455); the last two
 * vectors are what the real otelcol wrote.
 */
class HashSeedSamplingTest {
    static Stream<Arguments> vectors() {
        return Stream.of(
                v(0L, "c45139e6e15d1f3896a75029d15b81c3", 10f, "c06c3b79ddcfe4", false),
                v(1L, "c45139e6e15d1f3896a75029d15b81c3", 10f, "c82828d4378df5", false),
                v(1L, "c45139e6e15d1f3896a75029d15b81c3", 50f, "c82828d4378df5", true),
                v(4312L, "c45139e6e15d1f3896a75029d15b81c3", 10f, "194c2accb1b9ac", false),
                v(4312L, "c45139e6e15d1f3896a75029d15b81c3", 50f, "194c2accb1b9ac", false),
                v(4294967295L, "c45139e6e15d1f3896a75029d15b81c3", 10f, "3b3c243a0cf130", false),
                v(4294967295L, "c45139e6e15d1f3896a75029d15b81c3", 50f, "3b3c243a0cf130", false),
                v(0L, "1eea38aa127ed817e89ca1c7fed385c1", 10f, "24303a0c80b6f3", false),
                v(1L, "1eea38aa127ed817e89ca1c7fed385c1", 10f, "89d43fddf49d8a", false),
                v(1L, "1eea38aa127ed817e89ca1c7fed385c1", 50f, "89d43fddf49d8a", true),
                v(4294967295L, "1eea38aa127ed817e89ca1c7fed385c1", 50f, "daa029304e8957", true),
                v(4312L, "bfc0d03280baf2f53a9d0fdaa701ffb9", 10f, "fd901f01c1809b", true),
                v(4294967295L, "c21f1295ecab77029b401acae5009d7a", 50f, "81742d0c41dfa2", true),
                v(4312L, "3debe03d86f2d1b4227f1b5690a26a37", 10f, "ef3c3e5f940430", true),
                v(0L, "81a123c0f8f112b45d189266c4d76e94", 10f, "fc400bf8fe80ef", true),
                v(0L, "dfe67d0b69cf394fd7c432f8f1484185", 10f, "f7c41d0f42020e", true),
                // The edge of 10 % (1638 buckets): bucket 1637 is kept, bucket 1638 is not.
                v(0L, "9d1564f0150050d08e7b8e1d8e386348", 10f, "e66835bc6c4665", true),
                v(0L, "824ae6c86be60333e740f0697fad0763", 10f, "e664186e1a0666", false),
                // What the real otelcol wrote in the compat lab (fleet-probabilistic: seed 22, 25 %).
                v(22L, "008c76e6c510967908f6a92c737d0a8f", 50f, "c4d0377edccecb", true),
                v(22L, "00a675f884800c3280dc348436b98e4b", 50f, "f3dc15ac6a4308", true));
    }

    @ParameterizedTest(name = "seed {0}, {1} at {2}%")
    @MethodSource("vectors")
    void decidesAndWritesRandomnessAsOtelcol(long seed, String traceId, float percentage, String rv, boolean sampled) {
        SpanSampler sampler = new SpanSampler(config(percentage, seed, true));

        Decision decision = sampler.decide(id(traceId), "", Priority.DEFER);

        assertThat(ItemSampler.hashRandomness((int) seed, id(traceId))).isEqualTo(Long.parseLong(rv, 16));
        assertThat(decision.sampled()).isEqualTo(sampled);
        assertThat(decision.policy()).isEqualTo(Policy.TRACE_ID_HASH);
        if (sampled) {
            // 10 %: 1638 accepting buckets, so 16384 − 1638 = 14746 rejecting ones, 0x399a << 42 = th e668.
            assertThat(decision.traceState()).isEqualTo("ot=rv:" + rv + ";th:" + (percentage == 10f ? "e668" : "8"));
        }
    }

    static Stream<Arguments> thresholds() {
        // The percentage is scaled in 32-bit floating point and truncated: 100/3 % gives 5461 buckets.
        return Stream.of(
                Arguments.of(100f, "0"),
                Arguments.of(75f, "4"),
                Arguments.of(25f, "c"),
                Arguments.of((float) (100.0 / 3), "aaac"),
                Arguments.of(33.33f, "aab"));
    }

    @ParameterizedTest(name = "{0}% writes th:{1}")
    @MethodSource("thresholds")
    void writesTheFourteenBitThresholdWhateverThePrecision(float percentage, String th) {
        SpanSampler sampler = new SpanSampler(new ProbabilisticSamplerConfig(percentage, 0, Mode.HASH_SEED, true, 1, "traceID", "", ""));
        // A bucket-0 trace ID would be kept at any percentage; this one is kept at 25 % and above.
        ByteString kept = id("dfe67d0b69cf394fd7c432f8f1484185");

        assertThat(sampler.decide(kept, "", Priority.DEFER).traceState()).isEqualTo("ot=rv:f7c41d0f42020e;th:" + th);
    }

    static Arguments v(long seed, String traceId, float percentage, String rv, boolean sampled) {
        return Arguments.of(seed, traceId, percentage, rv, sampled);
    }

    static ProbabilisticSamplerConfig config(double percentage, long seed, boolean failClosed) {
        return new ProbabilisticSamplerConfig(percentage, seed, Mode.HASH_SEED, failClosed, 4, "traceID", "", "");
    }

    static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }
}
