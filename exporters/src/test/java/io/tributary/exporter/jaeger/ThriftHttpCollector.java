package io.tributary.exporter.jaeger;

import io.jaegertracing.thriftjava.Batch;
import io.tributary.testkit.TestCertificate;
import io.tributary.testkit.TestHttpServer;
import java.util.List;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;

/** A Jaeger collector's {@code /api/traces} for tests: accepts (202) each request whose body is a Thrift binary Batch. */
final class ThriftHttpCollector implements AutoCloseable {
    private static final String PATH = "/api/traces";

    private final TestHttpServer server;

    private ThriftHttpCollector(TestHttpServer server) {
        this.server = server;
    }

    static ThriftHttpCollector start() {
        return new ThriftHttpCollector(TestHttpServer.start(PATH, ThriftHttpCollector::answer));
    }

    /** An HTTPS collector presenting {@code certificate}. */
    static ThriftHttpCollector startTls(TestCertificate certificate) {
        return new ThriftHttpCollector(TestHttpServer.startTls(certificate, PATH, ThriftHttpCollector::answer));
    }

    /** The {@code /api/traces} URL, naming the host {@code localhost} as the test certificate does. */
    String url() {
        return server.url() + PATH;
    }

    /** The next {@code times} requests are answered {@code status}, with a Retry-After header when not null. */
    void failNext(int times, int status, String retryAfter) {
        server.failNext(times, status, retryAfter);
    }

    /** Every accepted request, in arrival order. */
    List<TestHttpServer.Request> received() {
        return server.requests();
    }

    /** The batch of every accepted request, in arrival order. */
    List<Batch> batches() {
        return received().stream().map(request -> decode(request.body())).toList();
    }

    int attempts() {
        return server.attempts();
    }

    @Override
    public void close() {
        server.close();
    }

    private static TestHttpServer.Reply answer(TestHttpServer.Request request) {
        try {
            decode(request.body());
            return TestHttpServer.Reply.of(202);
        } catch (IllegalArgumentException e) {
            return TestHttpServer.Reply.of(400);
        }
    }

    private static Batch decode(byte[] body) {
        Batch batch = new Batch();
        try {
            new TDeserializer(new TBinaryProtocol.Factory()).deserialize(batch, body);
        } catch (TException e) {
            throw new IllegalArgumentException("not a Thrift binary Batch", e);
        }
        return batch;
    }
}
