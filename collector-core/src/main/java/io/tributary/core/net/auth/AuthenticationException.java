package io.tributary.core.net.auth;

/** A request's credentials are missing or wrong; the message is sent back to the client, as otelcol does. */
public final class AuthenticationException extends Exception {
    public AuthenticationException(String message) {
        super(message, null, false, false);
    }
}
