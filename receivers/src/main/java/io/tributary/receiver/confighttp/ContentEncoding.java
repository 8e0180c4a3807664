package io.tributary.receiver.confighttp;

import com.google.protobuf.ByteString;
import io.airlift.compress.zstd.ZstdInputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes an HTTP receiver request's {@code Content-Encoding} with a bound on the inflated size, so a
 * small compressed bomb is stopped after {@code limit} bytes rather than filling the heap.
 */
public final class ContentEncoding {
    /** The inflated body passed the limit. */
    public static final class TooLargeException extends Exception {
        TooLargeException(int limit) {
            super("decompressed request body exceeds " + limit + " bytes");
        }
    }

    /** An encoding this receiver does not speak. */
    public static final class UnsupportedException extends Exception {
        UnsupportedException(String encoding) {
            super("unsupported Content-Encoding: " + encoding);
        }
    }

    private static final int CHUNK = 16 * 1024;

    private ContentEncoding() {
    }

    /**
     * @param encoding the header value, or null when absent
     * @throws IOException the body is corrupt for its encoding
     */
    public static ByteString decode(String encoding, ByteBuf body, int limit)
            throws IOException, TooLargeException, UnsupportedException {
        String name = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "", "identity" -> {
                // The aggregator has already held the raw body to the same limit.
                return ByteString.copyFrom(body.nioBuffer());
            }
            case "gzip", "x-gzip" -> {
                try (InputStream in = new GZIPInputStream(new ByteBufInputStream(body.duplicate()), CHUNK)) {
                    return readBounded(in, limit);
                }
            }
            case "deflate", "zlib" -> {
                // Clients disagree on what "deflate" means: zlib-wrapped (RFC 9110) or raw RFC 1951.
                Inflater inflater = new Inflater(!hasZlibHeader(body));
                try (InputStream in = new InflaterInputStream(new ByteBufInputStream(body.duplicate()), inflater, CHUNK)) {
                    return readBounded(in, limit);
                } finally {
                    inflater.end();
                }
            }
            case "zstd" -> {
                try (InputStream in = new ZstdInputStream(new ByteBufInputStream(body.duplicate()))) {
                    return readBounded(in, limit);
                } catch (RuntimeException e) {
                    // aircompressor reports a corrupt frame as an unchecked MalformedInputException.
                    throw new IOException("invalid zstd data: " + e.getMessage(), e);
                }
            }
            default -> throw new UnsupportedException(encoding);
        }
    }

    private static boolean hasZlibHeader(ByteBuf body) {
        if (body.readableBytes() < 2) {
            return false;
        }
        int cmf = body.getUnsignedByte(body.readerIndex());
        int flg = body.getUnsignedByte(body.readerIndex() + 1);
        return (cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0;
    }

    private static ByteString readBounded(InputStream in, int limit) throws IOException, TooLargeException {
        ByteString.Output out = ByteString.newOutput(CHUNK);
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(chunk)) != -1; ) {
            total += n;
            if (total > limit) {
                throw new TooLargeException(limit);
            }
            out.write(chunk, 0, n);
        }
        return out.toByteString();
    }
}
