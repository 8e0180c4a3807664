package io.tributary.receiver.otlp;

import io.tributary.receiver.configgrpc.GrpcConfig;

/**
 * {@code protocols:}: a null entry is a protocol not written in the config, which therefore does
 * not run. The shared gRPC settings get the OTLP port here.
 */
public record Protocols(GrpcConfig grpc, HttpConfig http) {
    public Protocols {
        if (grpc == null && http == null) {
            throw new IllegalArgumentException(OtlpReceiverConfig.NO_PROTOCOL);
        }
        grpc = grpc == null ? null : grpc.withDefaultEndpoint("localhost:4317");
    }
}
