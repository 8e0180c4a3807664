package io.tributary.processor.ottl;

/**
 * A condition that cannot be used: bad syntax, or a construct outside the supported subset of
 * OTTL. The message names the construct and its 1-based column. An {@link IllegalArgumentException}
 * so that the config binder reports it with the key path and line of the condition.
 */
public final class OttlException extends IllegalArgumentException {
    OttlException(String message, int column) {
        super(message + " at column " + column);
    }
}
