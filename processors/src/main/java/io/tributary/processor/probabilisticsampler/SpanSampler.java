package io.tributary.processor.probabilisticsampler;

import com.google.protobuf.ByteString;
import io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One span's keep-or-drop decision, made as otelcol's probabilistic sampler makes it for traces:
 * find the span's randomness (the FNV hash of seed and trace ID, an {@code rv} in its tracestate,
 * or the trace ID's low 56 bits), check it against an arriving threshold, pick the threshold for
 * the mode ({@code fail_closed} decides when something was wrong), let {@code sampling.priority}
 * override it, and on keep write the threshold, and in {@code hash_seed} mode the randomness, into
 * the tracestate. It depends only on those three inputs, so every span of a trace that shares
 * them gets the same decision, whatever request it arrives in.
 */
final class SpanSampler {
    private static final Logger log = LoggerFactory.getLogger(SpanSampler.class);

    static final String INCONSISTENT_THRESHOLD = "inconsistent arriving threshold: item should not have been sampled";
    static final String MISSING_RANDOMNESS = "missing randomness";
    static final String RANDOMNESS_IN_USE = "item has sampling randomness, equalizing or proportional mode recommended";
    static final String THRESHOLD_IN_USE = "item has sampling threshold, equalizing or proportional mode recommended";

    /** The hash mode's 14-bit buckets. */
    private static final int HASH_BUCKETS = 1 << 14;
    /** otelcol multiplies the percentage by this in 32-bit floating point and truncates. */
    private static final float PERCENTAGE_SCALE = 163.84f;

    /** Where the span's randomness came from: the {@code policy} label of otelcol's sampled-count metrics. */
    enum Policy {
        TRACE_ID_HASH("trace_id_hash"),
        TRACE_ID_W3C("trace_id_w3c"),
        SAMPLING_RANDOMNESS("sampling_randomness"),
        SAMPLING_PRIORITY("sampling_priority"),
        MISSING_RANDOMNESS("missing_randomness");

        final String label;

        Policy(String label) {
            this.label = label;
        }
    }

    /** What a span's {@code sampling.priority} attribute asks for. */
    enum Priority { DEFER, KEEP, DROP }

    /**
     * @param traceState the span's new tracestate when it is kept and otelcol would rewrite it
     *                   (possibly to the same text); null to leave it as it is
     */
    record Decision(boolean sampled, Policy policy, String traceState) {
    }

    /** The effective behaviour: a percentage of 0 (or one the hash rounds to 0) never samples, in any mode. */
    private enum Kind { NEVER, HASH_SEED, EQUALIZING, PROPORTIONAL }

    private final Kind kind;
    private final boolean failClosed;
    private final int hashSeed;
    /** The fixed threshold of the hash and equalizing modes. */
    private final long threshold;
    /** The proportional mode's ratio, in [2^-56, 1]. */
    private final double ratio;
    private final int precision;

    SpanSampler(ProbabilisticSamplerConfig config) {
        float percentage = Math.min((float) config.samplingPercentage(), 100f);
        double clampedRatio = Math.max(percentage / 100.0, Otep235.MIN_SAMPLING_PROBABILITY);
        long hashScaled = (long) (percentage * PERCENTAGE_SCALE);
        this.failClosed = config.failClosed();
        this.hashSeed = (int) config.hashSeed();
        this.precision = config.samplingPrecision();
        this.ratio = clampedRatio;
        if (percentage == 0 || (config.mode() == Mode.HASH_SEED && hashScaled == 0)) {
            kind = Kind.NEVER;
            threshold = Otep235.NEVER;
        } else {
            kind = switch (config.mode()) {
                case HASH_SEED -> Kind.HASH_SEED;
                case EQUALIZING -> Kind.EQUALIZING;
                case PROPORTIONAL -> Kind.PROPORTIONAL;
            };
            threshold = switch (kind) {
                case HASH_SEED -> (HASH_BUCKETS - hashScaled) << 42; // the reject buckets as a 56-bit threshold
                case EQUALIZING -> Otep235.fromProbability(clampedRatio, precision);
                default -> Otep235.NEVER;
            };
        }
    }

