package io.tributary.processor.ottl;

/**
 * A condition that cannot be used: bad syntax, or a construct outside the supported subset of
 * OTTL. The message names the construct and its 1-based column. An {@link IllegalArgumentException}
 * so that the config binder reports it with the key path and line of the condition.
 */
public final class OttlException extends IllegalArgumentException {
    private final boolean beyondSubset;

    OttlException(String message, int column) {
        this(message, column, false);
    }

    private OttlException(String message, int column, boolean beyondSubset) {
        super(message + " at column " + column);
        this.beyondSubset = beyondSubset;
    }

    /** Valid OTTL syntax that this parser does not read (map literals, named arguments, computed indexes). */
    static OttlException beyondSubset(String message, int column) {
        return new OttlException(message, column, true);
    }

    boolean beyondSubset() {
        return beyondSubset;
    }
}
