package io.tributary.receiver.jaeger;

import io.tributary.config.ByteSize;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.TlsServerConfig;

/**
 * {@code thrift_http:}, the collector's HTTP port, with otelcol's (confighttp) keys and defaults.
 * {@code include_metadata} is accepted for compatibility: a {@code Traces} batch carries no client metadata.
 */
public record ThriftHttpConfig(String endpoint, ByteSize maxRequestBodySize, boolean includeMetadata, TlsServerConfig tls) {
    private static final ByteSize DEFAULT_MAX_BODY = ByteSize.ofMebibytes(20);

    public static final ThriftHttpConfig DEFAULT = new ThriftHttpConfig("localhost:14268", DEFAULT_MAX_BODY, false, null);

    public ThriftHttpConfig {
        HostPort.parse(endpoint);
        // As in confighttp, 0 (or absent) means the 20 MiB default.
        if (maxRequestBodySize == null || maxRequestBodySize.bytes() == 0) {
            maxRequestBodySize = DEFAULT_MAX_BODY;
        }
        if (maxRequestBodySize.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max_request_body_size must be below 2 GiB");
        }
    }

    int maxBodyBytes() {
        return (int) maxRequestBodySize.bytes();
    }
}
