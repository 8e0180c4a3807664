package io.tributary.receiver.jaeger;

import io.tributary.receiver.http.BodyLimit;
import io.tributary.config.ByteSize;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.HttpServerTimeouts;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import io.tributary.receiver.http.HttpServerSection;
import java.time.Duration;

/**
 * {@code thrift_http:}, the collector's HTTP port, with otelcol's (confighttp) keys and defaults.
 */
public record ThriftHttpConfig(
        String endpoint,
        ByteSize maxRequestBodySize,
        boolean includeMetadata,
        TlsServerConfig tls,
        Duration readTimeout,
        Duration readHeaderTimeout,
        Duration writeTimeout,
        Duration idleTimeout,
        AuthConfig auth) implements HttpServerSection {
    public static final ThriftHttpConfig DEFAULT = new ThriftHttpConfig("localhost:14268", BodyLimit.DEFAULT, false, null,
            HttpServerTimeouts.DEFAULT.readTimeout(), HttpServerTimeouts.DEFAULT.readHeaderTimeout(),
            HttpServerTimeouts.DEFAULT.writeTimeout(), HttpServerTimeouts.DEFAULT.idleTimeout(), null);

    public ThriftHttpConfig {
        HostPort.parse(endpoint);
        maxRequestBodySize = BodyLimit.resolve(maxRequestBodySize);
        new HttpServerTimeouts(readTimeout, readHeaderTimeout, writeTimeout, idleTimeout);
    }
}
