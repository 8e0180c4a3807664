package io.tributary.exporter.zipkin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** An in-test Zipkin collector: records every POST to {@code /api/v2/spans} and can answer failures first. */
final class ZipkinCollector implements AutoCloseable {
    record Received(String contentType, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Failure(int status, String retryAfter) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();

    private ZipkinCollector(HttpServer server) {
        this.server = server;
    }

    static ZipkinCollector start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ZipkinCollector collector = new ZipkinCollector(server);
        server.createContext("/api/v2/spans", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Failure failure;
            synchronized (collector) {
                collector.received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                failure = collector.failures.poll();
            }
            if (failure != null && failure.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", failure.retryAfter());
            }
            exchange.sendResponseHeaders(failure == null ? 202 : failure.status(), -1);
            exchange.close();
        });
        server.start();
        return collector;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans";
    }

    synchronized void failNext(int times, int status, String retryAfter) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(status, retryAfter));
        }
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
