package io.tributary.processor.ottl;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.translator.AttributeJson;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * OTTL's runtime values and the rules on them. A value is null ({@code nil}), String, Long
 * (int64), Double (float64), Boolean, byte[], {@link MapValue}, {@link SliceValue} or {@link Id},
 * mirroring what otelcol's span context hands out.
 */
final class Values {
    private Values() {
    }

    /**
     * A map or slice attribute value as pdata hands it out: a handle on the data, equal to
     * another handle on the same data only, as Go compares pcommon.Map and pcommon.Slice.
     */
    abstract static class Handle<T> {
        final List<T> items;

        Handle(List<T> items) {
            this.items = items;
        }

        @Override
        public final boolean equals(Object other) {
            return other != null && other.getClass() == getClass() && ((Handle<?>) other).items == items;
        }

        @Override
        public final int hashCode() {
            return System.identityHashCode(items);
        }
    }

    /** pcommon.Map. */
    static final class MapValue extends Handle<KeyValue> {
        MapValue(List<KeyValue> entries) {
            super(entries);
        }
    }

    /** pcommon.Slice. */
    static final class SliceValue extends Handle<AnyValue> {
        SliceValue(List<AnyValue> values) {
            super(values);
        }
    }

    /** A pcommon.TraceID or SpanID: compared by type and bytes, never ordered; the empty ID is all zeros. */
    record Id(boolean trace, ByteString bytes) {
        static Id of(boolean trace, ByteString bytes) {
            int size = trace ? 16 : 8;
            return new Id(trace, bytes.size() == size ? bytes : ByteString.copyFrom(new byte[size]));
        }

        String hex() {
            return HexFormat.of().formatHex(bytes.toByteArray());
        }
    }

    static Object of(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case BYTES_VALUE -> value.getBytesValue().toByteArray();
            case ARRAY_VALUE -> new SliceValue(value.getArrayValue().getValuesList());
            case KVLIST_VALUE -> new MapValue(value.getKvlistValue().getValuesList());
            default -> null; // unset, or a kind newer than this collector: pdata reads it as empty
        };
    }

    /** The value under {@code key}, or null when absent: the first entry with that key, as pdata's Map.Get. */
    static Object lookup(List<KeyValue> entries, String key) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            KeyValue entry = entries.get(i);
            if (entry.getKey().equals(key)) {
                return of(entry.getValue());
            }
        }
        return null;
    }

    /** One more index into a value: a string into a map, an int into a slice. */
    static Object index(Object value, Object key) {
        if (value == null) {
            return null;
        }
        if (value instanceof MapValue map && key instanceof String name) {
            return lookup(map.items, name);
        }
        if (value instanceof SliceValue slice && key instanceof Long position) {
            if (position < 0 || position >= slice.items.size()) {
                throw new OttlEvaluationException("index " + position + " out of bounds");
            }
            return of(slice.items.get(position.intValue()));
        }
        throw new OttlEvaluationException("type " + typeName(value) + " does not support " + (key instanceof String ? "string" : "int") + " indexing");
    }

    /**
     * OTTL's comparison: nil equals only nil; ints and floats compare as numbers; strings by
     * bytes; false &lt; true; byte slices byte by byte; any other mix is "not equal", which makes
     * {@code !=} true and every other operator false.
     */
    static boolean compare(Object a, Object b, String op) {
        if (a == null && b == null) {
            return op.equals("==") || op.equals("<=") || op.equals(">=");
        }
        if (a == null) {
            return compare(b, null, op);
        }
        if (a instanceof Boolean x) {
            return b instanceof Boolean y ? ordered(Boolean.compare(x, y), op) : op.equals("!=");
        }
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return ordered(Long.compare(x, y), op);
            }
            return b instanceof Double y ? compareDoubles(x, y, op) : op.equals("!=");
        }
        if (a instanceof Double x) {
            if (b instanceof Long y) {
                return compareDoubles(x, y, op);
            }
            return b instanceof Double y ? compareDoubles(x, y, op) : op.equals("!=");
        }
        if (a instanceof String x) {
            return b instanceof String y ? ordered(compareCodePoints(x, y), op) : op.equals("!=");
        }
        if (a instanceof byte[] x) {
            return b instanceof byte[] y ? ordered(Arrays.compareUnsigned(x, y), op) : op.equals("!=");
        }
        return switch (op) {
            case "==" -> a.equals(b);
            case "!=" -> !a.equals(b);
            default -> false;
        };
    }

    // Not Double.compare: Go's float comparisons make NaN unequal to everything, itself included.
    private static boolean compareDoubles(double x, double y, String op) {
        return switch (op) {
            case "==" -> x == y;
            case "!=" -> x != y;
            case "<" -> x < y;
            case "<=" -> x <= y;
            case ">" -> x > y;
            default -> x >= y;
        };
    }

    private static boolean ordered(int comparison, String op) {
        return switch (op) {
            case "==" -> comparison == 0;
            case "!=" -> comparison != 0;
            case "<" -> comparison < 0;
            case "<=" -> comparison <= 0;
            case ">" -> comparison > 0;
            default -> comparison >= 0;
        };
    }

    /** Go compares strings as UTF-8 bytes, which is code point order, not Java's UTF-16 order. */
    private static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }

    /** OTTL's StringLikeGetter: a value as text (JSON for maps, slices and numbers, hex for bytes); null stays null. */
    static String stringLike(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof MapValue map) {
            return AttributeJson.write(map.items);
        }
        if (value instanceof SliceValue slice) {
            return AttributeJson.write(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(slice.items)).build());
        }
        if (value instanceof Double number) {
            return AttributeJson.write(AnyValue.newBuilder().setDoubleValue(number).build());
        }
        if (value instanceof Id id) {
            // A Go [16]byte marshals as a JSON array of numbers.
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < id.bytes().size(); i++) {
                json.append(i > 0 ? "," : "").append(id.bytes().byteAt(i) & 0xff);
            }
            return json.append(']').toString();
        }
        return value.toString();
    }

    /** Go's name for the value's type, as otelcol's error messages give it. */
    static String typeName(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Long) {
            return "int64";
        }
        if (value instanceof Double) {
            return "float64";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof byte[]) {
            return "[]byte";
        }
        if (value instanceof MapValue) {
            return "pcommon.Map";
        }
        if (value instanceof SliceValue) {
            return "pcommon.Slice";
        }
        return ((Id) value).trace() ? "pcommon.TraceID" : "pcommon.SpanID";
    }
}
