package io.tributary.exporter.jaeger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jaegertracing.thriftjava.Batch;
import io.tributary.testkit.TestCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.protocol.TBinaryProtocol;

/** A Jaeger collector's {@code /api/traces} for tests: decodes each Thrift binary Batch and records it with its headers. */
final class ThriftHttpCollector implements AutoCloseable {
    record Received(Batch batch, String contentType, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Failure(int status, String retryAfter) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger attempts = new AtomicInteger();

    private ThriftHttpCollector(HttpServer server) {
        this.server = server;
    }

    static ThriftHttpCollector start() throws IOException {
        return start(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** An HTTPS collector presenting {@code certificate}. */
    static ThriftHttpCollector startTls(TestCertificate certificate) throws Exception {
        SSLContext ssl = certificate.serverContext();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        return start(server);
    }

    private static ThriftHttpCollector start(HttpServer server) {
        ThriftHttpCollector collector = new ThriftHttpCollector(server);
        server.createContext("/api/traces", collector::handle);
        server.start();
        return collector;
    }

    /** The {@code /api/traces} URL, naming the host {@code localhost} as the test certificate does. */
    String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://localhost:" + server.getAddress().getPort() + "/api/traces";
    }

    /** The next {@code times} requests are answered {@code status}, with a Retry-After header when not null. */
    void failNext(int times, int status, String retryAfter) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(status, retryAfter));
        }
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Batch> batches() {
        return received.stream().map(Received::batch).toList();
    }

    int attempts() {
        return attempts.get();
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
                exchange.sendResponseHeaders(failure.status(), -1);
                return;
            }
            Batch batch = new Batch();
            try {
                new TDeserializer(new TBinaryProtocol.Factory()).deserialize(batch, body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            received.add(new Received(batch, exchange.getRequestHeaders().getFirst("Content-Type"),
                    Map.copyOf(exchange.getRequestHeaders())));
            exchange.sendResponseHeaders(202, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
