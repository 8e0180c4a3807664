package io.tributary.exporter.jaeger;

import io.tributary.config.Validated;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.core.net.auth.AuthConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code jaeger_thrift} exporter's settings: otelcol's former jaegerthrifthttp keys
 * (confighttp's {@code endpoint}, {@code headers}, {@code timeout}, {@code tls}) plus the exporter
 * helper's queue and retry, and confighttp's {@code auth}. The required {@code endpoint} is the full URL of the Jaeger
 * collector's {@code /api/traces}; {@code tls} applies to {@code https} endpoints.
 */
public record JaegerThriftExporterConfig(
        String endpoint,
        Map<String, String> headers,
        Duration timeout,
        TlsClientConfig tls,
        QueueConfig sendingQueue,
        RetryConfig retryOnFailure,
        AuthConfig auth) implements Validated {
    public static final JaegerThriftExporterConfig DEFAULT = new JaegerThriftExporterConfig(
            null, Map.of(), Duration.ofSeconds(5), TlsClientConfig.DEFAULT, QueueConfig.DEFAULT, RetryConfig.DEFAULT, null);

    public JaegerThriftExporterConfig {
        if (endpoint != null) {
            uri(endpoint);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        tls = tls == null ? TlsClientConfig.DEFAULT : tls;
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
    }

    @Override
    public void validate() {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("requires a non-empty \"endpoint\"");
        }
    }

    URI uri() {
        return uri(endpoint);
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
