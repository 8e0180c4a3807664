package io.tributary.exporter.otlphttp;

import io.tributary.config.ByteSize;
import io.tributary.config.ConfigNode;
import io.tributary.config.Squash;
import io.tributary.config.Validated;
import io.tributary.core.data.Signal;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.exporter.confighttp.BodyCompression;
import io.tributary.exporter.confighttp.CompressionParams;
import io.tributary.exporter.confighttp.HttpClientConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The {@code otlphttp} exporter's settings: otelcol's otlphttpexporter keys (confighttp's client
 * keys, the signal endpoints, {@code encoding}) and defaults. Each signal goes to its own endpoint
 * as written ({@code traces_endpoint}, {@code metrics_endpoint}, {@code logs_endpoint}), else to
 * {@code endpoint} + {@code /v1/traces}, {@code /v1/metrics} or {@code /v1/logs}.
 *
 * <p>Accepted so otelcol configs load, without effect: {@code profiles_endpoint}, and the Go
 * transport's buffer and connection-pool knobs ({@code read_buffer_size}, {@code write_buffer_size},
 * {@code max_idle_conns}, {@code max_idle_conns_per_host}, {@code max_conns_per_host},
 * {@code idle_conn_timeout}, {@code disable_keep_alives}, {@code http2_read_idle_timeout},
 * {@code http2_ping_timeout}, {@code force_attempt_http2}): the JDK client sizes its buffers and
 * pools its connections itself. Refused when set, rather than silently ignored: {@code proxy_url},
 * {@code cookies}, {@code middlewares}.
 */
public record OtlpHttpExporterConfig(
        @Squash HttpClientConfig client,
        String tracesEndpoint,
        String metricsEndpoint,
        String logsEndpoint,
        String profilesEndpoint,
        Encoding encoding,
        String compression,
        CompressionParams compressionParams,
        QueueConfig sendingQueue,
        RetryConfig retryOnFailure,
        ByteSize readBufferSize,
        ByteSize writeBufferSize,
        int maxIdleConns,
        int maxIdleConnsPerHost,
        int maxConnsPerHost,
        Duration idleConnTimeout,
        boolean disableKeepAlives,
        Duration http2ReadIdleTimeout,
        Duration http2PingTimeout,
        boolean forceAttemptHttp2,
        String proxyUrl,
        ConfigNode cookies,
        ConfigNode middlewares) implements Validated {
    public static final OtlpHttpExporterConfig DEFAULT = new OtlpHttpExporterConfig(
            HttpClientConfig.defaults(Duration.ofSeconds(30)), null, null, null, null, Encoding.PROTO, "gzip", CompressionParams.DEFAULT,
            QueueConfig.DEFAULT, RetryConfig.DEFAULT, ByteSize.ofBytes(0), ByteSize.ofBytes(512 * 1024),
            100, 0, 0, Duration.ofSeconds(90), false, Duration.ZERO, Duration.ZERO, true, null, null, null);

    /** The body encoding and the {@code Content-Type} it is sent with. */
    public enum Encoding {
        PROTO("application/x-protobuf"),
        JSON("application/json");

        final String contentType;

        Encoding(String contentType) {
            this.contentType = contentType;
        }
    }

    public OtlpHttpExporterConfig {
        encoding = encoding == null ? Encoding.PROTO : encoding;
        compressionParams = compressionParams == null ? CompressionParams.DEFAULT : compressionParams;
        BodyCompression.of(compression, compressionParams);
        sendingQueue = sendingQueue == null ? QueueConfig.DEFAULT : sendingQueue;
        retryOnFailure = retryOnFailure == null ? RetryConfig.DEFAULT : retryOnFailure;
        if (!empty(client.endpoint())) {
            url(client.endpoint(), "endpoint");
        }
        for (Signal<?> signal : Signal.all()) {
            if (!empty(endpoint(signal))) {
                url(endpoint(signal), signal + "_endpoint");
            }
        }
        refuse("proxy_url", proxyUrl != null && !proxyUrl.isEmpty());
        refuse("cookies", set(cookies));
        refuse("middlewares", set(middlewares));
    }

    /** otelcol's check; whether each signal that is used has an endpoint is checked when its pipeline is built ({@link #url}). */
    @Override
    public void validate() {
        if (empty(client.endpoint()) && empty(tracesEndpoint) && empty(metricsEndpoint) && empty(logsEndpoint)
                && empty(profilesEndpoint)) {
            throw new IllegalArgumentException("at least one endpoint must be specified");
        }
    }

    /**
     * Where {@code signal}'s batches are POSTed: its endpoint as written, else {@code endpoint} +
     * {@code /v1/<signal>}, as otelcol composes it.
     *
     * @throws IllegalArgumentException in otelcol's words when neither is set
     */
    URI url(Signal<?> signal) {
        String own = endpoint(signal);
        if (!empty(own)) {
            return url(own, signal + "_endpoint");
        }
        String endpoint = client.endpoint();
        if (empty(endpoint)) {
            throw new IllegalArgumentException("either endpoint or " + signal + "_endpoint must be specified");
        }
        return url(endpoint.endsWith("/") ? endpoint + "v1/" + signal : endpoint + "/v1/" + signal, "endpoint");
    }

    private String endpoint(Signal<?> signal) {
        return signal == Signal.TRACES ? tracesEndpoint : signal == Signal.METRICS ? metricsEndpoint : logsEndpoint;
    }

    BodyCompression bodyCompression() {
        return BodyCompression.of(compression, compressionParams);
    }

    private static URI url(String value, String key) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " must be a valid URL: " + e.getMessage());
        }
        if ((!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " \"" + value + "\" must be an http:// or https:// URL such as https://example.com:4318");
        }
        return uri;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static boolean set(ConfigNode node) {
        return node != null && !node.isNull();
    }

    private static void refuse(String key, boolean present) {
        if (present) {
            throw new IllegalArgumentException(key + " is not supported yet");
        }
    }
}
