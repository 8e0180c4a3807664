package io.tributary.exporter.jaeger;

import io.tributary.config.ByteSize;
import io.tributary.config.Squash;
import io.tributary.config.Validated;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.exporter.configgrpc.GrpcClientConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code jaeger} exporter's settings: the keys and defaults of otelcol's jaegerexporter as it
 * was before its removal in v0.85 (configgrpc client keys, no compression, no keepalive pings and
 * grpc-java's default balancer unless configured; TLS unless {@code tls: {insecure: true}}). The
 * required {@code endpoint} ({@code host:port} of the collector's gRPC port, usually 14250) is
 * checked by {@link #validate()} because the default has none.
 */
public record JaegerExporterConfig(
        @Squash GrpcClientConfig client,
        Duration timeout,
        QueueConfig sendingQueue,
        RetryConfig retryOnFailure) implements Validated {
    public static final JaegerExporterConfig DEFAULT = new JaegerExporterConfig(
            new GrpcClientConfig(null, TlsClientConfig.DEFAULT, Map.of(), null, null, null, null, ByteSize.ofBytes(512 * 1024), false,
                    null, null),
            Duration.ofSeconds(5), QueueConfig.DEFAULT, RetryConfig.DEFAULT);

    public JaegerExporterConfig {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        String compression = client.compression();
        if (compression != null && !compression.isEmpty() && !compression.equalsIgnoreCase("none")
                && !compression.equalsIgnoreCase("gzip")) {
            throw new IllegalArgumentException("compression \"" + compression + "\" is not supported (use gzip or none)");
        }
    }

    @Override
    public void validate() {
        client.validate();
    }
}
