package io.tributary.exporter.jaeger;

import io.tributary.config.ByteSize;
import io.tributary.config.Problems;
import io.tributary.config.Validated;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.core.net.auth.AuthConfig;
import io.tributary.core.net.auth.ClientAuthenticator;
import io.tributary.exporter.grpc.GrpcClientChannel;
import io.tributary.exporter.grpc.GrpcTarget;
import io.tributary.exporter.grpc.KeepaliveConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code jaeger} exporter's settings: the keys and defaults of otelcol's jaegerexporter as it
 * was before its removal in v0.85 (configgrpc client keys, no compression, no keepalive pings and
 * grpc-java's default balancer unless configured; TLS unless {@code tls: {insecure: true}}). The
 * required {@code endpoint} ({@code host:port} of the collector's gRPC port, usually 14250) is
 * checked by {@link #validate()} because the default has none. {@code read_buffer_size} and
 * {@code write_buffer_size} are accepted so old configs load; Netty sizes its own buffers.
 */
public record JaegerExporterConfig(
        String endpoint,
        TlsClientConfig tls,
        Map<String, String> headers,
        String compression,
        Duration timeout,
        QueueConfig sendingQueue,
        RetryConfig retryOnFailure,
        String balancerName,
        KeepaliveConfig keepalive,
        ByteSize readBufferSize,
        ByteSize writeBufferSize,
        boolean waitForReady,
        String authority,
        AuthConfig auth) implements Validated {
    public static final JaegerExporterConfig DEFAULT = new JaegerExporterConfig(
            null, TlsClientConfig.DEFAULT, Map.of(), null, Duration.ofSeconds(5), QueueConfig.DEFAULT, RetryConfig.DEFAULT,
            null, null, null, ByteSize.ofBytes(512 * 1024), false, null, null);

    public JaegerExporterConfig {
        Problems problems = new Problems();
        GrpcTarget.check(problems, endpoint);
        problems.throwIfAny();
        tls = tls == null ? TlsClientConfig.DEFAULT : tls;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        if (compression != null && !compression.isEmpty() && !compression.equalsIgnoreCase("none")
                && !compression.equalsIgnoreCase("gzip")) {
            throw new IllegalArgumentException("compression \"" + compression + "\" is not supported (use gzip or none)");
        }
        GrpcClientChannel.checkConfig(balancerName);
    }

    @Override
    public void validate() {
        GrpcTarget.parse(endpoint);
    }

    boolean gzip() {
        return "gzip".equalsIgnoreCase(compression);
    }

    GrpcClientChannel.Settings channelSettings(ClientAuthenticator authenticator) {
        return new GrpcClientChannel.Settings(endpoint, tls, headers, authority, balancerName, keepalive, authenticator);
    }
}
