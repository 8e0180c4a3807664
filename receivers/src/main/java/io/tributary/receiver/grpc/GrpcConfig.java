package io.tributary.receiver.grpc;

import io.tributary.core.net.HostPort;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import java.time.Duration;
import java.util.List;

/**
 * A receiver's {@code grpc:} server settings (otelcol's configgrpc keys and defaults), shared by
 * the {@code otlp} and {@code jaeger} receivers; each fills in its own default port with
 * {@link #withDefaultEndpoint}. {@code read_buffer_size} and {@code write_buffer_size} are
 * accepted for compatibility: grpc-java sizes its own buffers.
 */
public record GrpcConfig(
        String endpoint,
        String transport,
        int maxRecvMsgSizeMib,
        int maxConcurrentStreams,
        int readBufferSize,
        int writeBufferSize,
        boolean includeMetadata,
        TlsServerConfig tls,
        Keepalive keepalive,
        AuthConfig auth) {
    public static final GrpcConfig DEFAULT =
            new GrpcConfig(null, "tcp", 4, 0, 512 * 1024, 0, false, null, null, null);

    public GrpcConfig {
        if (endpoint != null) {
            HostPort.parse(endpoint);
        }
        // otelcol also listens on unix sockets; Tributary speaks TCP only.
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

    /** This config, listening on {@code defaultEndpoint} when the YAML names no endpoint. */
    public GrpcConfig withDefaultEndpoint(String defaultEndpoint) {
        return endpoint != null ? this : new GrpcConfig(defaultEndpoint, transport, maxRecvMsgSizeMib,
                maxConcurrentStreams, readBufferSize, writeBufferSize, includeMetadata, tls, keepalive, auth);
    }

    /** 0 means grpc's default, 4 MiB, as in otelcol. */
    public int maxInboundMessageBytes() {
        return (maxRecvMsgSizeMib == 0 ? 4 : maxRecvMsgSizeMib) * 1024 * 1024;
    }

    /** {@code keepalive:}; zero or absent durations keep grpc-java's defaults. */
    public record Keepalive(ServerParameters serverParameters, EnforcementPolicy enforcementPolicy) {
        public static final Keepalive DEFAULT = new Keepalive(null, null);
    }

    public record ServerParameters(
            Duration maxConnectionIdle,
            Duration maxConnectionAge,
            Duration maxConnectionAgeGrace,
            Duration time,
            Duration timeout) {
        public static final ServerParameters DEFAULT = new ServerParameters(null, null, null, null, null);
    }

    public record EnforcementPolicy(Duration minTime, boolean permitWithoutStream) {
        public static final EnforcementPolicy DEFAULT = new EnforcementPolicy(null, false);
    }
}
