package io.tributary.exporter.otlp;

import io.grpc.Compressor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * grpc-java's "gzip" message encoding at a chosen zlib level; grpc-java's own always uses the
 * default level. Registered per channel under the same name, so the wire format is unchanged.
 */
final class GzipCompressor implements Compressor {
    private final int level;
    private final boolean huffmanOnly;

    /** @param level as in {@link OtlpExporterConfig.CompressionParams}: 1–9, 0 or -1 default, -2 Huffman only */
    GzipCompressor(int level) {
        this.huffmanOnly = level == -2;
        this.level = level <= 0 ? Deflater.DEFAULT_COMPRESSION : level;
    }

    @Override
    public String getMessageEncoding() {
        return "gzip";
    }

    @Override
    public OutputStream compress(OutputStream os) throws IOException {
        return new Stream(os);
    }

    private final class Stream extends GZIPOutputStream {
        Stream(OutputStream out) throws IOException {
            super(out);
            def.setLevel(level); // takes effect from the first deflate: nothing was compressed yet
            if (huffmanOnly) {
                def.setStrategy(Deflater.HUFFMAN_ONLY);
            }
        }
    }
}
