package io.tributary.receiver.otlp;

import io.tributary.config.Problems;
import io.tributary.config.Squash;
import io.tributary.core.data.Signal;
import io.tributary.core.net.HttpServerConfig;
import java.util.List;

/**
 * {@code protocols: http:}, with otelcol's keys and defaults: the confighttp server keys
 * ({@link HttpServerConfig}: timeouts against slow clients, {@code auth}, {@code include_metadata},
 * {@code transport}), each signal's URL path, and CORS.
 */
public record HttpConfig(
        @Squash HttpServerConfig server,
        String tracesUrlPath,
        String metricsUrlPath,
        String logsUrlPath,
        Cors cors) {
    public static final HttpConfig DEFAULT = new HttpConfig(HttpServerConfig.DEFAULT.withDefaultEndpoint("localhost:4318"),
            "/v1/traces", "/v1/metrics", "/v1/logs", null);

    public HttpConfig {
        Problems problems = new Problems();
        tracesUrlPath = urlPath(problems, "traces_url_path", tracesUrlPath);
        metricsUrlPath = urlPath(problems, "metrics_url_path", metricsUrlPath);
        logsUrlPath = urlPath(problems, "logs_url_path", logsUrlPath);
        problems.throwIfAny();
    }

    /** Where {@code signal}'s requests are posted. */
    String urlPath(Signal<?> signal) {
        return signal == Signal.TRACES ? tracesUrlPath : signal == Signal.METRICS ? metricsUrlPath : logsUrlPath;
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
