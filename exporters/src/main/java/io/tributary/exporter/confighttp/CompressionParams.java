package io.tributary.exporter.confighttp;

/** confighttp's {@code compression_params}: the level, whose meaning and range depend on the compression. */
public record CompressionParams(int level) {
    public static final CompressionParams DEFAULT = new CompressionParams(0);
}
