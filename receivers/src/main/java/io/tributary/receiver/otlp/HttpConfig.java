package io.tributary.receiver.otlp;

import io.tributary.receiver.http.BodyLimit;
import io.tributary.config.ByteSize;
import io.tributary.config.Problems;
import io.tributary.core.net.ListenAddress;
import io.tributary.core.net.HttpServerTimeouts;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import io.tributary.receiver.http.HttpServerSection;
import java.time.Duration;
import java.util.List;

/**
 * {@code protocols: http:}, with otelcol's keys and defaults. Only traces are received; the
 * metrics and logs paths are accepted so otelcol configs load. The confighttp server keys
 * (timeouts against slow clients, {@code auth}, {@code include_metadata}) are those of {@link HttpServerSection};
 * {@code transport: unix} listens on the socket file named by {@code endpoint}.
 */
public record HttpConfig(
        String endpoint,
        String transport,
        String tracesUrlPath,
        String metricsUrlPath,
        String logsUrlPath,
        ByteSize maxRequestBodySize,
        boolean includeMetadata,
        Cors cors,
        TlsServerConfig tls,
        Duration readTimeout,
        Duration readHeaderTimeout,
        Duration writeTimeout,
        Duration idleTimeout,
        AuthConfig auth) implements HttpServerSection {
    public static final HttpConfig DEFAULT = new HttpConfig(
            "localhost:4318", "tcp", "/v1/traces", "/v1/metrics", "/v1/logs", BodyLimit.DEFAULT, false, null, null,
            HttpServerTimeouts.DEFAULT.readTimeout(), HttpServerTimeouts.DEFAULT.readHeaderTimeout(),
            HttpServerTimeouts.DEFAULT.writeTimeout(), HttpServerTimeouts.DEFAULT.idleTimeout(), null);

    public HttpConfig {
        ListenAddress.of(transport, endpoint);
        Problems problems = new Problems();
        tracesUrlPath = urlPath(problems, "traces_url_path", tracesUrlPath);
        metricsUrlPath = urlPath(problems, "metrics_url_path", metricsUrlPath);
        logsUrlPath = urlPath(problems, "logs_url_path", logsUrlPath);
        problems.throwIfAny();
        maxRequestBodySize = BodyLimit.resolve(maxRequestBodySize);
        new HttpServerTimeouts(readTimeout, readHeaderTimeout, writeTimeout, idleTimeout);
    }

    private static String urlPath(Problems problems, String key, String path) {
        try {
            return path == null ? null : UrlPath.sanitize(path);
        } catch (IllegalArgumentException e) {
            problems.add(key, e.getMessage());
            return path;
        }
    }

    /**
     * {@code cors:}; CORS is served only when {@code allowed_origins} is not empty. Origins may
     * contain {@code *} wildcards; empty {@code allowed_headers} allows the CORS-safelisted set.
     */
    public record Cors(List<String> allowedOrigins, List<String> allowedHeaders, int maxAge) {
        public static final Cors DEFAULT = new Cors(List.of(), List.of(), 0);

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
            allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
        }
    }
}
