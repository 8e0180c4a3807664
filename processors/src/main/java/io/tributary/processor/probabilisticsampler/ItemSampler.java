package io.tributary.processor.probabilisticsampler;

import com.google.protobuf.ByteString;
import io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision otelcol's probabilistic sampler makes for any item once the item's randomness and
 * carrier are known ({@code commonShouldSampleLogic}): an arriving threshold the randomness does
 * not pass is cleared, the threshold comes from the mode (or from {@code fail_closed} when
 * something was wrong), a priority overrides it, and a kept item's carrier records it. How an
 * item's randomness is found differs between spans ({@link SpanSampler}) and log records
 * ({@link LogSampler}); they share this. Immutable and thread-safe.
 */
final class ItemSampler {
    private static final Logger log = LoggerFactory.getLogger(ItemSampler.class);

    static final String INCONSISTENT_THRESHOLD = "inconsistent arriving threshold: item should not have been sampled";
    static final String MISSING_RANDOMNESS = "missing randomness";
    static final String RANDOMNESS_IN_USE = "item has sampling randomness, equalizing or proportional mode recommended";
    static final String THRESHOLD_IN_USE = "item has sampling threshold, equalizing or proportional mode recommended";

    /** The hash mode's 14-bit buckets. */
    private static final int HASH_BUCKETS = 1 << 14;
    /** otelcol multiplies the percentage by this in 32-bit floating point and truncates. */
    private static final float PERCENTAGE_SCALE = 163.84f;

    /** Where an item's randomness came from: the {@code policy} label of otelcol's sampled-count metrics. */
    enum Policy {
        TRACE_ID_HASH("trace_id_hash"),
        TRACE_ID_W3C("trace_id_w3c"),
        SAMPLING_RANDOMNESS("sampling_randomness"),
        SAMPLING_PRIORITY("sampling_priority"),
        MISSING_RANDOMNESS("missing_randomness"),
        /** A log record's {@code from_attribute} hashed: labelled with the attribute's name. */
        ATTRIBUTE_HASH(null);

        final String label;

        Policy(String label) {
            this.label = label;
        }
    }

    /** The effective behaviour: a percentage of 0 (or one the hash rounds to 0) never samples, in any mode. */
    enum Kind { NEVER, HASH_SEED, EQUALIZING, PROPORTIONAL }

    /**
     * An item's fate: kept or not, and the policy it is counted under; {@code carrierUsed} false
     * when its carrier was left out of the decision (and unchanged) because it was unusable.
     */
    record Outcome(boolean sampled, Policy policy, boolean carrierUsed) {
    }

    /** The randomness the hash mode found for an item, and where it came from. */
    record Hashed(Policy policy, long randomness) {
        static final Hashed MISSING = new Hashed(Policy.MISSING_RANDOMNESS, Otep235.ALL_PROBABILITIES_RANDOMNESS);
    }

    /** How a signal finds an item's randomness in hash mode (only asked in that mode). */
    interface HashSource {
        Hashed hash();
    }

    private final Kind kind;
    private final boolean failClosed;
    private final int hashSeed;
    /** The fixed threshold of the hash and equalizing modes. */
    private final long threshold;
    /** The proportional mode's ratio, in [2^-56, 1]. */
    private final double ratio;
    private final int precision;
    /** For log messages: "traces sampler" or "logs sampler". */
    private final String description;

