package io.tributary.receiver.jaeger;

import io.tributary.receiver.http.BodyLimit;
import io.tributary.config.ByteSize;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.TlsServerConfig;

/**
 * {@code thrift_http:}, the collector's HTTP port, with otelcol's (confighttp) keys and defaults.
 * {@code include_metadata} is accepted for compatibility: a {@code Traces} batch carries no client metadata.
 */
public record ThriftHttpConfig(String endpoint, ByteSize maxRequestBodySize, boolean includeMetadata, TlsServerConfig tls) {
    public static final ThriftHttpConfig DEFAULT = new ThriftHttpConfig("localhost:14268", BodyLimit.DEFAULT, false, null);

    public ThriftHttpConfig {
        HostPort.parse(endpoint);
        maxRequestBodySize = BodyLimit.resolve(maxRequestBodySize);
    }

    int maxBodyBytes() {
        return (int) maxRequestBodySize.bytes();
    }
}
