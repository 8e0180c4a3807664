package io.tributary.processor.ottl;

/** A condition failed while being evaluated (e.g. {@code Len} of a missing attribute); how that is handled is the {@link ErrorMode}'s business. */
public final class OttlEvaluationException extends RuntimeException {
    OttlEvaluationException(String message) {
        super(message, null, false, false);
    }
}
