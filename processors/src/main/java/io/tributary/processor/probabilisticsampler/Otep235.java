package io.tributary.processor.probabilisticsampler;

import com.google.protobuf.ByteString;

/**
 * The arithmetic of OpenTelemetry's consistent probability sampling (OTEP 235), as otelcol's
 * {@code pkg/sampling} does it. Thresholds and randomness are 56-bit unsigned values held in a
 * {@code long}: an item is kept when {@code threshold <= randomness}. A threshold of 0 keeps
 * everything; {@link #NEVER} (2^56) keeps nothing and has no {@code th} encoding.
 */
final class Otep235 {
    static final long MAX_ADJUSTED_COUNT = 1L << 56;
    static final long ALWAYS = 0;
    static final long NEVER = MAX_ADJUSTED_COUNT;
    /** The randomness every threshold below {@link #NEVER} accepts; stands in when there is none. */
    static final long ALL_PROBABILITIES_RANDOMNESS = MAX_ADJUSTED_COUNT - 1;
    static final double MIN_SAMPLING_PROBABILITY = 1.0 / MAX_ADJUSTED_COUNT;
    static final int NUM_HEX_DIGITS = 14;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Otep235() {
    }

    /** Thrown for a malformed {@code rv} or {@code th}; the message is otelcol's. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message, null, false, false);
        }
    }

    static boolean shouldSample(long threshold, long randomness) {
        return threshold <= randomness;
    }

    /** The W3C Trace Context level 2 randomness: the trace ID's least significant 56 bits. */
    static long traceIdRandomness(ByteString traceId) {
        long value = 0;
        for (int i = 9; i < 16; i++) {
            value = value << 8 | (traceId.byteAt(i) & 0xff);
        }
        return value;
    }

    /**
     * The threshold for sampling probability {@code fraction} rounded to {@code precision} hex
     * digits, with extra digits for each leading {@code 0} or {@code f} so that probabilities near
     * 0 or 1 keep their relative precision; {@link #NEVER} when {@code fraction} is out of
     * [2^-56, 1], which is where otelcol's proportional sampler lands on underflow.
     */
    static long fromProbability(double fraction, int precision) {
        if (!(fraction >= MIN_SAMPLING_PROBABILITY && fraction <= 1)) {
            return NEVER;
        }
        if (fraction == 1) {
            return ALWAYS;
        }
        int digits = Math.min(NUM_HEX_DIGITS, Math.max(
                precision + frexpExponent(fraction) / -4, precision + frexpExponent(1 - fraction) / -4));
        long threshold = MAX_ADJUSTED_COUNT - Math.round(fraction * MAX_ADJUSTED_COUNT);
        int shift = 4 * (NUM_HEX_DIGITS - digits);
        if (shift != 0) {
            threshold += 1L << (shift - 1);
            threshold = threshold >>> shift << shift;
        }
        return threshold;
    }

    /** Go's {@code math.Frexp} exponent: x = f × 2^e with f in [0.5, 1), for normal positive x. */
    private static int frexpExponent(double x) {
        return Math.getExponent(x) + 1;
    }

    static double probability(long threshold) {
        return (double) (MAX_ADJUSTED_COUNT - threshold) / MAX_ADJUSTED_COUNT;
    }

    /** The {@code th} encoding: 14 hex digits without trailing zeros; {@code 0} for always, empty for never. */
    static String tValue(long threshold) {
        if (threshold == ALWAYS) {
            return "0";
        }
        if (threshold >= NEVER) {
            return "";
        }
        char[] digits = hex14(threshold);
        int end = digits.length;
        while (digits[end - 1] == '0') {
            end--;
        }
        return new String(digits, 0, end);
    }

    /** The {@code rv} encoding: exactly 14 hex digits. */
    static String rValue(long randomness) {
        return new String(hex14(randomness));
    }

    static long parseTValue(String text) throws FormatException {
        if (text.length() > NUM_HEX_DIGITS) {
            throw new FormatException("t-value exceeds 14 hex digits");
        }
        if (text.isEmpty()) {
            throw new FormatException("t-value is empty");
        }
        return parseHex(text) << 4 * (NUM_HEX_DIGITS - text.length());
    }

    static long parseRValue(String text) throws FormatException {
        if (text.length() != NUM_HEX_DIGITS) {
            throw new FormatException("r-value must have 14 hex digits");
        }
        return parseHex(text);
    }

    /** Hex digits of either case, nothing else, as Go's {@code strconv.ParseUint(s, 16, 64)} for at most 14 digits. */
    private static long parseHex(String text) throws FormatException {
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || text.charAt(i) > 'f') { // Character.digit also takes non-ASCII digits
                throw new FormatException("strconv.ParseUint: parsing \"" + text + "\": invalid syntax");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static char[] hex14(long value) {
        char[] digits = new char[NUM_HEX_DIGITS];
        for (int i = NUM_HEX_DIGITS - 1; i >= 0; i--) {
            digits[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return digits;
    }
}
