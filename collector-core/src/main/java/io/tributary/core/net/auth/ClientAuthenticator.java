package io.tributary.core.net.auth;

import java.util.Map;

/**
 * An extension that adds credentials to an exporter's requests (otelcol's
 * {@code extensionauth.HTTPClient} and {@code GRPCClient}): HTTP headers, or gRPC metadata.
 */
public interface ClientAuthenticator {
    /** The headers to set on the next request; asked per request, so rotated credentials apply at once. */
    Map<String, String> headers();
}
