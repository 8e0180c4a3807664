package io.tributary.exporter.zipkin;

import io.tributary.config.Validated;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.core.net.auth.AuthConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code zipkin} exporter's settings: otelcol's zipkinexporter keys and defaults. The required
 * {@code endpoint} (the full URL, e.g. {@code http://zipkin:9411/api/v2/spans}) is checked by
 * {@link #validate()} because the default has none.
 */
public record ZipkinExporterConfig(
        String endpoint,
        Format format,
        String defaultServiceName,
        Duration timeout,
        Map<String, String> headers,
        TlsClientConfig tls,
        QueueConfig sendingQueue,
        RetryConfig retryOnFailure,
        AuthConfig auth) implements Validated {
    public static final ZipkinExporterConfig DEFAULT = new ZipkinExporterConfig(null, Format.JSON, "<missing service name>",
            Duration.ofSeconds(5), Map.of(), TlsClientConfig.DEFAULT, QueueConfig.DEFAULT, RetryConfig.DEFAULT, null);

    /** The Zipkin v2 encoding sent. */
    public enum Format {
        JSON("application/json"),
        PROTO("application/x-protobuf");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }
    }

    public ZipkinExporterConfig {
        if (endpoint != null) {
            uri(endpoint);
        }
        format = format == null ? Format.JSON : format;
        defaultServiceName = defaultServiceName == null ? DEFAULT.defaultServiceName() : defaultServiceName;
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        tls = tls == null ? TlsClientConfig.DEFAULT : tls;
        sendingQueue = sendingQueue == null ? QueueConfig.DEFAULT : sendingQueue;
        retryOnFailure = retryOnFailure == null ? RetryConfig.DEFAULT : retryOnFailure;
    }

    @Override
    public void validate() {
        if (endpoint == null || endpoint.isEmpty()) {
            throw new IllegalArgumentException("endpoint required");
        }
    }

    URI uri() {
        return uri(endpoint);
    }

    private static URI uri(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint: invalid URL \"" + endpoint + "\"", e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint: \"" + endpoint + "\" must be an http:// or https:// URL");
        }
        return uri;
    }
}
