package io.tributary.receiver.configgrpc;

import io.tributary.core.net.ListenAddress;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * A receiver's {@code grpc:} server settings (otelcol's configgrpc keys and defaults), shared by
 * the {@code otlp} and {@code jaeger} receivers; each fills in its own default port with
 * {@link #withDefaultEndpoint}. With {@code transport: unix} the endpoint is the socket file's path
 * (see {@link ListenAddress}). {@code read_buffer_size} and {@code write_buffer_size} are
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
        ListenAddress.checkTransport(transport);
        if (endpoint != null) {
            ListenAddress.of(transport, endpoint);
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

    /** Where to listen: set the endpoint first (see {@link #withDefaultEndpoint}). */
    public SocketAddress listenAddress() {
        return ListenAddress.of(transport, endpoint);
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
