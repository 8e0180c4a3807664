package io.tributary.exporter.confighttp;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyFramedOutputStream;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * An HTTP client's request {@code compression} as otelcol's confighttp has it: the body is
 * compressed whole and sent with the compression's name as {@code Content-Encoding}. Both
 * {@code zlib} and {@code deflate} are zlib-wrapped, as Go writes them; {@code snappy} is a raw
 * snappy block and {@code x-snappy-framed} the framing format. {@code lz4} is refused: the JVM
 * library we carry has no LZ4 frame format.
 */
public final class BodyCompression {
    /** No compression: {@code none} or the key left empty. */
    public static final BodyCompression NONE = new BodyCompression(null, 0);

    private final String encoding;
    private final int level;

    private BodyCompression(String encoding, int level) {
        this.encoding = encoding;
        this.level = level;
    }

    /**
     * @param compression the configured type, null or empty for none
     * @throws IllegalArgumentException for a type we cannot write or a level the type does not take
     */
    public static BodyCompression of(String compression, CompressionParams params) {
        String type = compression == null ? "" : compression;
        int level = params == null ? 0 : params.level();
        switch (type) {
            case "", "none" -> {
                requireNoLevel(type, level);
                return NONE;
            }
            case "gzip", "zlib", "deflate" -> {
                // configcompression's zlib range; 0 is the key left out (Go's zero value), the default level.
                if (level < -2 || level > 9) {
                    throw new IllegalArgumentException("unsupported parameters {Level:" + level + "} for compression type \"" + type + "\"");
                }
                return new BodyCompression(type, level);
            }
            case "zstd", "snappy", "x-snappy-framed" -> {
                // zstd takes any level in otelcol (mapped to the nearest it has); ours has one, so the level is not used.
                if (!type.equals("zstd")) {
                    requireNoLevel(type, level);
                }
                return new BodyCompression(type, 0);
            }
            case "lz4" -> throw new IllegalArgumentException(
                    "compression \"lz4\" is not supported (use gzip, zstd, zlib, deflate, snappy, x-snappy-framed or none)");
            default -> throw new IllegalArgumentException("unsupported compression type \"" + type + "\"");
        }
    }

    private static void requireNoLevel(String type, int level) {
        if (level != 0) {
            throw new IllegalArgumentException("unsupported parameters {Level:" + level + "} for compression type \""
                    + (type.isEmpty() ? "none" : type) + "\"");
        }
    }

    /** The {@code Content-Encoding} to send, or null when the body goes uncompressed. */
    public String contentEncoding() {
        return encoding;
    }

    public byte[] compress(byte[] body) {
        if (encoding == null) {
            return body;
        }
        if (encoding.equals("snappy")) {
            SnappyCompressor snappy = new SnappyCompressor();
            byte[] out = new byte[snappy.maxCompressedLength(body.length)];
            int n = snappy.compress(body, 0, body.length, out, 0, out.length);
            return Arrays.copyOf(out, n);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (OutputStream stream = stream(out)) {
            stream.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    private OutputStream stream(OutputStream out) throws IOException {
        return switch (encoding) {
            case "gzip" -> new GZIPOutputStream(out) {
                {
                    configure(def);
                }
            };
            case "zlib", "deflate" -> {
                Deflater deflater = new Deflater();
                configure(deflater);
                yield new DeflaterOutputStream(out, deflater) {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        deflater.end(); // a Deflater passed in is not ended by the stream
                    }
                };
            }
            case "zstd" -> new ZstdOutputStream(out);
            case "x-snappy-framed" -> new SnappyFramedOutputStream(out);
            default -> throw new IllegalStateException("no stream for " + encoding);
        };
    }

    /** Level 0 or -1: zlib's default (6); -2: Huffman coding only; 1 to 9 as given. */
    private void configure(Deflater deflater) {
        if (level == -2) {
            deflater.setStrategy(Deflater.HUFFMAN_ONLY);
        } else if (level > 0) {
            deflater.setLevel(level);
        }
    }
}
