package io.tributary.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.core.data.TraceServiceMethod;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A steady trickle of shop traces ({@link DemoTraces}) over OTLP/gRPC, for the docker compose
 * demo: unlike {@link LoadGenerator}, it paces itself to a rate that a person can look at in
 * Grafana, and keeps going when the collector is not up yet (failures are counted and reported).
 *
 * <pre>java -cp bench/target/tributary-bench.jar io.tributary.bench.DemoTraffic \
 *     --endpoint localhost:4317 --traces-per-second 20</pre>
 */
public final class DemoTraffic implements AutoCloseable {
    private static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT =
            TraceServiceMethod.export(ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()));
    private static final long REPORT_SECONDS = 10;
    private static final long DEADLINE_SECONDS = 5;

    private final ManagedChannel channel;
    private final DemoTraces traces;
    private final long periodMicros;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-traffic");
        thread.setDaemon(true);
        return thread;
    });
    final LongAdder traceCount = new LongAdder();
    final LongAdder acceptedRequests = new LongAdder();
    final LongAdder failedRequests = new LongAdder();
    /** The latest failure's status, so a report (or a test) says why requests failed, not only how many. */
    volatile Throwable lastFailure;

    DemoTraffic(String endpoint, int tracesPerSecond, DemoTraces traces) {
        if (tracesPerSecond <= 0) {
            throw new IllegalArgumentException("--traces-per-second must be positive, got " + tracesPerSecond);
        }
        this.channel = NettyChannelBuilder.forTarget(endpoint).usePlaintext().build();
        this.traces = traces;
        this.periodMicros = TimeUnit.SECONDS.toMicros(1) / tracesPerSecond;
    }

    public static void main(String[] args) throws InterruptedException {
        Flags flags = new Flags(args, Map.of("endpoint", "localhost:4317", "traces-per-second", "20"));
        DemoTraffic traffic = new DemoTraffic(flags.string("endpoint"), flags.integer("traces-per-second"),
                new DemoTraces(System.nanoTime(), DemoTraffic::epochNanos));
        Runtime.getRuntime().addShutdownHook(new Thread(traffic::close));
        traffic.start();
        System.out.printf("sending %s traces/s to %s%n", flags.string("traces-per-second"), flags.string("endpoint"));
        while (true) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(REPORT_SECONDS));
            System.out.printf("%d traces sent, %d requests accepted, %d failed%n",
                    traffic.traceCount.sum(), traffic.acceptedRequests.sum(), traffic.failedRequests.sum());
        }
    }

    void start() {
        timer.scheduleAtFixedRate(this::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void sendOne() {
        for (ExportTraceServiceRequest request : traces.next()) {
            ClientCalls.asyncUnaryCall(channel.newCall(EXPORT, CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)),
                    request, new StreamObserver<>() {
                        @Override
                        public void onNext(ExportTraceServiceResponse response) {
                            acceptedRequests.increment();
                        }

                        @Override
                        public void onError(Throwable t) {
                            lastFailure = t;
                            failedRequests.increment();
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
        }
        traceCount.increment();
    }

    private static long epochNanos() {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }

    /** Stops sending and lets the requests in flight finish (up to their deadline). */
    @Override
    public void close() {
        timer.shutdown();
        try {
            // A send still running would otherwise start calls on a shut-down channel, which fail.
            timer.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
            channel.shutdown();
            channel.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
