package io.tributary.extension.healthcheck;

import io.tributary.core.net.HostPort;
import io.tributary.core.net.TlsServerConfig;
import java.time.Duration;

/**
 * otelcol's {@code health_check} settings. {@code check_collector_pipeline} is accepted so
 * existing configs load, but ignored: otelcol deprecated it as never working reliably, and the
 * status here follows the pipelines' lifecycle only.
 */
public record HealthCheckConfig(
        String endpoint,
        String path,
        ResponseBody responseBody,
        CheckCollectorPipeline checkCollectorPipeline,
        TlsServerConfig tls) {
    public static final HealthCheckConfig DEFAULT = new HealthCheckConfig("localhost:13133", "/", null, null, null);

    public HealthCheckConfig {
        HostPort.parse(endpoint);
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got '" + path + "'");
        }
    }

    /** Bodies to answer with instead of the JSON status, as plain text. */
    public record ResponseBody(String healthy, String unhealthy) {
        public static final ResponseBody DEFAULT = new ResponseBody("", "");
    }

    public record CheckCollectorPipeline(boolean enabled, Duration interval, int exporterFailureThreshold) {
        public static final CheckCollectorPipeline DEFAULT = new CheckCollectorPipeline(false, Duration.ofMinutes(5), 5);
    }
}
