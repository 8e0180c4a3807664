package io.tributary.bench;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.tributary.core.data.Signal;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.MalformedWireException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OTLP/gRPC backend of every signal that only counts what it receives (items, requests,
 * bytes) and answers OK, so a load test measures the daemon and not a real backend. It counts
 * items (spans, data points, log records) by walking the request's tags and lengths, never
 * decoding it. Listens on loopback.
 *
 * <pre>java -cp bench/target/tributary-bench.jar io.tributary.bench.NullBackend --port 4319</pre>
 */
public final class NullBackend implements AutoCloseable {
    /** Far above gRPC's 4 MiB default: one 8192-span batch of large spans may exceed it. */
    private static final int MAX_MESSAGE_BYTES = 256 << 20;

    /** What arrived of one signal. */
    private static final class Received {
        final LongAdder items = new LongAdder();
        final LongAdder requests = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }

    private final Map<Signal<?>, Received> received = new LinkedHashMap<>();
    private final Server server;

    NullBackend(int port) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        for (Signal<?> signal : Signal.all()) {
            Received counts = new Received();
            received.put(signal, counts);
            builder.addService(ServerServiceDefinition.builder(signal.grpcService())
                    .addMethod(signal.exportMethod(new CountingMarshaller(signal, counts)), ServerCalls.asyncUnaryCall((items, response) -> {
                        if (items < 0) {
                            response.onError(Status.INVALID_ARGUMENT.withDescription("malformed request").asRuntimeException());
                            return;
                        }
                        counts.items.add(items);
                        counts.requests.increment();
                        response.onNext(signal.emptyResponse());
                        response.onCompleted();
                    }))
                    .build());
        }
        server = builder.maxInboundMessageSize(MAX_MESSAGE_BYTES).directExecutor().build().start();
    }

    int port() {
        return server.getPort();
    }

    /** Spans, data points or log records received. */
    long items(Signal<?> signal) {
        return received.get(signal).items.sum();
    }

    long requests(Signal<?> signal) {
        return received.get(signal).requests.sum();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Parses a request into its item count only; -1 when the bytes are not a valid request. */
    private static final class CountingMarshaller implements Marshaller<Integer> {
        private final Signal<?> signal;
        private final Received counts;

        CountingMarshaller(Signal<?> signal, Received counts) {
            this.signal = signal;
            this.counts = counts;
        }

        @Override
        public InputStream stream(Integer value) {
            throw new UnsupportedOperationException("the null backend only receives requests");
        }

        @Override
        public Integer parse(InputStream stream) {
            try {
                byte[] request = stream.readAllBytes();
                counts.bytes.add(request.length);
                return EnvelopeWalker.countItems(signal.schema(), request, 0, request.length);
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
        Map<Signal<?>, long[]> last = new HashMap<>();
        reporter.scheduleAtFixedRate(() -> backend.received.forEach((signal, counts) -> {
            long[] now = {counts.items.sum(), counts.requests.sum(), counts.bytes.sum()};
            long[] before = last.getOrDefault(signal, new long[3]);
            last.put(signal, now);
            if (now[1] > before[1]) {
                double seconds = every / 1000.0;
                System.out.printf("received %,.0f %ss/s  %,.1f requests/s  %,.2f MB/s (uncompressed)%n", (now[0] - before[0]) / seconds,
                        signal.itemName(), (now[1] - before[1]) / seconds, (now[2] - before[2]) / seconds / 1e6);
            }
        }), every, every, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reporter.shutdownNow();
            backend.received.forEach((signal, counts) -> {
                if (counts.requests.sum() > 0) {
                    System.out.printf("null backend total: %d %ss in %d requests, %d bytes%n",
                            counts.items.sum(), signal.itemName(), counts.requests.sum(), counts.bytes.sum());
                }
            });
        }));
        Thread.currentThread().join();
    }
}
