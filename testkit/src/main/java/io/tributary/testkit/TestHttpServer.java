package io.tributary.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-test HTTP backend, or what every such backend shares: a JDK server on a free loopback
 * port, plain or HTTPS presenting a {@link TestCertificate}, whose URL names {@code localhost} as
 * the certificate does. It counts attempts, answers scripted failures (status, {@code Retry-After},
 * body) before a request reaches the handler, and records every request the handler answers 2xx.
 */
public final class TestHttpServer implements AutoCloseable {
    /** Answers a request that is not failed. */
    public interface Handler {
        Reply handle(Request request);
    }

    /** A status with a body (empty for none) of {@code contentType} (null for none). */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply of(int status) {
            return new Reply(status, null, new byte[0]);
        }
    }

    /** A request: its method, path, headers and body as sent. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        /** The first value of a (case-insensitive) header, or null. */
        public String header(String name) {
            return TestHttpServer.header(headers, name);
        }
    }

    private record Failure(Reply reply, String retryAfter) {
    }

    private final HttpServer server;
    private final Handler handler;
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final List<Request> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();

    private TestHttpServer(HttpServer server, String path, Handler handler) {
        this.server = server;
        this.handler = handler;
        server.createContext(path, this::handle);
        server.start();
    }

    /** A plain HTTP server serving {@code path} (and below it) with {@code handler}. */
    public static TestHttpServer start(String path, Handler handler) {
        try {
            return new TestHttpServer(HttpServer.create(loopback(), 0), path, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain HTTP server that answers every request to {@code path} with {@code status} and no body. */
    public static TestHttpServer answering(String path, int status) {
        return start(path, request -> Reply.of(status));
    }

    /** An HTTPS server presenting {@code certificate}, serving {@code path} with {@code handler}. */
    public static TestHttpServer startTls(TestCertificate certificate, String path, Handler handler) {
        try {
            HttpsServer server = HttpsServer.create(loopback(), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            return new TestHttpServer(server, path, handler);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an HTTPS test server", e);
        }
    }

    /** The base URL, e.g. {@code https://localhost:40123}. */
    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://localhost:" + server.getAddress().getPort();
    }

    /** Answers the next {@code requests} with {@code status}, and a {@code Retry-After} when not null. */
    public void failNext(int requests, int status, String retryAfter) {
        failNext(requests, Reply.of(status), retryAfter);
    }

    /** Answers the next {@code requests} with {@code reply}, and a {@code Retry-After} when not null. */
    public void failNext(int requests, Reply reply, String retryAfter) {
        for (int i = 0; i < requests; i++) {
            failures.add(new Failure(reply, retryAfter));
        }
    }

    /** Requests seen, including those answered with a scripted failure. */
    public int attempts() {
        return attempts.get();
    }

    /** Every request the handler answered 2xx, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The first value of header {@code name} (case-insensitive) among a request's {@code headers}, or null. */
    static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            attempts.incrementAndGet();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes());
            Failure failure = failures.poll();
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                respond(exchange, failure.reply());
                return;
            }
            Reply reply = handler.handle(request);
            // Recorded before the client has its answer, so a test that waited for the answer sees it.
            if (reply.status() / 100 == 2) {
                accepted.add(request);
            }
            respond(exchange, reply);
        }
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            exchange.getResponseBody().write(reply.body());
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
}
