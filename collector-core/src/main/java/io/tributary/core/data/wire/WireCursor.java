package io.tributary.core.data.wire;

import java.util.Objects;

/**
 * Reads protobuf wire format from a range of a byte array, building no objects. Every read
 * checks the range: a truncated varint, a length past the end or a fixed field cut short throws
 * {@link MalformedWireException} rather than reading a neighbour's bytes.
 */
public final class WireCursor {
    private final byte[] buf;
    private int pos;
    private final int limit;

    public WireCursor(byte[] buf, int from, int to) {
        Objects.checkFromToIndex(from, to, buf.length);
        this.buf = buf;
        this.pos = from;
        this.limit = to;
    }

    public byte[] buffer() {
        return buf;
    }

    public int pos() {
        return pos;
    }

    /** Moves to {@code to}, which must lie within the cursor's range (typically a field end from {@link #lengthEnd}). */
    public void pos(int to) {
        if (to < 0 || to > limit) {
            throw new MalformedWireException("position " + to + " is outside the range ending at " + limit);
        }
        pos = to;
    }

    public int limit() {
        return limit;
    }

    public boolean more() {
        return pos < limit;
    }

    public int tag() {
        long tag = varint();
        if (tag >>> 3 == 0 || tag >>> 32 != 0) {
            throw new MalformedWireException("invalid tag " + Long.toUnsignedString(tag) + " at " + pos);
        }
        return (int) tag;
    }

    public long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos == limit) {
                throw new MalformedWireException("varint truncated at " + pos);
            }
            byte b = buf[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedWireException("varint longer than 10 bytes before " + pos);
    }

    public long fixed64() {
        need(8);
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return value;
    }

    /** Reads a length prefix and returns the end of the field; {@link #pos()} is then its first byte. */
    public int lengthEnd() {
        long length = varint();
        if (length < 0 || length > limit - pos) {
            throw new MalformedWireException("length " + Long.toUnsignedString(length) + " at " + pos
                    + " runs past the end (" + (limit - pos) + " bytes left)");
        }
        return pos + (int) length;
    }

    /** Skips the value of a field whose tag was just read. */
    public void skip(int tag) {
        switch (tag & 7) {
            case Schema.WIRETYPE_VARINT -> varint();
            case Schema.WIRETYPE_FIXED64 -> skipFixed(8);
            case Schema.WIRETYPE_LENGTH_DELIMITED -> pos = lengthEnd();
            case Schema.WIRETYPE_FIXED32 -> skipFixed(4);
            case Schema.WIRETYPE_START_GROUP -> skipGroup(tag >>> 3);
            default -> throw new MalformedWireException("unexpected wire type " + (tag & 7) + " before " + pos);
        }
    }

    private void skipFixed(int size) {
        need(size);
        pos += size;
    }

    private void need(int size) {
        if (limit - pos < size) {
            throw new MalformedWireException(size + "-byte field at " + pos + " runs past the end");
        }
    }

    private void skipGroup(int number) {
        while (true) {
            int tag = tag();
            if ((tag & 7) == Schema.WIRETYPE_END_GROUP && tag >>> 3 == number) {
                return;
            }
            skip(tag);
        }
    }

    /** Whether the message in [from, to) has a field with this tag (number and wire type). */
    public static boolean has(byte[] buf, int from, int to, int wanted) {
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more()) {
            int tag = in.tag();
            if (tag == wanted) {
                return true;
            }
            in.skip(tag);
        }
        return false;
    }
}
