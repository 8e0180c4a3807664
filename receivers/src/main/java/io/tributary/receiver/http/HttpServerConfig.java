package io.tributary.receiver.http;

import io.tributary.config.ByteSize;
import io.tributary.core.net.ListenAddress;
import io.tributary.core.net.HttpServerTimeouts;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import java.time.Duration;

/**
 * A receiver's HTTP server section that has nothing but otelcol's confighttp server keys: jaeger's
 * {@code thrift_http}, zipkin's {@code protocols::http} and its flat form. Each receiver fills in
 * its own default port with {@link #withDefaultEndpoint}. {@code transport: unix} listens on the
 * socket file named by {@code endpoint}.
 */
public record HttpServerConfig(
        String endpoint,
        String transport,
        ByteSize maxRequestBodySize,
        boolean includeMetadata,
        TlsServerConfig tls,
        Duration readTimeout,
        Duration readHeaderTimeout,
        Duration writeTimeout,
        Duration idleTimeout,
        AuthConfig auth) implements HttpServerSection {
    public static final HttpServerConfig DEFAULT = new HttpServerConfig(null, "tcp", BodyLimit.DEFAULT, false, null,
            HttpServerTimeouts.DEFAULT.readTimeout(), HttpServerTimeouts.DEFAULT.readHeaderTimeout(),
            HttpServerTimeouts.DEFAULT.writeTimeout(), HttpServerTimeouts.DEFAULT.idleTimeout(), null);

    public HttpServerConfig {
        ListenAddress.checkTransport(transport);
        if (endpoint != null) {
            ListenAddress.of(transport, endpoint);
        }
        maxRequestBodySize = BodyLimit.resolve(maxRequestBodySize);
        new HttpServerTimeouts(readTimeout, readHeaderTimeout, writeTimeout, idleTimeout);
    }

    /** This config, listening on {@code defaultEndpoint} when the YAML names no endpoint. */
    public HttpServerConfig withDefaultEndpoint(String defaultEndpoint) {
        return endpoint != null ? this : new HttpServerConfig(defaultEndpoint, transport, maxRequestBodySize, includeMetadata, tls,
                readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, auth);
    }
}
