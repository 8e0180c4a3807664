package io.tributary.testkit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.airlift.compress.zstd.ZstdInputStream;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLContext;

/**
 * A real OTLP/HTTP trace backend for tests, on loopback: accepts POSTs on any path, undoes the
 * {@code Content-Encoding} (gzip, zlib/deflate, zstd, snappy, x-snappy-framed), decodes protobuf
 * or OTLP/JSON by {@code Content-Type}, and records each request with its path and headers. It
 * can answer the next requests with a failure (status, {@code Retry-After}, a
 * {@code google.rpc.Status} body) or answer successes with a {@code partial_success}.
 */
public final class OtlpHttpBackend implements AutoCloseable {
    /** One accepted request: its path, headers, body after {@code Content-Encoding} was undone, and that body decoded. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, ExportTraceServiceRequest request) {
        /** The first value of a (case-insensitive) header, or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Failure(int status, String retryAfter, com.google.rpc.Status body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile ExportTraceServiceResponse answer = ExportTraceServiceResponse.getDefaultInstance();

    private OtlpHttpBackend(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    /** A plaintext backend on a free port. */
    public static OtlpHttpBackend start() {
        try {
            return new OtlpHttpBackend(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS backend on a free port, presenting the key and certificate of {@code ssl}. */
    public static OtlpHttpBackend startTls(SSLContext ssl) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(ssl));
            return new OtlpHttpBackend(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, e.g. {@code http://localhost:4318}: what an exporter's {@code endpoint} should say. */
    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://localhost:" + server.getAddress().getPort();
    }

    /** Answers the next {@code requests} with {@code status}, a Retry-After when not null, and {@code body} as protobuf when not null. */
    public void failNext(int requests, int status, String retryAfter, com.google.rpc.Status body) {
        for (int i = 0; i < requests; i++) {
            failures.add(new Failure(status, retryAfter, body));
        }
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
        return attempts.get();
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

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            attempts.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Failure failure = failures.poll();
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                respond(exchange, failure.status(), "application/x-protobuf",
                        failure.body() == null ? new byte[0] : failure.body().toByteArray());
                return;
            }
            boolean json = "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] plain;
            ExportTraceServiceRequest request;
            try {
                plain = decompress(exchange.getRequestHeaders().getFirst("Content-Encoding"), body);
                request = json ? OtlpJsonReader.read(new String(plain, StandardCharsets.UTF_8)) : ExportTraceServiceRequest.parseFrom(plain);
            } catch (IOException | RuntimeException e) {
                respond(exchange, 400, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), plain, request));
            respond(exchange, 200, json ? "application/json" : "application/x-protobuf", json ? toJson(answer) : answer.toByteArray());
        }
    }

    private static byte[] toJson(Message message) throws InvalidProtocolBufferException {
        return JsonFormat.printer().print(message).getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
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
