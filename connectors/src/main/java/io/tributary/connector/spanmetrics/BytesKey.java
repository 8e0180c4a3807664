package io.tributary.connector.spanmetrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A key of bytes: a series' identity as otelcol keys it (the text of its dimension values joined
 * by NUL bytes, so, as in otelcol, an int 200 and a string "200" are one series, and a dimension
 * left out shifts the others), or a resource's (its attributes, sorted). One instance is the
 * scratch a key is written into and looked up with; {@link #copy()} makes the key a map keeps.
 */
final class BytesKey {
    private static final byte SEPARATOR = 0;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private byte[] bytes;
    private int length;
    private int hash;

    BytesKey() {
        this(new byte[256], 0);
    }

    private BytesKey(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
        rehash();
    }

    static BytesKey of(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new BytesKey(utf8, utf8.length);
    }

    void reset() {
        length = 0;
    }

    /** Starts the next value: otelcol puts a separator before every value but the service name. */
    void separator() {
        put(SEPARATOR);
    }

    void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    void put(byte[] src, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(src, from, bytes, length, n);
        length += n;
    }

    void put(byte[] src) {
        put(src, 0, src.length);
    }

    void putInt(int value) {
        put((byte) (value >>> 24));
        put((byte) (value >>> 16));
        put((byte) (value >>> 8));
        put((byte) value);
    }

    /** Ends writing: the key may now be looked up. */
    BytesKey done() {
        rehash();
        return this;
    }

    BytesKey copy() {
        return new BytesKey(Arrays.copyOf(bytes, length), length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** A multiplicative hash eight bytes at a time: keys are hashed once per span. */
    private void rehash() {
        long h = length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(bytes, i)) * MIX;
        }
        for (; i < length; i++) {
            h = (h ^ bytes[i]) * MIX;
        }
        hash = (int) (h ^ h >>> 32);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BytesKey key && key.hash == hash
                && Arrays.equals(bytes, 0, length, key.bytes, 0, key.length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8).replace('\0', '|');
    }
}
