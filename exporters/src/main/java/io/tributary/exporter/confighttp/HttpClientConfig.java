package io.tributary.exporter.confighttp;

import io.tributary.core.net.TlsClientConfig;
import io.tributary.core.net.auth.AuthConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The confighttp client keys every HTTP exporter takes ({@code otlphttp}, {@code zipkin},
 * {@code jaeger_thrift}), which each embeds ({@link io.tributary.config.Squash}) beside its own.
 * Each exporter checks {@code endpoint} itself: what makes a valid URL, and whether one is
 * required, differ between them as in otelcol. {@code otlphttp} adds confighttp's connection keys.
 *
 * @param auth null for no authentication
 */
public record HttpClientConfig(
        String endpoint,
        TlsClientConfig tls,
        Map<String, String> headers,
        Duration timeout,
        AuthConfig auth) {
    public HttpClientConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        tls = tls == null ? TlsClientConfig.DEFAULT : tls;
    }

    /** A client with these keys' defaults, sending to no endpoint until one is configured. */
    public static HttpClientConfig defaults(Duration timeout) {
        return new HttpClientConfig(null, TlsClientConfig.DEFAULT, Map.of(), timeout, null);
    }
}
