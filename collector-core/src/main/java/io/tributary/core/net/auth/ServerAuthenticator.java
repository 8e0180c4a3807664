package io.tributary.core.net.auth;

import io.tributary.core.client.AuthData;

/**
 * An extension that checks the credentials of requests to a receiver (otelcol's
 * {@code extensionauth.Server}). Called once per HTTP request or gRPC call, on a worker thread,
 * before the request reaches any pipeline.
 */
public interface ServerAuthenticator {
    /** A request's headers (HTTP) or metadata (gRPC). */
    @FunctionalInterface
    interface Headers {
        /** The first value of the header, matched without regard to case, or null. */
        String first(String name);
    }

    /**
     * @return what the credentials tell about the caller, for processors' {@code auth.<name>};
     *         null when they tell nothing
     * @throws AuthenticationException when the request must be refused
     */
    AuthData authenticate(Headers headers) throws AuthenticationException;
}
