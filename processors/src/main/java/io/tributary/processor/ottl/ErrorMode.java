package io.tributary.processor.ottl;

/** What a {@link ConditionSequence} does when a condition fails to evaluate, as in otelcol's OTTL. */
public enum ErrorMode {
    /** Log the error, take the condition as false, go on with the next one. */
    IGNORE,
    /** As {@link #IGNORE}, without logging. */
    SILENT,
    /** Stop and throw: the caller refuses the whole payload. */
    PROPAGATE
}
