package io.tributary.exporter.zipkin;

import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.core.net.auth.Authenticators;
import io.tributary.exporter.confighttp.HttpPoster;
import io.tributary.translator.zipkin.ZipkinTranslator;
import java.time.Duration;
import java.util.List;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/** Translates a batch to Zipkin v2 spans and POSTs it in one request. */
final class ZipkinSender implements Sender {
    private final ZipkinExporterConfig config;
    private final SpanBytesEncoder encoder;
    private volatile HttpPoster poster;

    ZipkinSender(ZipkinExporterConfig config) {
        this.config = config;
        this.encoder = config.format() == ZipkinExporterConfig.Format.PROTO ? SpanBytesEncoder.PROTO3 : SpanBytesEncoder.JSON_V2;
    }

    @Override
    public void start(Host host) throws Exception {
        poster = HttpPoster.create(config.uri(), config.client().tls(), config.client().headers(), config.format().contentType,
                Authenticators.client(host, config.client().auth(), "auth"));
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        List<Span> spans;
        try {
            spans = ZipkinTranslator.toSpans(traces).stream().map(this::withServiceName).toList();
        } catch (RuntimeException e) {
            // Zipkin cannot carry what the translator refused (an all-zero or missing ID): retrying will not help.
            throw SendException.permanent("cannot translate spans to Zipkin: " + e.getMessage(), e);
        }
        if (!spans.isEmpty()) {
            poster.post(encoder.encodeList(spans), timeout);
        }
    }

    /** A span of a resource without {@code service.name} is reported under {@code default_service_name}. */
    private Span withServiceName(Span span) {
        Endpoint local = span.localEndpoint();
        if (local == null || !ZipkinTranslator.NO_SERVICE_NAME.equalsIgnoreCase(local.serviceName())) {
            return span;
        }
        return span.toBuilder().localEndpoint(local.toBuilder().serviceName(config.defaultServiceName()).build()).build();
    }

    @Override
    public void shutdown() {
        // The JDK client has no close before Java 21; its idle connections time out on their own.
    }
}
