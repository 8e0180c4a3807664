package io.tributary.core.telemetry.push;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.tributary.core.net.ClientTls;
import io.tributary.core.telemetry.TelemetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/**
 * OTLP/HTTP protobuf POSTs with the JDK's HTTP client, HTTP/1.1 as Go's client speaks to a
 * plaintext backend. The configured headers go first, then {@code Content-Type}, as the
 * OpenTelemetry SDK's exporter sets them.
 */
final class HttpMetricsPush implements MetricsPush {
    private static final String PROTOBUF = "application/x-protobuf";
    /** How much of a failure's body the error quotes. */
    private static final int ERROR_BODY_CHARS = 256;

    private final HttpClient client;
    private final URI url;
    private final HttpRequest.Builder request;
    private final boolean gzip;

    private HttpMetricsPush(HttpClient client, URI url, HttpRequest.Builder request, boolean gzip) {
        this.client = client;
        this.url = url;
        this.request = request;
        this.gzip = gzip;
    }

    /** @throws IllegalArgumentException for a header the JDK client sets itself (Host, Content-Length, ...) */
    static HttpMetricsPush open(TelemetryConfig.Otlp otlp) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (!otlp.plaintext()) {
            JdkSslContext ssl = (JdkSslContext) ClientTls.build(SslContextBuilder.forClient().sslProvider(SslProvider.JDK), otlp.tls());
            client.sslContext(ssl.context());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(otlp.url());
        otlp.headerValues().forEach(request::setHeader);
        request.setHeader("Content-Type", PROTOBUF);
        boolean gzip = otlp.compression() == TelemetryConfig.Compression.GZIP;
        if (gzip) {
            request.setHeader("Content-Encoding", "gzip");
        }
        return new HttpMetricsPush(client.build(), otlp.url(), request, gzip);
    }

    @Override
    public void send(ExportMetricsServiceRequest export, Duration timeout) throws Exception {
        byte[] body = gzip ? gzip(export.toByteArray()) : export.toByteArray();
        HttpResponse<byte[]> response = client.send(request.copy().timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String text = new String(response.body(), StandardCharsets.UTF_8).strip();
            throw new IOException("HTTP " + status + " from " + url
                    + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(text.length(), ERROR_BODY_CHARS))));
        }
        if (response.body().length > 0 && response.headers().firstValue("Content-Type").orElse("").equals(PROTOBUF)) {
            MetricsPush.checkPartialSuccess(ExportMetricsServiceResponse.parseFrom(response.body()).getPartialSuccess());
        }
    }

    /** The JDK client holds no connection worth closing; its threads end with it. */
    @Override
    public void close() {
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }
}
