package io.tributary.core.data.wire;

import java.util.Arrays;

/**
 * Where the attribute lists ({@code repeated KeyValue}) of a message lie: in a field of the
 * message itself (a span's), or in the messages of some of its fields, each of which may occur
 * any number of times (a metric's lie in each data point of its gauge, sum, histogram...).
 * {@link Schema#itemAttributes} names each signal's; {@link AttributeEditor} follows them.
 */
public final class AttributePath {
    private static final int[] NO_FIELDS = {};
    private static final AttributePath[] NO_PATHS = {};

    /** The attributes field of this message; 0 when the attributes lie in the messages below. */
    final int attributes;
    private final int[] fields;
    private final AttributePath[] inner;

    private AttributePath(int attributes, int[] fields, AttributePath[] inner) {
        this.attributes = attributes;
        this.fields = fields;
        this.inner = inner;
    }

    /** The message's own repeated {@code KeyValue} field {@code number}. */
    public static AttributePath field(int number) {
        return new AttributePath(number, NO_FIELDS, NO_PATHS);
    }

    /** Along {@code path} inside the messages of field {@code number}. */
    public static AttributePath inside(int number, AttributePath path) {
        return new AttributePath(0, new int[] {number}, new AttributePath[] {path});
    }

    /** Also along {@code path} inside the messages of field {@code number}. */
    public AttributePath orInside(int number, AttributePath path) {
        if (attributes != 0) {
            throw new IllegalStateException("a message's attributes lie either in its own field or in its fields' messages");
        }
        int n = fields.length;
        int[] moreFields = Arrays.copyOf(fields, n + 1);
        AttributePath[] morePaths = Arrays.copyOf(inner, n + 1);
        moreFields[n] = number;
        morePaths[n] = path;
        return new AttributePath(0, moreFields, morePaths);
    }

    /** The path inside the message of the field with this tag, or null when the attributes do not lie there. */
    AttributePath next(int tag) {
        if ((tag & 7) == Schema.WIRETYPE_LENGTH_DELIMITED) {
            for (int i = 0; i < fields.length; i++) {
                if (fields[i] == tag >>> 3) {
                    return inner[i];
                }
            }
        }
        return null;
    }
}
