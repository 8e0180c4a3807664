package io.tributary.exporter.otlp;

import io.tributary.config.ByteSize;
import io.tributary.config.Squash;
import io.tributary.config.Validated;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.exporter.configgrpc.GrpcClientConfig;
import io.tributary.exporter.configgrpc.KeepaliveConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code otlp} exporter's settings: otelcol's otlpexporter keys and defaults, the configgrpc
 * client keys among them. The required {@code endpoint} is checked by {@link #validate()} because
 * the default has none.
 *
 * <p>{@code compression_params} is not an otelcol key for gRPC exporters (only confighttp has it;
 * otelcol's {@code otlp} exporter always gzips at grpc-go's default level, which is zlib's 6).
 * It is accepted here with confighttp's meaning because the gzip level is the largest single
 * CPU cost of an export: see docs/BENCHMARKS.md.
 */
public record OtlpExporterConfig(
        @Squash GrpcClientConfig client,
        CompressionParams compressionParams,
        Duration timeout,
        QueueConfig sendingQueue,
        RetryConfig retryOnFailure) implements Validated {
    public static final OtlpExporterConfig DEFAULT = new OtlpExporterConfig(
            new GrpcClientConfig(null, TlsClientConfig.DEFAULT, Map.of(), "gzip", "round_robin", KeepaliveConfig.DEFAULT, null,
                    ByteSize.ofBytes(512 * 1024), false, null, null),
            CompressionParams.DEFAULT, Duration.ofSeconds(5), QueueConfig.DEFAULT, RetryConfig.DEFAULT);

    public OtlpExporterConfig {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        checkCompression(client.compression());
        compressionParams = compressionParams == null ? CompressionParams.DEFAULT : compressionParams;
        if (!client.gzip() && compressionParams.level() != 0) {
            throw new IllegalArgumentException("compression_params: level " + compressionParams.level()
                    + " is not supported for compression \"" + client.compression() + "\"");
        }
    }

    @Override
    public void validate() {
        client.validate();
    }

    /** The same exporter sending to {@code endpoint} with no queue of its own. */
    public OtlpExporterConfig unqueuedTo(String endpoint) {
        return new OtlpExporterConfig(client.withEndpoint(endpoint), compressionParams, timeout, QueueConfig.DISABLED, retryOnFailure);
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
