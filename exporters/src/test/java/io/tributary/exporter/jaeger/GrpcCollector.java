package io.tributary.exporter.jaeger;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.tributary.translator.jaeger.apiv2.Collector.PostSpansRequest;
import io.tributary.translator.jaeger.apiv2.Collector.PostSpansResponse;
import io.tributary.translator.jaeger.apiv2.CollectorServiceGrpc;
import io.tributary.translator.jaeger.apiv2.Model;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A Jaeger collector's gRPC {@code CollectorService} for tests: records each PostSpans request and its headers. */
final class GrpcCollector implements AutoCloseable {
    record Received(PostSpansRequest request, Metadata headers) {
        String header(String name) {
            return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final ThreadLocal<Metadata> callHeaders = new ThreadLocal<>();
    private final Server server;

    private GrpcCollector() throws IOException {
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
                    ServerCallHandler<Q, R> next) {
                return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                        next.startCall(call, metadata)) {
                    @Override
                    public void onHalfClose() {
                        callHeaders.set(metadata);
                        try {
                            super.onHalfClose();
                        } finally {
                            callHeaders.remove();
                        }
                    }
                };
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(new Service(), headers))
                .directExecutor()
                .build()
                .start();
    }

    static GrpcCollector start() throws IOException {
        return new GrpcCollector();
    }

    String endpoint() {
        return "127.0.0.1:" + server.getPort();
    }

    /** The next {@code times} calls fail with {@code status}. */
    void failNext(int times, Status status) {
        for (int i = 0; i < times; i++) {
            failures.add(status.asRuntimeException());
        }
    }

    /** The next call fails with {@code status} and a RetryInfo asking for {@code delay}. */
    void failNext(Status status, Duration delay) {
        RetryInfo retry = RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
                .setSeconds(delay.getSeconds()).setNanos(delay.getNano())).build();
        failures.add(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(status.getCode().value()).addDetails(Any.pack(retry)).build()));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Model.Batch> batches() {
        return received.stream().map(r -> r.request().getBatch()).toList();
    }

    int attempts() {
        return attempts.get();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Service extends CollectorServiceGrpc.CollectorServiceImplBase {
        @Override
        public void postSpans(PostSpansRequest request, StreamObserver<PostSpansResponse> response) {
            attempts.incrementAndGet();
            RuntimeException failure = failures.poll();
            if (failure != null) {
                response.onError(failure);
                return;
            }
            received.add(new Received(request, callHeaders.get()));
            response.onNext(PostSpansResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
