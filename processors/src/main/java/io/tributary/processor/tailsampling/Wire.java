package io.tributary.processor.tailsampling;

import java.nio.charset.StandardCharsets;

/**
 * Protobuf wire reading over a byte array, without objects: the buffer keeps spans as their
 * encoded bytes and reads only the fields a policy asks for. Input was validated by
 * {@code Traces.parse} (or encoded by protobuf), so malformed bytes are a bug, not bad data.
 */
final class Wire {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    /** {@code AnyValue} field numbers. */
    static final int STRING_VALUE = 1;
    static final int BOOL_VALUE = 2;
    static final int INT_VALUE = 3;
    static final int DOUBLE_VALUE = 4;

    final byte[] buf;
    int pos;
    int limit;

    Wire(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.limit = to;
    }

    boolean more() {
        return pos < limit;
    }

    int tag() {
        return (int) varint();
    }

    long varint() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = buf[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    long fixed64() {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return value;
    }

    /** Reads a length prefix and returns the end of the field; {@link #pos} is then its first byte. */
    int lengthEnd() {
        int length = (int) varint();
        return pos + length;
    }

    void skip(int tag) {
        switch (tag & 7) {
            case VARINT -> varint();
            case FIXED64 -> pos += 8;
            case LENGTH_DELIMITED -> pos = lengthEnd();
            case FIXED32 -> pos += 4;
            case 3 -> skipGroup(tag >>> 3);
            default -> throw new IllegalStateException("unexpected wire type " + (tag & 7) + " in validated traces");
        }
    }

    private void skipGroup(int number) {
        while (true) {
            int tag = tag();
            if ((tag & 7) == 4 && tag >>> 3 == number) {
                return;
            }
            skip(tag);
        }
    }

    static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Bytes a length-delimited field of {@code length} bytes takes with a one-byte tag. */
    static int fieldSize(int length) {
        return 1 + varintSize(length) + length;
    }

    /** Whether the message in [from, to) has a field with this tag (number and wire type). */
    static boolean has(byte[] buf, int from, int to, int wanted) {
        Wire in = new Wire(buf, from, to);
        while (in.more()) {
            int tag = in.tag();
            if (tag == wanted) {
                return true;
            }
            in.skip(tag);
        }
        return false;
    }

    static boolean equal(byte[] a, int from, int to, byte[] b) {
        return to - from == b.length && java.util.Arrays.equals(a, from, to, b, 0, b.length);
    }

    /**
     * The value of the first {@code KeyValue} with this key among the repeated field
     * {@code field} of the message in [from, to), or null; as pdata's {@code Get}, the first wins.
     */
    static AttributeValue attribute(byte[] buf, int from, int to, int field, byte[] key) {
        Wire in = new Wire(buf, from, to);
        int wanted = field << 3 | LENGTH_DELIMITED;
        while (in.more()) {
            int tag = in.tag();
            if (tag != wanted) {
                in.skip(tag);
                continue;
            }
            int end = in.lengthEnd();
            AttributeValue value = in.keyValue(end, key);
            if (value != null) {
                return value;
            }
            in.pos = end;
        }
        return null;
    }

    /** Reads a {@code KeyValue} ending at {@code end}; its value when the key matches, else null. */
    private AttributeValue keyValue(int end, byte[] key) {
        boolean matched = false;
        int valueFrom = -1;
        int valueTo = -1;
        while (pos < end) {
            int tag = tag();
            if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                int keyEnd = lengthEnd();
                matched = equal(buf, pos, keyEnd, key);
                if (!matched) {
                    return null;
                }
                pos = keyEnd;
            } else if (tag == (2 << 3 | LENGTH_DELIMITED)) {
                valueTo = lengthEnd();
                valueFrom = pos;
                pos = valueTo;
            } else {
                skip(tag);
            }
        }
        if (!matched) {
            return null;
        }
        return valueFrom < 0 ? AttributeValue.EMPTY : anyValue(buf, valueFrom, valueTo);
    }

    /** The last occurrence of each scalar field wins, as in protobuf's merge; nested kinds read as empty. */
    static AttributeValue anyValue(byte[] buf, int from, int to) {
        Wire in = new Wire(buf, from, to);
        AttributeValue value = AttributeValue.EMPTY;
        while (in.more()) {
            int tag = in.tag();
            switch (tag) {
                case STRING_VALUE << 3 | LENGTH_DELIMITED -> {
                    int end = in.lengthEnd();
                    value = AttributeValue.ofString(new String(buf, in.pos, end - in.pos, StandardCharsets.UTF_8));
                    in.pos = end;
                }
                case BOOL_VALUE << 3 | VARINT -> value = AttributeValue.ofBool(in.varint() != 0);
                case INT_VALUE << 3 | VARINT -> value = AttributeValue.ofInt(in.varint());
                case DOUBLE_VALUE << 3 | FIXED64 -> value = AttributeValue.ofDouble(Double.longBitsToDouble(in.fixed64()));
                default -> {
                    in.skip(tag);
                    value = AttributeValue.EMPTY;
                }
            }
        }
        return value;
    }
}
