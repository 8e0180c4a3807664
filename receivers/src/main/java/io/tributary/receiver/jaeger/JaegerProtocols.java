package io.tributary.receiver.jaeger;

import io.tributary.core.net.HostPort;
import io.tributary.receiver.configgrpc.GrpcConfig;
import io.tributary.core.net.HttpServerConfig;

/**
 * {@code protocols:}: a null entry is a protocol not written in the config, which does not run.
 * The gRPC, HTTP and UDP settings types are shared, so their default ports are filled in here. As in
 * otelcol, the gRPC and HTTP endpoints must be host:port whatever their {@code transport}, so the
 * jaeger receiver takes no Unix socket path.
 */
public record JaegerProtocols(
        GrpcConfig grpc, HttpServerConfig thriftHttp, UdpConfig thriftCompact, UdpConfig thriftBinary) {
    public JaegerProtocols {
        if (grpc == null && thriftHttp == null && thriftCompact == null && thriftBinary == null) {
            throw new IllegalArgumentException(JaegerReceiverConfig.NO_PROTOCOL);
        }
        grpc = grpc == null ? null : grpc.withDefaultEndpoint("localhost:14250");
        thriftHttp = thriftHttp == null ? null : thriftHttp.withDefaultEndpoint("localhost:14268");
        thriftCompact = thriftCompact == null ? null : thriftCompact.withDefaultEndpoint("localhost:6831");
        thriftBinary = thriftBinary == null ? null : thriftBinary.withDefaultEndpoint("localhost:6832");
        if (grpc != null) {
            requireHostPort("gRPC", grpc.endpoint());
        }
        if (thriftHttp != null) {
            requireHostPort("Thrift HTTP", thriftHttp.endpoint());
        }
    }

    private static void requireHostPort(String protocol, String endpoint) {
        try {
            HostPort.parse(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid port number for the " + protocol + " endpoint: " + e.getMessage(), e);
        }
    }
}
