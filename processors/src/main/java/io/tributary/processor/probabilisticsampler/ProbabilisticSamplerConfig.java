package io.tributary.processor.probabilisticsampler;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The {@code probabilistic_sampler} processor's settings, as otelcol's probabilisticsamplerprocessor.
 * {@code sampling_percentage} is a 32-bit float there, so it is rounded to one here before use;
 * values above 100 mean 100. {@code attribute_source}, {@code from_attribute} and
 * {@code sampling_priority} only apply to logs in otelcol: traces accept and ignore them.
 */
public record ProbabilisticSamplerConfig(
        double samplingPercentage,
        long hashSeed,
        Mode mode,
        boolean failClosed,
        int samplingPrecision,
        String attributeSource,
        String fromAttribute,
        String samplingPriority) {
    public static final ProbabilisticSamplerConfig DEFAULT =
            new ProbabilisticSamplerConfig(0, 0, Mode.HASH_SEED, true, 4, "traceID", "", "");

    private static final long MAX_HASH_SEED = 0xffff_ffffL;

    /** How the decision is made; otelcol's default (mode unset) is {@code hash_seed} for traces. */
    public enum Mode {
        /** FNV hash of the seed and trace ID against 14 bits: the processor's original behaviour. */
        HASH_SEED,
        /** OTEP 235: raise the span's threshold to the configured one (never lower it). */
        EQUALIZING,
        /** OTEP 235: multiply the span's incoming sampling probability by the configured one. */
        PROPORTIONAL
    }

    public ProbabilisticSamplerConfig {
        float percentage = (float) samplingPercentage;
        if (Float.isInfinite(percentage) || Float.isNaN(percentage)) {
            throw new IllegalArgumentException("sampling rate is invalid: " + goFloat(percentage) + "%");
        }
        double ratio = (double) percentage / 100.0;
        if (ratio < 0) {
            throw new IllegalArgumentException("sampling rate is negative: " + goFloat(percentage) + "%");
        }
        if (ratio > 0 && ratio < Otep235.MIN_SAMPLING_PROBABILITY) {
            throw new IllegalArgumentException("sampling rate is too small: " + goShortest(percentage) + "%");
        }
        if (hashSeed < 0 || hashSeed > MAX_HASH_SEED) {
            throw new IllegalArgumentException("hash_seed must be an unsigned 32-bit integer (0 to 4294967295), got " + hashSeed);
        }
        if (mode == null) {
            mode = Mode.HASH_SEED;
        }
        attributeSource = attributeSource == null ? "" : attributeSource;
        fromAttribute = fromAttribute == null ? "" : fromAttribute;
        samplingPriority = samplingPriority == null ? "" : samplingPriority;
        if (!attributeSource.isEmpty() && !attributeSource.equals("traceID") && !attributeSource.equals("record")) {
            throw new IllegalArgumentException("invalid attribute source: " + attributeSource + ". Expected: traceID or record");
        }
        if (samplingPrecision == 0) {
            throw new IllegalArgumentException("invalid sampling precision: 0");
        }
        if (samplingPrecision > Otep235.NUM_HEX_DIGITS) {
            throw new IllegalArgumentException("sampling precision is too great, should be <= 14: " + samplingPrecision);
        }
        if (samplingPrecision < 0) {
            throw new IllegalArgumentException("sampling precision must be between 1 and 14: " + samplingPrecision);
        }
    }

    /** Go's {@code %f} of a float32. */
    private static String goFloat(float value) {
        if (Float.isNaN(value)) {
            return "NaN";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%f", (double) value);
    }

    /** Go's {@code %g} of a positive float32 this small: the shortest digits, in exponent form, e.g. {@code 1e-16}. */
    private static String goShortest(float value) {
        BigDecimal decimal = new BigDecimal(Float.toString(value)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return String.format(Locale.ROOT, "%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
    }
}
