package io.tributary.exporter.otlp;

import io.tributary.config.ByteSize;
import io.tributary.config.Problems;
import io.tributary.config.Validated;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.core.net.auth.AuthConfig;
import io.tributary.exporter.grpc.GrpcClientChannel;
import io.tributary.exporter.grpc.GrpcTarget;
import io.tributary.exporter.grpc.KeepaliveConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code otlp} exporter's settings: otelcol's otlpexporter keys and defaults. The required
 * {@code endpoint} is checked by {@link #validate()} because the default has none.
 * {@code read_buffer_size} and {@code write_buffer_size} are accepted so otelcol configs load,
 * but Netty sizes its own buffers: they tune grpc-go's userspace buffers, which have no
 * equivalent here (mapping them to socket options would switch off the kernel's auto-tuning).
 *
 * <p>{@code compression_params} is not an otelcol key for gRPC exporters (only confighttp has it;
 * otelcol's {@code otlp} exporter always gzips at grpc-go's default level, which is zlib's 6).
 * It is accepted here with confighttp's meaning because the gzip level is the largest single
 * CPU cost of an export: see docs/BENCHMARKS.md.
 */
public record OtlpExporterConfig(
        String endpoint,
        TlsClientConfig tls,
        Map<String, String> headers,
        String compression,
        CompressionParams compressionParams,
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
    public static final OtlpExporterConfig DEFAULT = new OtlpExporterConfig(
            null, TlsClientConfig.DEFAULT, Map.of(), "gzip", CompressionParams.DEFAULT, Duration.ofSeconds(5), QueueConfig.DEFAULT,
            RetryConfig.DEFAULT, "round_robin", KeepaliveConfig.DEFAULT, null, ByteSize.ofBytes(512 * 1024),
            false, null, null);

    public OtlpExporterConfig {
        Problems problems = new Problems();
        GrpcTarget.check(problems, endpoint);
        problems.throwIfAny();
        tls = tls == null ? TlsClientConfig.DEFAULT : tls;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        keepalive = keepalive == null ? KeepaliveConfig.DEFAULT : keepalive;
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        checkCompression(compression);
        compressionParams = compressionParams == null ? CompressionParams.DEFAULT : compressionParams;
        if (!"gzip".equalsIgnoreCase(compression) && compressionParams.level() != 0) {
            throw new IllegalArgumentException("compression_params: level " + compressionParams.level()
                    + " is not supported for compression \"" + compression + "\"");
        }
        GrpcClientChannel.checkConfig(balancerName);
    }

    @Override
    public void validate() {
        GrpcTarget.parse(endpoint);
    }

    /** Whether requests are gzip-compressed; anything else is sent uncompressed. */
    boolean gzip() {
        return "gzip".equalsIgnoreCase(compression);
    }

    /**
     * {@code compression_params} as configcompression has it: for gzip, zlib's levels 1 to 9,
     * -1 for the default (6), -2 for Huffman coding only, 0 also for the default (Go's zero value:
     * the key left out); any other compression takes no level.
     */
    public record CompressionParams(int level) {
        public static final CompressionParams DEFAULT = new CompressionParams(0);

        public CompressionParams {
            if (level < -2 || level > 9) {
                throw new IllegalArgumentException("compression_params: level must be 1 to 9, -1 (default) or -2 (Huffman only), got "
                        + level);
            }
        }
    }

    private static void checkCompression(String compression) {
        if (compression == null || compression.isEmpty() || compression.equalsIgnoreCase("none")
                || compression.equalsIgnoreCase("gzip")) {
            return;
        }
        switch (compression.toLowerCase(java.util.Locale.ROOT)) {
            case "zstd", "snappy", "zlib", "deflate" -> throw new IllegalArgumentException(
                    "compression \"" + compression + "\" is not supported yet (use gzip or none)");
            default -> throw new IllegalArgumentException("unsupported compression type \"" + compression + "\"");
        }
    }
}
