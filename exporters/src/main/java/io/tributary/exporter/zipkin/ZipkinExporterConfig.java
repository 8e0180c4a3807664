package io.tributary.exporter.zipkin;

import io.tributary.config.Squash;
import io.tributary.config.Validated;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.exporter.confighttp.HttpClientConfig;
import java.net.URI;
import java.time.Duration;

/**
 * The {@code zipkin} exporter's settings: otelcol's zipkinexporter keys and defaults. The required
 * {@code endpoint} (the full URL, e.g. {@code http://zipkin:9411/api/v2/spans}) is checked by
 * {@link #validate()} because the default has none.
 */
public record ZipkinExporterConfig(
        @Squash HttpClientConfig client,
        Format format,
        String defaultServiceName,
        QueueConfig sendingQueue,
        RetryConfig retryOnFailure) implements Validated {
    public static final ZipkinExporterConfig DEFAULT = new ZipkinExporterConfig(HttpClientConfig.defaults(Duration.ofSeconds(5)), Format.JSON,
            "<missing service name>", QueueConfig.DEFAULT, RetryConfig.DEFAULT);

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
        if (client.endpoint() != null) {
            uri(client.endpoint());
        }
        format = format == null ? Format.JSON : format;
        defaultServiceName = defaultServiceName == null ? DEFAULT.defaultServiceName() : defaultServiceName;
        sendingQueue = sendingQueue == null ? QueueConfig.DEFAULT : sendingQueue;
        retryOnFailure = retryOnFailure == null ? RetryConfig.DEFAULT : retryOnFailure;
    }

    @Override
    public void validate() {
        if (client.endpoint() == null || client.endpoint().isEmpty()) {
            throw new IllegalArgumentException("endpoint required");
        }
    }

    URI uri() {
        return uri(client.endpoint());
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
