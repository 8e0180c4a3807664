package io.tributary.core.consumer;

/** The data is bad (or can never be accepted); retrying will not help. 400 / INVALID_ARGUMENT upstream. */
public final class PermanentException extends ConsumerException {
    public PermanentException(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentException(String message) {
        this(message, null);
    }
}
