package io.tributary.receiver.jaeger;

/**
 * {@code protocols:}: a null entry is a protocol not written in the config, which does not run.
 * Both UDP protocols share one settings type, so their distinct default ports are filled in here.
 */
public record JaegerProtocols(
        JaegerGrpcConfig grpc, ThriftHttpConfig thriftHttp, UdpConfig thriftCompact, UdpConfig thriftBinary) {
    public JaegerProtocols {
        if (grpc == null && thriftHttp == null && thriftCompact == null && thriftBinary == null) {
            throw new IllegalArgumentException(JaegerReceiverConfig.NO_PROTOCOL);
        }
        thriftCompact = thriftCompact == null ? null : thriftCompact.withDefaultEndpoint("localhost:6831");
        thriftBinary = thriftBinary == null ? null : thriftBinary.withDefaultEndpoint("localhost:6832");
    }
}
