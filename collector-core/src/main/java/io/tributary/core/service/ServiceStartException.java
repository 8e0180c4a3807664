package io.tributary.core.service;

/** The service could not start; the message names the component and, for sockets, the address. */
public final class ServiceStartException extends Exception {
    ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
