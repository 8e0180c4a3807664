package io.tributary.testkit;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.SslContext;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.TraceServiceMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * A real OTLP/gRPC backend for tests: serves {@code TraceService/Export},
 * {@code MetricsService/Export} and {@code LogsService/Export} on loopback, records every accepted
 * request (traces with the headers they came with), and can be told to fail the next calls of any
 * signal with a given status, or be stopped and restarted on the same port.
 */
public final class OtlpBackend implements AutoCloseable {
    /** The OTLP trace export method, requests decoded to protobuf objects. */
    public static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT =
            TraceServiceMethod.export(ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()));
    private static final MethodDescriptor<ExportMetricsServiceRequest, Message> EXPORT_METRICS =
            Signal.METRICS.exportMethod(ProtoUtils.marshaller(ExportMetricsServiceRequest.getDefaultInstance()));
    private static final MethodDescriptor<ExportLogsServiceRequest, Message> EXPORT_LOGS =
            Signal.LOGS.exportMethod(ProtoUtils.marshaller(ExportLogsServiceRequest.getDefaultInstance()));

    private static final Context.Key<Metadata> HEADERS = Context.key("otlp-backend-headers");
    private static final Metadata.Key<String> GRPC_ENCODING =
            Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

    /** One accepted export call: the decoded request, its headers, and its {@code grpc-encoding} (null when uncompressed). */
    public record Received(ExportTraceServiceRequest request, Metadata headers, String encoding) {
        /** The value of a (case-insensitive) header, or null. */
        public String header(String name) {
            return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        }
    }

    private record Failure(Status status, Duration retryDelay) {
    }

    private final SslContext tls;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
    private final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
    /** Guarded by itself: export threads poll it while {@link #stop()} may hold this object's lock. */
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final int port;
    private volatile ExportTraceServiceResponse answer = ExportTraceServiceResponse.getDefaultInstance();
    private Server server;

    private OtlpBackend(int port, SslContext tls) {
        this.tls = tls;
        this.server = serve(port);
        this.port = server.getPort();
    }

    /** A plaintext backend on a free port. */
    public static OtlpBackend start() {
        return start(0);
    }

    /** A plaintext backend on {@code port} (0 picks a free one). */
    public static OtlpBackend start(int port) {
        return new OtlpBackend(port, null);
    }

    /** A TLS backend on a free port, presenting {@code certificate}. */
    public static OtlpBackend startTls(TestCertificate certificate) {
        try {
            return new OtlpBackend(0, certificate.grpcServerContext());
        } catch (SSLException e) {
            throw new IllegalStateException("cannot make a gRPC TLS context", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}, what an exporter's {@code endpoint} should say. */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** Answers the next {@code calls} export calls with {@code status} instead of accepting them. */
    public void failNext(int calls, Status status) {
        failNext(calls, status, null);
    }

    /** Like {@link #failNext(int, Status)}, with a {@code google.rpc.RetryInfo} detail asking for {@code retryDelay}. */
    public void failNext(int calls, Status status, Duration retryDelay) {
        synchronized (failures) {
            for (int i = 0; i < calls; i++) {
                failures.add(new Failure(status, retryDelay));
            }
        }
    }

    /** From now on, accepted calls answer with a {@code partial_success} saying {@code rejectedSpans} were rejected. */
    public void answerPartialSuccess(long rejectedSpans, String errorMessage) {
        answer = ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(rejectedSpans).setErrorMessage(errorMessage))
                .build();
    }

    /** Stops serving (connections are closed); the port stays reserved for {@link #restart()}. */
    public synchronized void stop() {
        server.shutdownNow();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves again on the same port after {@link #stop()}. */
    public synchronized void restart() {
        if (!server.isShutdown()) {
            throw new IllegalStateException("backend is still running");
        }
        server = serve(port);
    }

    /** Every accepted call, in arrival order. */
    public List<Received> requests() {
        return List.copyOf(received);
    }

    /** Export calls seen, including those answered with an injected failure. */
    public int attempts() {
        return attempts.get();
    }

    /** Every accepted span, in arrival order. */
    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (ResourceSpans rs : resourceSpans()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                spans.addAll(ss.getSpansList());
            }
        }
        return spans;
    }

    public List<ResourceSpans> resourceSpans() {
        List<ResourceSpans> all = new ArrayList<>();
        received.forEach(r -> all.addAll(r.request().getResourceSpansList()));
        return all;
    }

    public int spanCount() {
        return spans().size();
    }

    /** Polls until at least {@code spans} spans have been accepted; fails the test after {@code timeout}. */
    public void awaitSpans(int spans, Duration timeout) {
        Await.until(() -> spanCount() >= spans, timeout,
                () -> "expected " + spans + " spans at the backend, got " + spanCount());
    }

    /** Every accepted metrics request, in arrival order. */
    public List<ExportMetricsServiceRequest> metricsRequests() {
        return List.copyOf(metrics);
    }

    public List<ResourceMetrics> resourceMetrics() {
        return metrics.stream().flatMap(request -> request.getResourceMetricsList().stream()).toList();
    }

    /** Data points accepted, counted as otelcol counts them. */
    public int dataPointCount() {
        return Metrics.of(resourceMetrics()).dataPointCount();
    }

    /** Polls until at least {@code points} data points have been accepted; fails the test after {@code timeout}. */
    public void awaitDataPoints(int points, Duration timeout) {
        Await.until(() -> dataPointCount() >= points, timeout,
                () -> "expected " + points + " data points at the backend, got " + dataPointCount());
    }

    /** Every accepted logs request, in arrival order. */
    public List<ExportLogsServiceRequest> logsRequests() {
        return List.copyOf(logs);
    }

    public List<ResourceLogs> resourceLogs() {
        return logs.stream().flatMap(request -> request.getResourceLogsList().stream()).toList();
    }

    public int logRecordCount() {
        return Logs.of(resourceLogs()).logRecordCount();
    }

    /** Polls until at least {@code records} log records have been accepted; fails the test after {@code timeout}. */
    public void awaitLogRecords(int records, Duration timeout) {
        Await.until(() -> logRecordCount() >= records, timeout,
                () -> "expected " + records + " log records at the backend, got " + logRecordCount());
    }

    @Override
    public void close() {
        stop();
    }

    private Server serve(int bindPort) {
        ServerServiceDefinition service = ServerServiceDefinition.builder(EXPORT.getServiceName())
                .addMethod(EXPORT, ServerCalls.asyncUnaryCall(this::export))
                .build();
        ServerServiceDefinition metricsService = ServerServiceDefinition.builder(EXPORT_METRICS.getServiceName())
                .addMethod(EXPORT_METRICS, ServerCalls.asyncUnaryCall((request, response) -> accept(request, metrics, response,
                        ExportMetricsServiceResponse.getDefaultInstance())))
                .build();
        ServerServiceDefinition logsService = ServerServiceDefinition.builder(EXPORT_LOGS.getServiceName())
                .addMethod(EXPORT_LOGS, ServerCalls.asyncUnaryCall((request, response) -> accept(request, logs, response,
                        ExportLogsServiceResponse.getDefaultInstance())))
                .build();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", bindPort))
                .addService(ServerInterceptors.intercept(service, OtlpBackend::withHeaders))
                .addService(metricsService)
                .addService(logsService);
        if (tls != null) {
            builder.sslContext(tls);
        }
        try {
            return builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the OTLP backend to port " + bindPort, e);
        }
    }

    private static <Q, R> ServerCall.Listener<Q> withHeaders(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
    }

    private void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
        if (failed(response)) {
            return;
        }
        Metadata headers = HEADERS.get();
        received.add(new Received(request, headers, headers.get(GRPC_ENCODING)));
        response.onNext(answer);
        response.onCompleted();
    }

    private <Q> void accept(Q request, List<Q> into, StreamObserver<Message> response,
            Message success) {
        if (failed(response)) {
            return;
        }
        into.add(request);
        response.onNext(success);
        response.onCompleted();
    }

    /** Counts the call and answers it with the next injected failure, if any. */
    private boolean failed(StreamObserver<?> response) {
        attempts.incrementAndGet();
        Failure failure;
        synchronized (failures) {
            failure = failures.poll();
        }
        if (failure == null) {
            return false;
        }
        response.onError(failure.retryDelay() == null
                ? failure.status().asRuntimeException()
                : StatusProto.toStatusRuntimeException(withRetryInfo(failure)));
        return true;
    }

    private static com.google.rpc.Status withRetryInfo(Failure failure) {
        Duration delay = failure.retryDelay();
        RetryInfo retryInfo = RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(delay.getSeconds()).setNanos(delay.getNano()))
                .build();
        return com.google.rpc.Status.newBuilder()
                .setCode(failure.status().getCode().value())
                .setMessage(failure.status().getDescription() == null ? "" : failure.status().getDescription())
                .addDetails(Any.pack(retryInfo))
                .build();
    }
}
