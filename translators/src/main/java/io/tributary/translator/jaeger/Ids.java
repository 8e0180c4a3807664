package io.tributary.translator.jaeger;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;

/**
 * Trace and span IDs between OTLP bytes, Jaeger proto bytes and Jaeger Thrift {@code i64}s: the
 * bytes are big-endian unsigned integers, the Thrift longs the same 64 bits read as signed.
 */
final class Ids {
    static final int TRACE_ID_SIZE = 16;
    static final int SPAN_ID_SIZE = 8;

    private Ids() {
    }

    static ByteString traceId(long high, long low) {
        return ByteString.copyFrom(ByteBuffer.allocate(TRACE_ID_SIZE).putLong(high).putLong(low).flip());
    }

    static ByteString spanId(long id) {
        return ByteString.copyFrom(ByteBuffer.allocate(SPAN_ID_SIZE).putLong(id).flip());
    }

    static long high(ByteString traceId) {
        return toLong(sized(traceId, TRACE_ID_SIZE), 0);
    }

    static long low(ByteString traceId) {
        return toLong(sized(traceId, TRACE_ID_SIZE), SPAN_ID_SIZE);
    }

    static long spanIdLong(ByteString spanId) {
        return toLong(sized(spanId, SPAN_ID_SIZE), 0);
    }

    static boolean isZero(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ID at its fixed width: an empty or short ID (a 64-bit trace ID, an unset field) is the
     * same number left-padded with zeros, as Jaeger reads it.
     *
     * @throws IllegalArgumentException when the ID is wider than {@code size} bytes
     */
    static ByteString sized(ByteString id, int size) {
        if (id.size() == size) {
            return id;
        }
        if (id.size() > size) {
            throw new IllegalArgumentException("ID of " + id.size() + " bytes, expected at most " + size);
        }
        return ByteString.copyFrom(new byte[size - id.size()]).concat(id);
    }

    /**
     * A received ID at its fixed width, or empty when it is zero (OTLP's invalid ID, which otelcol
     * leaves out). Jaeger's model reads a trace ID of 8 or 16 bytes and a span ID of 8 (an absent
     * one is zero) and refuses the request for any other width, as otelcol does.
     *
     * @throws IllegalArgumentException for any other width
     */
    static ByteString received(ByteString id, int size) {
        if (id.size() != 0 && id.size() != SPAN_ID_SIZE && id.size() != size) {
            throw new IllegalArgumentException("ID of " + id.size() + " bytes, expected " + SPAN_ID_SIZE
                    + (size == SPAN_ID_SIZE ? "" : " or " + size));
        }
        return isZero(id) ? ByteString.EMPTY : sized(id, size);
    }

    private static long toLong(ByteString bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + SPAN_ID_SIZE; i++) {
            value = (value << 8) | (bytes.byteAt(i) & 0xFF);
        }
        return value;
    }
}
