package io.tributary.receiver.otlp;

/** {@code protocols:}: a null entry is a protocol not written in the config, which therefore does not run. */
public record Protocols(GrpcConfig grpc, HttpConfig http) {
    public Protocols {
        if (grpc == null && http == null) {
            throw new IllegalArgumentException(OtlpReceiverConfig.NO_PROTOCOL);
        }
    }
}
