package io.tributary.exporter.jaeger;

import io.tributary.config.Squash;
import io.tributary.config.Validated;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.exporter.confighttp.HttpClientConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The {@code jaeger_thrift} exporter's settings: otelcol's former jaegerthrifthttp keys
 * (confighttp's {@code endpoint}, {@code headers}, {@code timeout}, {@code tls}) plus the exporter
 * helper's queue and retry, and confighttp's {@code auth}. The required {@code endpoint} is the full URL of the Jaeger
 * collector's {@code /api/traces}; {@code tls} applies to {@code https} endpoints.
 */
public record JaegerThriftExporterConfig(
        @Squash HttpClientConfig client,
        QueueConfig sendingQueue,
        RetryConfig retryOnFailure) implements Validated {
    public static final JaegerThriftExporterConfig DEFAULT = new JaegerThriftExporterConfig(
            HttpClientConfig.defaults(Duration.ofSeconds(5)), QueueConfig.DEFAULT, RetryConfig.DEFAULT);

    public JaegerThriftExporterConfig {
        if (client.endpoint() != null) {
            uri(client.endpoint());
        }
    }

    @Override
    public void validate() {
        if (client.endpoint() == null || client.endpoint().isBlank()) {
            throw new IllegalArgumentException("requires a non-empty \"endpoint\"");
        }
    }

    URI uri() {
        return uri(client.endpoint());
    }

    private static URI uri(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\" must be a valid URL: " + e.getMessage());
        }
        if ((!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint \"" + endpoint
                    + "\" must be an http:// or https:// URL such as http://jaeger:14268/api/traces");
        }
        return uri;
    }
}
