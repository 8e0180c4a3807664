package io.tributary.core.exporterhelper;

import java.time.Duration;
import java.util.Optional;

/** A failed send attempt, classified by the exporter that knows its protocol. */
public final class SendException extends Exception {
    private final boolean retryable;
    private final Duration retryAfter;

    private SendException(String message, Throwable cause, boolean retryable, Duration retryAfter) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** Worth another attempt; {@code retryAfter} is the server's requested delay (RetryInfo, Retry-After) or null. */
    public static SendException retryable(String message, Duration retryAfter, Throwable cause) {
        return new SendException(message, cause, true, retryAfter);
    }

    /** Never retried (e.g. INVALID_ARGUMENT, HTTP 400). */
    public static SendException permanent(String message, Throwable cause) {
        return new SendException(message, cause, false, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
