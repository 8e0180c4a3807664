package io.tributary.compat;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tributary.testkit.OtlpBackend;
import java.util.concurrent.TimeUnit;

/**
 * Sends OTLP export requests built with the protobuf classes, exactly as built, to a receiver over
 * gRPC: for inputs an SDK would not produce (fixed ids, tracestates, any attribute), where the
 * point is what a processor makes of each field.
 */
final class OtlpGrpcClient implements AutoCloseable {
    private static final long DEADLINE_SECONDS = 10;

    private final ManagedChannel channel;

    private OtlpGrpcClient(ManagedChannel channel) {
        this.channel = channel;
    }

    /** A plaintext client of the receiver on loopback {@code port}. */
    static OtlpGrpcClient connect(int port) {
        return new OtlpGrpcClient(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }

    /** Exports {@code request} and returns the call's status code ({@code OK} when accepted). */
    Status.Code export(ExportTraceServiceRequest request) {
        try {
            ClientCalls.blockingUnaryCall(channel, OtlpBackend.EXPORT,
                    CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS), request);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
}
