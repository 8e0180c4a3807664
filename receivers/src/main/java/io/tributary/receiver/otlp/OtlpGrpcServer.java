package io.tributary.receiver.otlp;

import io.tributary.receiver.intake.ExportFailure;
import io.tributary.receiver.intake.Intake;
import io.tributary.receiver.configgrpc.ClientInfoInterceptor;
import io.tributary.receiver.configgrpc.GrpcConfig;
import io.tributary.receiver.configgrpc.GrpcReceiverServer;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.tributary.core.data.TraceServiceMethod;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.net.SheddingExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** OTLP/gRPC: the {@code TraceService/Export} method on grpc-java, fed the raw request bytes. */
final class OtlpGrpcServer {
    /**
     * Keeps the request encoded: {@code Traces.parse} validates it without building protobuf
     * objects. The bytes are copied once, out of Netty's buffers into one exact array: grpc-java's
     * message stream knows its length ({@link KnownLength}), whereas {@code ByteString.readFrom}
     * would read chunks and copy them again.
     */
    static final MethodDescriptor.Marshaller<ByteString> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(ByteString value) {
            return value.newInput();
        }

        @Override
        public ByteString parse(InputStream stream) {
            try {
                return UnsafeByteOperations.unsafeWrap(readAll(stream));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static byte[] readAll(InputStream stream) throws IOException {
        if (!(stream instanceof KnownLength)) {
            return stream.readAllBytes();
        }
        byte[] bytes = new byte[stream.available()];
        int read = stream.readNBytes(bytes, 0, bytes.length);
        if (read != bytes.length || stream.read() != -1) {
            throw new IOException("the request stream's length differs from the " + bytes.length + " bytes it announced");
        }
        return bytes;
    }

    static final MethodDescriptor<ByteString, ExportTraceServiceResponse> EXPORT = TraceServiceMethod.export(RAW);

    private OtlpGrpcServer() {
    }

    static GrpcReceiverServer start(GrpcConfig config, String path, ComponentContext context, Host host, Intake intake)
            throws IOException {
        return GrpcReceiverServer.start(config, path, "Starting GRPC server", context, host, ServerServiceDefinition.builder(TraceServiceMethod.SERVICE)
                .addMethod(EXPORT, ServerCalls.asyncUnaryCall(
                        (ByteString request, StreamObserver<ExportTraceServiceResponse> response) ->
                                export(intake, request, response)))
                .build());
    }

    private static void export(Intake intake, ByteString request, StreamObserver<ExportTraceServiceResponse> response) {
        Optional<ExportFailure> failure = SheddingExecutor.shedding() ? Optional.of(ExportFailure.BUSY) : intake.export(request, ClientInfoInterceptor.current());
        if (failure.isEmpty()) {
            response.onNext(ExportTraceServiceResponse.getDefaultInstance());
            response.onCompleted();
        } else {
            response.onError(failure.get().toGrpc());
        }
    }
}
