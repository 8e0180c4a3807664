package io.tributary.bench;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.core.data.TraceServiceMethod;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.MalformedWireException;
import io.tributary.core.data.wire.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OTLP/gRPC trace backend that only counts what it receives (spans, requests, bytes) and
 * answers OK, so a load test measures the daemon and not a real backend. Listens on loopback.
 *
 * <pre>java -cp bench/target/tributary-bench.jar io.tributary.bench.NullBackend --port 4319</pre>
 */
public final class NullBackend implements AutoCloseable {
    /** Far above gRPC's 4 MiB default: one 8192-span batch of large spans may exceed it. */
    private static final int MAX_MESSAGE_BYTES = 256 << 20;

    private final LongAdder spans = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final Server server;

    NullBackend(int port) throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder(TraceServiceMethod.SERVICE)
                .addMethod(TraceServiceMethod.export(new CountingMarshaller()), ServerCalls.asyncUnaryCall((count, response) -> {
                    if (count < 0) {
                        response.onError(Status.INVALID_ARGUMENT.withDescription("malformed request").asRuntimeException());
                        return;
                    }
                    spans.add(count);
                    requests.increment();
                    response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    response.onCompleted();
                }))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(service)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .directExecutor()
                .build()
                .start();
    }

    int port() {
        return server.getPort();
    }

    long spans() {
        return spans.sum();
    }

    long requests() {
        return requests.sum();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Parses a request into its span count only; -1 when the bytes are not a valid request. */
    private final class CountingMarshaller implements Marshaller<Integer> {
        @Override
        public InputStream stream(Integer value) {
            throw new UnsupportedOperationException("the null backend only receives requests");
        }

        @Override
        public Integer parse(InputStream stream) {
            try {
                byte[] request = stream.readAllBytes();
                bytes.add(request.length);
                return EnvelopeWalker.countItems(Schema.TRACES, request, 0, request.length);
            } catch (MalformedWireException e) {
                return -1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args, Map.of("port", "4319", "report-every", "5s"));
        long every = flags.duration("report-every").toMillis();
        NullBackend backend = new NullBackend(flags.integer("port"));
        System.out.printf("null backend listening on 127.0.0.1:%d%n", backend.port());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        long[] last = new long[3];
        reporter.scheduleAtFixedRate(() -> {
            long s = backend.spans.sum();
            long r = backend.requests.sum();
            long b = backend.bytes.sum();
            double seconds = every / 1000.0;
            System.out.printf("received %,.0f spans/s  %,.1f requests/s  %,.2f MB/s (uncompressed)%n",
                    (s - last[0]) / seconds, (r - last[1]) / seconds, (b - last[2]) / seconds / 1e6);
            last[0] = s;
            last[1] = r;
            last[2] = b;
        }, every, every, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reporter.shutdownNow();
            System.out.printf("null backend total: %d spans in %d requests, %d bytes%n",
                    backend.spans.sum(), backend.requests.sum(), backend.bytes.sum());
        }));
        Thread.currentThread().join();
    }
}
