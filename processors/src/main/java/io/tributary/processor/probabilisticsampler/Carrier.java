package io.tributary.processor.probabilisticsampler;

/**
 * The OTEP 235 sampling values an item carries, as otelcol's {@code samplingCarrier}: a span's
 * {@code tracestate} ({@link SamplingTraceState}) or a log record's {@code sampling.*} attributes
 * ({@link LogSampler}). Thresholds and randomness as {@link Otep235} holds them; each value's
 * text is "" when the item has none. The two carriers differ in how a decision changes them.
 */
abstract class Carrier {
    String rValue = "";
    long randomness;
    String tValue = "";
    long threshold;
    /** Why the values could not be read, several reasons joined by {@code ; }; null when none. */
    String error;

    /** Why the values could not be read (they are then not used), or null. */
    final String error() {
        return error;
    }

    final boolean hasRValue() {
        return !rValue.isEmpty();
    }

    final long randomness() {
        return randomness;
    }

    final boolean hasTValue() {
        return !tValue.isEmpty();
    }

    final long threshold() {
        return threshold;
    }

    /** Gives the item a randomness value, as the hash mode does for items without one. */
    void setRandomness(long value) {
        randomness = value;
        rValue = Otep235.rValue(value);
    }

    /** Forgets an arriving threshold its randomness does not pass. */
    abstract void clearThreshold();

    /**
     * Records that the item was kept at {@code newThreshold}; refuses (returns false, changes
     * nothing) to lower an existing threshold, which would raise the item's sampling probability.
     */
    abstract boolean updateThreshold(long newThreshold);
}
