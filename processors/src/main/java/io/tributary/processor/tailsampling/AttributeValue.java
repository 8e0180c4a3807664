package io.tributary.processor.tailsampling;

/**
 * An attribute's value as the policies read it, with pdata's accessors: {@code str()},
 * {@code intValue()} and {@code bool()} return the zero value when the attribute has another type,
 * which is what otelcol's attribute policies compare.
 */
record AttributeValue(Kind kind, String str, long intValue, double doubleValue, boolean bool) {
    enum Kind { EMPTY, STRING, BOOL, INT, DOUBLE }

    static final AttributeValue EMPTY = new AttributeValue(Kind.EMPTY, "", 0, 0, false);

    static AttributeValue ofString(String value) {
        return new AttributeValue(Kind.STRING, value, 0, 0, false);
    }

    static AttributeValue ofBool(boolean value) {
        return new AttributeValue(Kind.BOOL, "", 0, 0, value);
    }

    static AttributeValue ofInt(long value) {
        return new AttributeValue(Kind.INT, "", value, 0, false);
    }

    static AttributeValue ofDouble(double value) {
        return new AttributeValue(Kind.DOUBLE, "", 0, value, false);
    }
}