    ItemSampler(ProbabilisticSamplerConfig config, String description) {
        float percentage = Math.min((float) config.samplingPercentage(), 100f);
        double clampedRatio = Math.max(percentage / 100.0, Otep235.MIN_SAMPLING_PROBABILITY);
        long hashScaled = (long) (percentage * PERCENTAGE_SCALE);
        this.failClosed = config.failClosed();
        this.hashSeed = (int) config.hashSeed();
        this.precision = config.samplingPrecision();
        this.ratio = clampedRatio;
        this.description = description;
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

    Kind kind() {
        return kind;
    }

    int precision() {
        return precision;
    }

    /** The hash mode's randomness of {@code bytes} (a trace ID, an attribute's value) under the configured seed. */
    long hashRandomness(ByteString bytes) {
        return hashRandomness(hashSeed, bytes);
    }

    /**
     * Decides an item, finding its randomness as otelcol's samplers do for every signal: in the
     * OTEP 235 modes the carrier's {@code rv}, else the trace ID's low 56 bits; in hash mode what
     * {@code hashSource} finds, which a carrier without OTEP 235 values is then given (a carrier
     * with them is left alone: this mode could not honour them).
     *
     * @param traceId              the item's trace ID; empty when it has none
     * @param carrier              the item's OTEP 235 values as read
     * @param randomizeWhenMissing in hash mode, whether the carrier gets the randomness even when
     *                             none was found (otelcol's spans do, its log records do not)
     * @param priorityThreshold    a threshold the item's priority asks for in place of the mode's, or null
     */
    Outcome decide(ByteString traceId, Carrier carrier, HashSource hashSource, boolean randomizeWhenMissing,
                   Long priorityThreshold) {
        boolean traceIdEmpty = isEmptyTraceId(traceId);
        String error = carrier.error();
        long randomness = Otep235.ALL_PROBABILITIES_RANDOMNESS;
        Policy policy = Policy.MISSING_RANDOMNESS;
        switch (kind) {
            case NEVER -> policy = Policy.SAMPLING_PRIORITY; // otelcol keeps the carrier, even one that did not parse
            case HASH_SEED -> {
                Hashed hashed = hashSource.hash();
                randomness = hashed.randomness();
                policy = hashed.policy();
                if (error == null && carrier.hasRValue()) {
                    error = RANDOMNESS_IN_USE;
                } else if (error == null && carrier.hasTValue()) {
                    error = THRESHOLD_IN_USE;
                }
                if (error != null) {
                    carrier = null;
                } else if (randomizeWhenMissing || policy != Policy.MISSING_RANDOMNESS) {
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
        return decide(policy, randomness, carrier, error, priorityThreshold);
    }

    /**
     * Decides an item whose randomness ({@code policy}, {@code randomness}) and carrier are known.
     *
     * @param carrier           the item's OTEP 235 values; null when they are not to be used or updated
     * @param error             why the randomness or carrier is unusable, or null
     * @param priorityThreshold a threshold the item's priority asks for in place of the mode's, or null
     */
    private Outcome decide(Policy policy, long randomness, Carrier carrier, String error, Long priorityThreshold) {
        if (error == null) {
            error = consistencyCheck(policy, randomness, carrier);
        }
        long itemThreshold;
        if (error != null) {
            logError(error);
            itemThreshold = failClosed ? Otep235.NEVER : Otep235.ALWAYS;
        } else {
            itemThreshold = threshold(carrier);
        }
        if (priorityThreshold != null) {
            itemThreshold = priorityThreshold;
            policy = Policy.SAMPLING_PRIORITY;
        }
        boolean sampled = Otep235.shouldSample(itemThreshold, randomness);
        if (sampled && carrier != null && !carrier.updateThreshold(itemThreshold)) {
            log.debug("{}: cannot raise existing sampling probability", description);
        }
        return new Outcome(sampled, policy, carrier != null);
    }

    private static String consistencyCheck(Policy policy, long randomness, Carrier carrier) {
        if (policy == Policy.MISSING_RANDOMNESS) {
            return MISSING_RANDOMNESS;
        }
        if (carrier != null && carrier.hasTValue() && !Otep235.shouldSample(carrier.threshold(), randomness)) {
            // A threshold the randomness does not pass is a lie; it goes, in case the item is kept anyway.
            carrier.clearThreshold();
            return INCONSISTENT_THRESHOLD;
        }
        return null;
    }

    private long threshold(Carrier carrier) {
        return switch (kind) {
            case NEVER, HASH_SEED -> threshold;
            case EQUALIZING -> carrier.hasTValue() && threshold < carrier.threshold() ? carrier.threshold() : threshold;
            case PROPORTIONAL -> {
                double incoming = carrier.hasTValue() ? Otep235.probability(carrier.threshold()) : 1.0;
                yield Otep235.fromProbability(incoming * ratio, precision);
            }
        };
    }

    /** otelcol logs its own sampling conditions at debug and syntax errors at info, per item. */
    private void logError(String error) {
        boolean samplerCondition = error.equals(MISSING_RANDOMNESS) || error.equals(INCONSISTENT_THRESHOLD)
                || error.equals(RANDOMNESS_IN_USE) || error.equals(THRESHOLD_IN_USE);
        if (samplerCondition) {
            log.debug("{}: {}", description, error);
        } else {
            log.info("{}: {}", description, error);
        }
    }

    /** W3C calls an all-zero trace ID invalid; protobuf's absent field is the same thing. */
    static boolean isEmptyTraceId(ByteString traceId) {
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
     * otelcol's hash-seed randomness: FNV-1a 32 over the seed's 4 little-endian bytes and
     * {@code bytes}; its low 14 bits {@code h} are the bucket (kept when {@code h} is below the
     * percentage × 163.84). Spread into 56 bits so that the OTEP 235 comparison decides the same:
     * {@code 16383 - h} on top, the hash's top 14 bits mixed into the middle ({@code u ^ u << 10};
     * otelcol's comment speaks of its 18 unused bits, but its code shifts by 18, and the rv must
     * be otelcol's for samplers downstream to decide alike), {@code h} below.
     */
    static long hashRandomness(int seed, ByteString bytes) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < 4; i++) {
            hash = (hash ^ ((seed >>> (8 * i)) & 0xff)) * 0x01000193;
        }
        for (int i = 0; i < bytes.size(); i++) {
            hash = (hash ^ (bytes.byteAt(i) & 0xff)) * 0x01000193;
        }
        long bucket = hash & (HASH_BUCKETS - 1);
        long top14 = (hash & 0xffffffffL) >>> 18;
        long mixed = top14 ^ (top14 << 10);
        return (HASH_BUCKETS - 1 - bucket) << 42 | mixed << 14 | bucket;
    }
}
