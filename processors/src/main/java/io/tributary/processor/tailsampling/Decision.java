package io.tributary.processor.tailsampling;

/**
 * A policy's vote; "dropped" (from a {@code drop} policy) beats everything. {@code invert_match}
 * votes plainly "sampled" or "not sampled", as otelcol does with its
 * {@code processor.tailsamplingprocessor.disableinvertdecisions} gate on (beta, the default in
 * v0.148); its older inverted votes, with their own precedence, are not implemented.
 */
enum Decision {
    SAMPLED("true", "sampled"),
    NOT_SAMPLED("false", "not_sampled"),
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
