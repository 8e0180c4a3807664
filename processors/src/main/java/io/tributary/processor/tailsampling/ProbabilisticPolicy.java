package io.tributary.processor.tailsampling;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * otelcol's tail-sampling {@code probabilistic} policy, bit for bit, so that a fleet mixing
 * Tributary and otelcol keeps the same traces: the 64-bit FNV-1a hash of the salt's bytes followed
 * by the 16 trace-ID bytes, sampled when (unsigned) at most {@code MaxUint64 × percentage / 100}.
 * That threshold is computed as Go's {@code big.Float} does it: the exact product rounded to 64
 * significant bits (nearest even), then truncated. (The {@code probabilistic_sampler} processor
 * hashes differently; this is the tail sampler's own.)
 */
final class ProbabilisticPolicy implements Policy {
    static final String DEFAULT_SALT = "default-hash-seed";
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final byte[] salt;
    private final long threshold;

    ProbabilisticPolicy(String salt, double percentage) {
        this.salt = (salt == null || salt.isEmpty() ? DEFAULT_SALT : salt).getBytes(StandardCharsets.UTF_8);
        this.threshold = threshold(percentage / 100);
    }

    @Override
    public Decision evaluate(TraceView trace) {
        return Long.compareUnsigned(hash(salt, trace.id().bytes()), threshold) <= 0 ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }

    static long hash(byte[] salt, byte[] traceId) {
        long hash = FNV_OFFSET;
        for (byte b : salt) {
            hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
        }
        for (byte b : traceId) {
            hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
        }
        return hash;
    }

    /** {@code MaxUint64 × ratio} as an unsigned 64-bit value, the way otelcol's {@code calculateThreshold} rounds it. */
    static long threshold(double ratio) {
        if (!(ratio > 0)) {
            return 0;
        }
        long bits = Double.doubleToRawLongBits(ratio);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long mantissa = bits & ((1L << 52) - 1);
        int exponent;
        if (biased == 0) {
            exponent = -1074;
        } else {
            mantissa |= 1L << 52;
            exponent = biased - 1075;
        }
        BigInteger product = MAX_UINT64.multiply(BigInteger.valueOf(mantissa));
        int excess = product.bitLength() - 64;
        if (excess > 0) {
            BigInteger kept = product.shiftRight(excess);
            BigInteger rest = product.subtract(kept.shiftLeft(excess));
            int cmp = rest.compareTo(BigInteger.ONE.shiftLeft(excess - 1));
            if (cmp > 0 || (cmp == 0 && kept.testBit(0))) {
                kept = kept.add(BigInteger.ONE);
            }
            product = kept.shiftLeft(excess);
        }
        BigInteger value = exponent >= 0 ? product.shiftLeft(exponent) : product.shiftRight(-exponent);
        return value.compareTo(MAX_UINT64) > 0 ? -1L : value.longValue();
    }
}
