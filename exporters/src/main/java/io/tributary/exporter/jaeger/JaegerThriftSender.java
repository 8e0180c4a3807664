package io.tributary.exporter.jaeger;

import io.jaegertracing.thriftjava.Batch;
import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.core.net.auth.Authenticators;
import io.tributary.exporter.confighttp.HttpPoster;
import io.tributary.translator.jaeger.JaegerThriftTranslator;
import java.time.Duration;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;

/**
 * POSTs one Thrift binary {@code Batch} per resource to a Jaeger collector's {@code /api/traces},
 * as otelcol's jaegerthrifthttp exporter did. The batches of one call share the timeout; when one
 * fails the whole call is retried, so a backend may see the batches before it twice
 * (at-least-once, like otelcol).
 */
final class JaegerThriftSender implements Sender {
    static final String CONTENT_TYPE = "application/x-thrift";

    private final JaegerThriftExporterConfig config;
    private volatile HttpPoster poster;

    JaegerThriftSender(JaegerThriftExporterConfig config) {
        this.config = config;
    }

    /** Builds the client only: nothing connects until the first send, so a backend that is down does not fail start. */
    @Override
    public void start(Host host) throws Exception {
        poster = HttpPoster.create(config.uri(), config.client().tls(), config.client().headers(), CONTENT_TYPE,
                Authenticators.client(host, config.client().auth(), "auth"));
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        List<Batch> batches = JaegerThriftTranslator.toBatches(traces);
        long deadline = System.nanoTime() + timeout.toNanos();
        TSerializer serializer = serializer();
        for (Batch batch : batches) {
            byte[] body;
            try {
                body = serializer.serialize(batch);
            } catch (TException e) {
                throw SendException.permanent("cannot encode a Jaeger Thrift batch: " + e.getMessage(), e);
            }
            poster.post(body, timeout.isZero() ? Duration.ZERO : remaining(deadline));
        }
    }

    @Override
    public void shutdown() {
        // The JDK client has no close before Java 21; its idle connections time out on their own.
    }

    private static Duration remaining(long deadline) throws SendException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw SendException.retryable("export timed out before every batch was sent", null, null);
        }
        return Duration.ofNanos(left);
    }

    private static TSerializer serializer() throws SendException {
        try {
            return new TSerializer(new TBinaryProtocol.Factory());
        } catch (TException e) {
            throw SendException.permanent("cannot create a Thrift serializer: " + e.getMessage(), e);
        }
    }
}
