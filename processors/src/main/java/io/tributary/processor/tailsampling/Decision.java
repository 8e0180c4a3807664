package io.tributary.processor.tailsampling;

/**
 * A policy's vote, with otelcol's deprecated inverted votes kept for {@code invert_match}: an
 * inverted "not sampled" beats "sampled", an inverted "sampled" counts only when no policy said
 * "not sampled", and "dropped" (from a {@code drop} policy) beats everything.
 */
enum Decision {
    SAMPLED("true", "sampled"),
    NOT_SAMPLED("false", "not_sampled"),
    INVERT_SAMPLED("true", "sampled"),
    INVERT_NOT_SAMPLED("false", "not_sampled"),
    DROPPED("false", "dropped");

    /** The {@code sampled} and {@code decision} labels of otelcol's decision counters. */
    final String sampledLabel;
    final String decisionLabel;

    Decision(String sampledLabel, String decisionLabel) {
        this.sampledLabel = sampledLabel;
        this.decisionLabel = decisionLabel;
    }

    boolean sampled() {
        return this == SAMPLED;
    }
}
