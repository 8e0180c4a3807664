package io.tributary.receiver.zipkin;

import io.tributary.config.ByteSize;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.TlsServerConfig;

/**
 * The {@code zipkin} receiver's settings: otelcol's zipkinreceiver keys and defaults (its
 * confighttp server keys that apply here). {@code include_metadata} is accepted so otelcol
 * configs load: a {@code Traces} batch carries no client metadata.
 */
public record ZipkinReceiverConfig(
        String endpoint,
        boolean parseStringTags,
        ByteSize maxRequestBodySize,
        boolean includeMetadata,
        TlsServerConfig tls) {
    private static final ByteSize DEFAULT_MAX_BODY = ByteSize.ofMebibytes(20);

    public static final ZipkinReceiverConfig DEFAULT = new ZipkinReceiverConfig("localhost:9411", false, DEFAULT_MAX_BODY, false, null);

    public ZipkinReceiverConfig {
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
