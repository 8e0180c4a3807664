package io.tributary.processor.probabilisticsampler;

/**
 * The OTEP 235 sampling values an item carries, as otelcol's {@code samplingCarrier}: a span's
 * {@code tracestate} ({@link SamplingTraceState}) or a log record's {@code sampling.*} attributes
 * ({@link LogSampler}). Thresholds and randomness as {@link Otep235} holds them.
 */
interface Carrier {
    /** Why the values could not be read (they are then not used), or null. */
    String error();

    boolean hasRValue();

    long randomness();

    boolean hasTValue();

    long threshold();

    /** Gives the item a randomness value, as the hash mode does for items without one. */
    void setRandomness(long value);

    /** Forgets an arriving threshold its randomness does not pass. */
    void clearThreshold();

    /**
     * Records that the item was kept at {@code newThreshold}; refuses (returns false, changes
     * nothing) to lower an existing threshold, which would raise the item's sampling probability.
     */
    boolean updateThreshold(long newThreshold);
}
