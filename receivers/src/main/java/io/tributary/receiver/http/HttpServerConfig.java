package io.tributary.receiver.http;

import io.tributary.config.ByteSize;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.HttpServerTimeouts;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import java.time.Duration;

/**
 * A receiver's HTTP server section that has nothing but otelcol's confighttp server keys: jaeger's
 * {@code thrift_http}, zipkin's {@code protocols::http} and its flat form. Each receiver fills in
 * its own default port with {@link #withDefaultEndpoint}.
 */
public record HttpServerConfig(
        String endpoint,
        ByteSize maxRequestBodySize,
        boolean includeMetadata,
        TlsServerConfig tls,
        Duration readTimeout,
        Duration readHeaderTimeout,
        Duration writeTimeout,
        Duration idleTimeout,
        AuthConfig auth) implements HttpServerSection {
    public static final HttpServerConfig DEFAULT = new HttpServerConfig(null, BodyLimit.DEFAULT, false, null,
            HttpServerTimeouts.DEFAULT.readTimeout(), HttpServerTimeouts.DEFAULT.readHeaderTimeout(),
            HttpServerTimeouts.DEFAULT.writeTimeout(), HttpServerTimeouts.DEFAULT.idleTimeout(), null);

    public HttpServerConfig {
        if (endpoint != null) {
            HostPort.parse(endpoint);
        }
        maxRequestBodySize = BodyLimit.resolve(maxRequestBodySize);
        new HttpServerTimeouts(readTimeout, readHeaderTimeout, writeTimeout, idleTimeout);
    }

    /** This config, listening on {@code defaultEndpoint} when the YAML names no endpoint. */
    public HttpServerConfig withDefaultEndpoint(String defaultEndpoint) {
        return endpoint != null ? this : new HttpServerConfig(defaultEndpoint, maxRequestBodySize, includeMetadata, tls,
                readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, auth);
    }
}
