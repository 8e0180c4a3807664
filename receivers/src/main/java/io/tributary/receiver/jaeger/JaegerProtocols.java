package io.tributary.receiver.jaeger;

import io.tributary.core.net.HostPort;
import io.tributary.receiver.grpc.GrpcConfig;

/**
 * {@code protocols:}: a null entry is a protocol not written in the config, which does not run.
 * The gRPC and UDP settings types are shared, so their default ports are filled in here. As in
 * otelcol, the gRPC endpoint must be host:port whatever its {@code transport}, so the jaeger receiver
 * takes no Unix socket path.
 */
public record JaegerProtocols(
        GrpcConfig grpc, ThriftHttpConfig thriftHttp, UdpConfig thriftCompact, UdpConfig thriftBinary) {
    public JaegerProtocols {
        if (grpc == null && thriftHttp == null && thriftCompact == null && thriftBinary == null) {
            throw new IllegalArgumentException(JaegerReceiverConfig.NO_PROTOCOL);
        }
        grpc = grpc == null ? null : grpc.withDefaultEndpoint("localhost:14250");
        if (grpc != null) {
            try {
                HostPort.parse(grpc.endpoint());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid port number for the gRPC endpoint: " + e.getMessage(), e);
            }
        }
        thriftCompact = thriftCompact == null ? null : thriftCompact.withDefaultEndpoint("localhost:6831");
        thriftBinary = thriftBinary == null ? null : thriftBinary.withDefaultEndpoint("localhost:6832");
    }
}