    Decision decide(ByteString traceId, String traceState, Priority priority) {
        boolean traceIdEmpty = isEmpty(traceId);
        SamplingTraceState carrier = SamplingTraceState.parse(traceState);
        String error = carrier.error();
        long randomness = Otep235.ALL_PROBABILITIES_RANDOMNESS;
        Policy policy = Policy.MISSING_RANDOMNESS;
        switch (kind) {
            case NEVER -> policy = Policy.SAMPLING_PRIORITY; // otelcol keeps even a partly parsed tracestate here
            case HASH_SEED -> {
                if (!traceIdEmpty) {
                    randomness = hashRandomness(hashSeed, traceId);
                    policy = Policy.TRACE_ID_HASH;
                }
                // Spans that carry OTEP 235 values are left alone: this mode could not honour them.
                if (error == null && carrier.hasRValue()) {
                    error = RANDOMNESS_IN_USE;
                } else if (error == null && carrier.hasTValue()) {
                    error = THRESHOLD_IN_USE;
                }
                if (error != null) {
                    carrier = null;
                } else {
                    carrier.setRandomness(randomness);
                }
            }
            default -> {
                if (error != null) {
                    carrier = null;
                } else if (carrier.hasRValue()) {
                    randomness = carrier.randomness();
                    policy = Policy.SAMPLING_RANDOMNESS;
                } else if (!traceIdEmpty) {
                    randomness = Otep235.traceIdRandomness(traceId);
                    policy = Policy.TRACE_ID_W3C;
                }
            }
        }
        if (error == null) {
            error = consistencyCheck(policy, randomness, carrier);
        }
        long spanThreshold;
        if (error != null) {
            logError(error);
            spanThreshold = failClosed ? Otep235.NEVER : Otep235.ALWAYS;
        } else {
            spanThreshold = threshold(carrier);
        }
        if (priority != Priority.DEFER) {
            spanThreshold = priority == Priority.KEEP ? Otep235.ALWAYS : Otep235.NEVER;
            policy = Policy.SAMPLING_PRIORITY;
        }
        boolean sampled = Otep235.shouldSample(spanThreshold, randomness);
        String newTraceState = null;
        if (sampled && carrier != null) {
            if (!carrier.updateThreshold(spanThreshold)) {
                log.debug("traces sampler: cannot raise existing sampling probability");
            }
            newTraceState = carrier.serialize();
        }
        return new Decision(sampled, policy, newTraceState);
    }

    private static String consistencyCheck(Policy policy, long randomness, SamplingTraceState carrier) {
        if (policy == Policy.MISSING_RANDOMNESS) {
            return MISSING_RANDOMNESS;
        }
        if (carrier != null && carrier.hasTValue() && !Otep235.shouldSample(carrier.threshold(), randomness)) {
            // A threshold the randomness does not pass is a lie; it goes, in case the span is kept anyway.
            carrier.clearThreshold();
            return INCONSISTENT_THRESHOLD;
        }
        return null;
    }

    private long threshold(SamplingTraceState carrier) {
        return switch (kind) {
            case NEVER, HASH_SEED -> threshold;
            case EQUALIZING -> carrier.hasTValue() && threshold < carrier.threshold() ? carrier.threshold() : threshold;
            case PROPORTIONAL -> {
                double incoming = carrier.hasTValue() ? Otep235.probability(carrier.threshold()) : 1.0;
                yield Otep235.fromProbability(incoming * ratio, precision);
            }
        };
    }

    /** otelcol logs its own sampling conditions at debug and tracestate syntax errors at info, per span. */
    private static void logError(String error) {
        boolean samplerCondition = error.equals(MISSING_RANDOMNESS) || error.equals(INCONSISTENT_THRESHOLD)
                || error.equals(RANDOMNESS_IN_USE) || error.equals(THRESHOLD_IN_USE);
        if (samplerCondition) {
            log.debug("traces sampler: {}", error);
        } else {
            log.info("traces sampler: {}", error);
        }
    }

    /** W3C calls an all-zero trace ID invalid; protobuf's absent field is the same thing. */
    private static boolean isEmpty(ByteString traceId) {
        if (traceId.size() != 16) {
            return true;
        }
        for (int i = 0; i < 16; i++) {
            if (traceId.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * otelcol's hash-seed randomness: FNV-1a 32 over the seed's 4 little-endian bytes and the 16
     * trace-ID bytes; its low 14 bits {@code h} are the bucket (kept when {@code h} is below the
     * percentage × 163.84). Spread into 56 bits so that the OTEP 235 comparison decides the same:
     * {@code 16383 - h} on top, the hash's top 14 bits {@code u} mixed ({@code u ^ u << 10}) into
     * the middle 28, {@code h} below. otelcol's comment there speaks of mixing the 18 unused bits,
     * but its code shifts by 18 and so takes the top 14; the rv it writes is what counts.
     */
    static long hashRandomness(int seed, ByteString traceId) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < 4; i++) {
            hash = (hash ^ ((seed >>> (8 * i)) & 0xff)) * 0x01000193;
        }
        for (int i = 0; i < 16; i++) {
            hash = (hash ^ (traceId.byteAt(i) & 0xff)) * 0x01000193;
        }
        long bucket = hash & (HASH_BUCKETS - 1);
        long top14 = (hash & 0xffffffffL) >>> 18;
        long mixed28 = top14 ^ (top14 << 10);
        return (HASH_BUCKETS - 1 - bucket) << 42 | mixed28 << 14 | bucket;
    }
}
