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
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import com.google.protobuf.Message;
import io.tributary.core.data.Signal;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.net.SheddingExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** OTLP/gRPC: the {@code Export} method of each signal's service on grpc-java, fed the raw request bytes. */
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

    /** Each signal's {@code Export} method, built once. */
    static final Map<Signal<?>, MethodDescriptor<ByteString, Message>> EXPORTS = Signal.all().stream()
            .collect(Collectors.toUnmodifiableMap(signal -> signal, signal -> signal.exportMethod(RAW)));
    static final MethodDescriptor<ByteString, Message> EXPORT = EXPORTS.get(Signal.TRACES);

    private OtlpGrpcServer() {
    }

    /** Serves the {@code Export} method of each intake's signal, as otelcol registers a service per signal with a pipeline. */
    static GrpcReceiverServer start(GrpcConfig config, String path, ComponentContext context, Host host, List<Intake<?>> intakes)
            throws IOException {
        List<ServerServiceDefinition> services = new ArrayList<>();
        for (Intake<?> intake : intakes) {
            services.add(ServerServiceDefinition.builder(intake.signal().grpcService())
                    .addMethod(EXPORTS.get(intake.signal()), ServerCalls.asyncUnaryCall(
                            (ByteString request, StreamObserver<Message> response) -> export(intake, request, response)))
                    .build());
        }
        return GrpcReceiverServer.start(config, path, "Starting GRPC server", context, host,
                services.toArray(ServerServiceDefinition[]::new));
    }

    private static void export(Intake<?> intake, ByteString request, StreamObserver<Message> response) {
        Optional<ExportFailure> failure = SheddingExecutor.shedding() ? Optional.of(ExportFailure.BUSY) : intake.export(request, ClientInfoInterceptor.current());
        if (failure.isEmpty()) {
            response.onNext(intake.signal().emptyResponse());
            response.onCompleted();
        } else {
            response.onError(failure.get().toGrpc());
        }
    }
}
