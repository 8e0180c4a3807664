package io.tributary.compat;

import com.google.gson.JsonObject;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** Unary gRPC calls with the request as bytes on the wire: the point is to send what no stub would. */
final class RawGrpc implements AutoCloseable {
    private static final long DEADLINE_SECONDS = 10;
    /** Room for the answers to oversized requests, whatever a server echoes. */
    private static final int MAX_INBOUND = 64 * 1024 * 1024;

    private final ManagedChannel channel;

    private RawGrpc(ManagedChannel channel) {
        this.channel = channel;
    }

    /** A plaintext client of the receiver on loopback {@code port}. */
    static RawGrpc connect(int port) {
        return new RawGrpc(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().maxInboundMessageSize(MAX_INBOUND).build());
    }

    /** Calls {@code fullMethod} (service/method) with {@code request} and returns the answer's status as {@link Answers#grpc}. */
    JsonObject call(String fullMethod, byte[] request) {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullMethod)
                .setRequestMarshaller(RawBytes.INSTANCE).setResponseMarshaller(RawBytes.INSTANCE).build();
        try {
            ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS), request);
            return Answers.grpc(Status.OK);
        } catch (StatusRuntimeException e) {
            return Answers.grpc(e.getStatus());
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
