package io.tributary.core.data.wire;

import java.util.Arrays;

/** Reads attributes ({@code repeated KeyValue}) of an encoded message where they lie. */
public final class Attributes {
    /** The encoded {@code AnyValue} of an attribute: bytes [from, to); empty when the attribute has no value. */
    public record Value(int from, int to) {
    }

    private Attributes() {
    }

    /**
     * The value of the first {@code KeyValue} with this key (UTF-8) in the repeated field
     * {@code field} of the message in [from, to) of {@code buf}, or null; as pdata's {@code Get},
     * the first wins. Keys are compared where they lie, so a lookup allocates only its answer.
     */
    public static Value find(byte[] buf, int from, int to, int field, byte[] key) {
        WireCursor in = new WireCursor(buf, from, to);
        int wanted = Schema.lengthDelimited(field);
        while (in.more()) {
            int tag = in.tag();
            if (tag != wanted) {
                in.skip(tag);
                continue;
            }
            int end = in.lengthEnd();
            Value value = valueIfKey(new WireCursor(buf, in.pos(), end), key);
            if (value != null) {
                return value;
            }
            in.pos(end);
        }
        return null;
    }

    /** Reads one {@code KeyValue}: its value when its key is {@code key}, else null. */
    private static Value valueIfKey(WireCursor in, byte[] key) {
        byte[] buf = in.buffer();
        boolean matched = false;
        int valueFrom = in.limit();
        int valueTo = in.limit();
        while (in.more()) {
            int tag = in.tag();
            if (tag == Schema.lengthDelimited(Schema.KeyValue.KEY)) {
                int keyEnd = in.lengthEnd();
                matched = Arrays.equals(buf, in.pos(), keyEnd, key, 0, key.length);
                if (!matched) {
                    return null;
                }
                in.pos(keyEnd);
            } else if (tag == Schema.lengthDelimited(Schema.KeyValue.VALUE)) {
                valueTo = in.lengthEnd();
                valueFrom = in.pos();
                in.pos(valueTo);
            } else {
                in.skip(tag);
            }
        }
        return matched ? new Value(valueFrom, valueTo) : null;
    }
}
