package io.tributary.receiver.otlp;

import io.tributary.config.ByteSize;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.TlsServerConfig;
import java.util.List;

/**
 * {@code protocols: http:}, with otelcol's keys and defaults. Only traces are received; the
 * metrics and logs paths are accepted so otelcol configs load. {@code include_metadata} is
 * accepted for compatibility: a {@code Traces} batch carries no client metadata.
 */
public record HttpConfig(
        String endpoint,
        String tracesUrlPath,
        String metricsUrlPath,
        String logsUrlPath,
        ByteSize maxRequestBodySize,
        boolean includeMetadata,
        Cors cors,
        TlsServerConfig tls) {
    private static final ByteSize DEFAULT_MAX_BODY = ByteSize.ofMebibytes(20);

    public static final HttpConfig DEFAULT = new HttpConfig(
            "localhost:4318", "/v1/traces", "/v1/metrics", "/v1/logs", DEFAULT_MAX_BODY, false, null, null);

    public HttpConfig {
        HostPort.parse(endpoint);
        tracesUrlPath = withLeadingSlash(tracesUrlPath);
        metricsUrlPath = withLeadingSlash(metricsUrlPath);
        logsUrlPath = withLeadingSlash(logsUrlPath);
        // As in confighttp, 0 (or absent) means the 20 MiB default.
        if (maxRequestBodySize == null || maxRequestBodySize.bytes() == 0) {
            maxRequestBodySize = DEFAULT_MAX_BODY;
        }
        if (maxRequestBodySize.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max_request_body_size must be below 2 GiB");
        }
    }

    int maxBodyBytes() {
        return (int) maxRequestBodySize.bytes();
    }

    private static String withLeadingSlash(String path) {
        return path == null || path.startsWith("/") ? path : "/" + path;
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
