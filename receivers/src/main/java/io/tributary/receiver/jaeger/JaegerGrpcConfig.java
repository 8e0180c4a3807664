package io.tributary.receiver.jaeger;

import io.tributary.core.net.HostPort;
import io.tributary.core.net.TlsServerConfig;
import java.util.List;

/**
 * {@code grpc:}, the collector's gRPC port, with otelcol's (configgrpc) keys and defaults.
 * {@code read_buffer_size}, {@code write_buffer_size} and {@code include_metadata} are accepted for
 * compatibility: grpc-java sizes its own buffers and a {@code Traces} batch carries no metadata.
 */
public record JaegerGrpcConfig(
        String endpoint,
        String transport,
        int maxRecvMsgSizeMib,
        int maxConcurrentStreams,
        int readBufferSize,
        int writeBufferSize,
        boolean includeMetadata,
        TlsServerConfig tls) {
    public static final JaegerGrpcConfig DEFAULT =
            new JaegerGrpcConfig("localhost:14250", "tcp", 4, 0, 512 * 1024, 0, false, null);

    public JaegerGrpcConfig {
        HostPort.parse(endpoint);
        if (!List.of("tcp", "tcp4", "tcp6").contains(transport)) {
            throw new IllegalArgumentException("transport '" + transport + "' is not supported (use tcp)");
        }
        if (maxRecvMsgSizeMib < 0 || maxRecvMsgSizeMib > 2047) {
            throw new IllegalArgumentException("max_recv_msg_size_mib must be between 0 and 2047");
        }
        if (maxConcurrentStreams < 0) {
            throw new IllegalArgumentException("max_concurrent_streams must not be negative");
        }
    }

    /** 0 means grpc's default, 4 MiB, as in otelcol. */
    int maxInboundMessageBytes() {
        return (maxRecvMsgSizeMib == 0 ? 4 : maxRecvMsgSizeMib) * 1024 * 1024;
    }
}
