package io.tributary.core.consumer;

/** A refusal by a {@link TracesConsumer}: either {@link RetryableException} or {@link PermanentException}. */
public abstract sealed class ConsumerException extends RuntimeException
        permits RetryableException, PermanentException {
    ConsumerException(String message, Throwable cause) {
        super(message, cause);
    }
}
