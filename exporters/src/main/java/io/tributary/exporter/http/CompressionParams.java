package io.tributary.exporter.http;

/** confighttp's {@code compression_params}: the level, whose meaning and range depend on the compression. */
public record CompressionParams(int level) {
    public static final CompressionParams DEFAULT = new CompressionParams(0);
}
