package io.tributary.core.consumer;

import java.time.Duration;
import java.util.Optional;

/**
 * Back-pressure: the data was not kept and the sender should retry, after {@link #retryAfter()}
 * when present. {@link #resourceExhausted()} marks a full queue or buffer (HTTP 429 /
 * gRPC RESOURCE_EXHAUSTED); otherwise the receiver answers 503 / UNAVAILABLE.
 */
public final class RetryableException extends ConsumerException {
    private final Duration retryAfter;
    private final boolean resourceExhausted;

    public RetryableException(String message, Duration retryAfter, boolean resourceExhausted, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.resourceExhausted = resourceExhausted;
    }

    public RetryableException(String message) {
        this(message, null, false, null);
    }

    /** A full queue or buffer: 429 / RESOURCE_EXHAUSTED upstream. */
    public static RetryableException full(String message) {
        return new RetryableException(message, null, true, null);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean resourceExhausted() {
        return resourceExhausted;
    }
}
