package io.tributary.receiver.zipkin;

import io.tributary.receiver.http.BodyLimit;
import io.tributary.config.ByteSize;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.HttpServerTimeouts;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import io.tributary.receiver.http.HttpServerSection;
import java.time.Duration;

/**
 * The {@code zipkin} receiver's settings: otelcol's zipkinreceiver keys and defaults (its
 * confighttp server keys that apply here).
 */
public record ZipkinReceiverConfig(
        String endpoint,
        boolean parseStringTags,
        ByteSize maxRequestBodySize,
        boolean includeMetadata,
        TlsServerConfig tls,
        Duration readTimeout,
        Duration readHeaderTimeout,
        Duration writeTimeout,
        Duration idleTimeout,
        AuthConfig auth) implements HttpServerSection {
    public static final ZipkinReceiverConfig DEFAULT = new ZipkinReceiverConfig("localhost:9411", false, BodyLimit.DEFAULT, false, null,
            HttpServerTimeouts.DEFAULT.readTimeout(), HttpServerTimeouts.DEFAULT.readHeaderTimeout(),
            HttpServerTimeouts.DEFAULT.writeTimeout(), HttpServerTimeouts.DEFAULT.idleTimeout(), null);

    public ZipkinReceiverConfig {
        HostPort.parse(endpoint);
        maxRequestBodySize = BodyLimit.resolve(maxRequestBodySize);
        new HttpServerTimeouts(readTimeout, readHeaderTimeout, writeTimeout, idleTimeout);
    }
}
