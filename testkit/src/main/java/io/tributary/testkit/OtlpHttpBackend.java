package io.tributary.testkit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.airlift.compress.zstd.ZstdInputStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * A real OTLP/HTTP backend for tests, on loopback: accepts POSTs on any path, undoes the
 * {@code Content-Encoding} (gzip, zlib/deflate, zstd, snappy, x-snappy-framed), decodes protobuf
 * or OTLP/JSON by {@code Content-Type}, and records each request with its path and headers. A
 * path ending in {@code metrics} or {@code logs} ({@code /v1/metrics}, {@code /v1/logs}) carries
 * that signal; any other path traces. It can answer the next requests with a
 * failure (status, {@code Retry-After}, a {@code google.rpc.Status} body) or answer trace
 * successes with a {@code partial_success}.
 */
public final class OtlpHttpBackend implements AutoCloseable {
    /** One accepted request: its path, headers, body after {@code Content-Encoding} was undone, and that body decoded. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, ExportTraceServiceRequest request) {
        /** The first value of a (case-insensitive) header, or null. */
        public String header(String name) {
            return TestHttpServer.header(headers, name);
        }
    }

    /** One accepted metrics or logs request: its path, headers and the decoded request. */
    public record ReceivedRequest<R extends Message>(String path, Map<String, List<String>> headers, R request) {
        /** The first value of a (case-insensitive) header, or null. */
        public String header(String name) {
            return TestHttpServer.header(headers, name);
        }
    }

    private static final String JSON = "application/json";
    private static final String PROTOBUF = "application/x-protobuf";

    private final TestHttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<ReceivedRequest<ExportMetricsServiceRequest>> metrics = new CopyOnWriteArrayList<>();
    private final List<ReceivedRequest<ExportLogsServiceRequest>> logs = new CopyOnWriteArrayList<>();
    private volatile ExportTraceServiceResponse answer = ExportTraceServiceResponse.getDefaultInstance();

    private OtlpHttpBackend(TestCertificate tls) {
        server = tls == null ? TestHttpServer.start("/", this::handle) : TestHttpServer.startTls(tls, "/", this::handle);
    }

    /** A plaintext backend on a free port. */
    public static OtlpHttpBackend start() {
        return new OtlpHttpBackend(null);
    }

    /** An HTTPS backend on a free port, presenting {@code certificate}. */
    public static OtlpHttpBackend startTls(TestCertificate certificate) {
        return new OtlpHttpBackend(certificate);
    }

    /** The base URL, e.g. {@code http://localhost:4318}: what an exporter's {@code endpoint} should say. */
    public String url() {
        return server.url();
    }

    /** Answers the next {@code requests} with {@code status}, a Retry-After when not null, and {@code body} as protobuf when not null. */
    public void failNext(int requests, int status, String retryAfter, com.google.rpc.Status body) {
        server.failNext(requests, new TestHttpServer.Reply(status, PROTOBUF, body == null ? new byte[0] : body.toByteArray()), retryAfter);
    }

    /** From now on, accepted requests are answered with a {@code partial_success}, in the request's encoding. */
    public void answerPartialSuccess(long rejectedSpans, String errorMessage) {
        answer = ExportTraceServiceResponse.newBuilder().setPartialSuccess(
                ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejectedSpans).setErrorMessage(errorMessage)).build();
    }

    /** Every accepted request, in arrival order. */
    public List<Received> requests() {
        return List.copyOf(received);
    }

    /** Requests seen, including those answered with an injected failure. */
    public int attempts() {
        return server.attempts();
    }

    /** Every accepted span, in arrival order. */
    public List<Span> spans() {
        return received.stream().flatMap(r -> r.request().getResourceSpansList().stream())
                .flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(ss -> ss.getSpansList().stream())
                .toList();
    }

    /** Polls until at least {@code spans} spans have been accepted; fails the test after {@code timeout}. */
    public void awaitSpans(int spans, Duration timeout) {
        Await.until(() -> spans().size() >= spans, timeout,
                () -> "expected " + spans + " spans at the backend, got " + spans().size());
    }

    /** Every accepted metrics request, in arrival order. */
    public List<ReceivedRequest<ExportMetricsServiceRequest>> metricsRequests() {
        return List.copyOf(metrics);
    }

    public List<ResourceMetrics> resourceMetrics() {
        return metrics.stream().flatMap(r -> r.request().getResourceMetricsList().stream()).toList();
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
    public List<ReceivedRequest<ExportLogsServiceRequest>> logsRequests() {
        return List.copyOf(logs);
    }

    public List<ResourceLogs> resourceLogs() {
        return logs.stream().flatMap(r -> r.request().getResourceLogsList().stream()).toList();
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
        server.close();
    }

    private TestHttpServer.Reply handle(TestHttpServer.Request http) {
        boolean json = JSON.equals(http.header("Content-Type"));
        try {
            byte[] plain = decompress(http.header("Content-Encoding"), http.body());
            if (http.path().endsWith("metrics") || http.path().endsWith("logs")) {
                return acceptOther(http, plain, json);
            }
            ExportTraceServiceRequest request = json
                    ? OtlpJsonReader.read(new String(plain, StandardCharsets.UTF_8))
                    : ExportTraceServiceRequest.parseFrom(plain);
            received.add(new Received(http.path(), http.headers(), plain, request));
            return json ? new TestHttpServer.Reply(200, JSON, toJson(answer)) : new TestHttpServer.Reply(200, PROTOBUF, answer.toByteArray());
        } catch (IOException | RuntimeException e) {
            return new TestHttpServer.Reply(400, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private TestHttpServer.Reply acceptOther(TestHttpServer.Request http, byte[] plain, boolean json) throws IOException {
        Message success;
        if (http.path().endsWith("metrics")) {
            metrics.add(new ReceivedRequest<>(http.path(), http.headers(), decode(plain, json,
                    ExportMetricsServiceRequest.getDefaultInstance())));
            success = ExportMetricsServiceResponse.getDefaultInstance();
        } else {
            logs.add(new ReceivedRequest<>(http.path(), http.headers(), decode(plain, json, ExportLogsServiceRequest.getDefaultInstance())));
            success = ExportLogsServiceResponse.getDefaultInstance();
        }
        return json ? new TestHttpServer.Reply(200, JSON, toJson(success)) : new TestHttpServer.Reply(200, PROTOBUF, success.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message> M decode(byte[] plain, boolean json, M empty) throws IOException {
        return json ? OtlpJsonReader.read(new String(plain, StandardCharsets.UTF_8), empty)
                : (M) empty.getParserForType().parseFrom(plain);
    }

    private static byte[] toJson(Message message) throws InvalidProtocolBufferException {
        return JsonFormat.printer().print(message).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decompress(String encoding, byte[] body) throws IOException {
        if (encoding == null || encoding.isEmpty()) {
            return body;
        }
        if (encoding.equals("snappy")) {
            SnappyDecompressor snappy = new SnappyDecompressor();
            byte[] out = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
            snappy.decompress(body, 0, body.length, out, 0, out.length);
            return out;
        }
        InputStream raw = new ByteArrayInputStream(body);
        try (InputStream in = switch (encoding) {
            case "gzip" -> new GZIPInputStream(raw);
            case "zlib", "deflate" -> new InflaterInputStream(raw);
            case "zstd" -> new ZstdInputStream(raw);
            case "x-snappy-framed" -> new SnappyFramedInputStream(raw);
            default -> throw new IOException("unsupported Content-Encoding " + encoding);
        }) {
            return in.readAllBytes();
        }
    }
}
