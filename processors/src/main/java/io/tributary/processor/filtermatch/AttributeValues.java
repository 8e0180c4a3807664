package io.tributary.processor.filtermatch;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.tributary.config.ConfigNode;
import io.tributary.config.YamlScalars;
import io.tributary.translator.AttributeJson;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Attribute values from config and as text, the way the Go collector types, prints and parses them. */
public final class AttributeValues {
    /** Go's {@code strconv.ParseFloat} syntax, decimal or hexadecimal (which needs a {@code p} exponent), separators removed. */
    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+)");

    private AttributeValues() {
    }

    /**
     * Go's {@code strconv.ParseFloat(text, 64)}: decimal and hexadecimal floats, {@code _}
     * between digits, {@code inf} and {@code infinity} (any case, signed or not), {@code nan}
     * (unsigned); null where Go fails, which includes finite text beyond a double's range.
     */
    public static Double parseGoFloat(String text) {
        boolean signed = text.startsWith("+") || text.startsWith("-");
        String unsigned = signed ? text.substring(1) : text;
        switch (unsigned.toLowerCase(Locale.ROOT)) {
            case "inf", "infinity" -> {
                return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return signed ? null : Double.NaN;
            }
            default -> {
                // a number, checked below
            }
        }
        String digits = text;
        if (text.indexOf('_') >= 0) {
            if (!separatorsBetweenDigits(unsigned)) {
                return null;
            }
            digits = text.replace("_", "");
        }
        if (!GO_FLOAT.matcher(digits).matches()) {
            return null;
        }
        double parsed = Double.parseDouble(digits);
        return Double.isInfinite(parsed) ? null : parsed;
    }

    /** Go's rule for {@code _} in number literals: each one between two digits, where a {@code 0x} prefix counts as a digit. */
    private static boolean separatorsBetweenDigits(String unsigned) {
        boolean hex = unsigned.length() >= 2 && unsigned.charAt(0) == '0' && (unsigned.charAt(1) == 'x' || unsigned.charAt(1) == 'X');
        char previous = hex ? '0' : '^';
        for (int i = hex ? 2 : 0; i < unsigned.length(); i++) {
            char c = unsigned.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
                previous = '0';
            } else if (c == '_') {
                if (previous != '0') {
                    return false;
                }
                previous = '_';
            } else if (previous == '_') {
                return false;
            } else {
                previous = '!';
            }
        }
        return previous != '_';
    }

    /**
     * The attribute value a config value stands for, typed as otelcol types it: plain {@code 42}
     * is an int, {@code 4.2} a double, {@code true} a bool, a quoted scalar a string, a list an
     * array, a map a key-value list.
     */
    public static AnyValue fromConfig(ConfigNode node) {
        return switch (node.kind()) {
            case NULL -> AnyValue.getDefaultInstance();
            case SCALAR -> node.quoted() ? string(node.scalar()) : plainScalar(node.scalar());
            case LIST -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                node.items().forEach(item -> array.addValues(fromConfig(item)));
                yield AnyValue.newBuilder().setArrayValue(array).build();
            }
            case MAP -> {
                KeyValueList.Builder map = KeyValueList.newBuilder();
                node.entries().forEach((key, child) -> map.addValues(KeyValue.newBuilder().setKey(key).setValue(fromConfig(child))));
                yield AnyValue.newBuilder().setKvlistValue(map).build();
            }
        };
    }

    private static AnyValue plainScalar(String text) {
        Object typed = YamlScalars.typed(text);
        if (typed instanceof Boolean bool) {
            return AnyValue.newBuilder().setBoolValue(bool).build();
        }
        if (typed instanceof Long integer) {
            return AnyValue.newBuilder().setIntValue(integer).build();
        }
        return typed instanceof Double number ? AnyValue.newBuilder().setDoubleValue(number).build() : string(text);
    }

    private static AnyValue string(String text) {
        return AnyValue.newBuilder().setStringValue(text).build();
    }

    /**
     * The text a {@code regexp} attribute match compares: strings as they are, bools, ints and
     * doubles as Go's {@code strconv} writes them; null for other types, which never match.
     */
    static String matchText(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> plainDouble(value.getDoubleValue());
            default -> null;
        };
    }

    /** Go's {@code strconv.FormatFloat(d, 'f', -1, 64)}: shortest digits, never an exponent. */
    static String plainDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /**
     * pdata's {@code Value.AsString}: strings as they are, other scalars as Go prints them, bytes
     * as base64, arrays and maps as JSON, an empty value as "".
     */
    public static String asString(AnyValue value) {
        return AttributeJson.asString(value);
    }

    /** The value of the first attribute named {@code key}, or null. */
    public static AnyValue get(List<KeyValue> attributes, String key) {
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals(key)) {
                return attribute.getValue();
            }
        }
        return null;
    }

    /** otelcol's strict attribute match: same type and equal; maps equal whatever their key order. */
    static boolean sameValue(AnyValue expected, AnyValue actual) {
        if (expected.getValueCase() != actual.getValueCase()) {
            return false;
        }
        return switch (expected.getValueCase()) {
            case DOUBLE_VALUE -> expected.getDoubleValue() == actual.getDoubleValue();
            case ARRAY_VALUE -> {
                List<AnyValue> left = expected.getArrayValue().getValuesList();
                List<AnyValue> right = actual.getArrayValue().getValuesList();
                boolean same = left.size() == right.size();
                for (int i = 0; same && i < left.size(); i++) {
                    same = sameValue(left.get(i), right.get(i));
                }
                yield same;
            }
            case KVLIST_VALUE -> {
                Map<String, AnyValue> left = sorted(expected.getKvlistValue().getValuesList());
                Map<String, AnyValue> right = sorted(actual.getKvlistValue().getValuesList());
                yield left.keySet().equals(right.keySet())
                        && left.entrySet().stream().allMatch(e -> sameValue(e.getValue(), right.get(e.getKey())));
            }
            default -> expected.equals(actual);
        };
    }

    private static Map<String, AnyValue> sorted(List<KeyValue> members) {
        Map<String, AnyValue> map = new TreeMap<>();
        members.forEach(kv -> map.putIfAbsent(kv.getKey(), kv.getValue()));
        return map;
    }

    /** pdata's name of a value's type, for messages. */
    public static String typeName(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> "Str";
            case BOOL_VALUE -> "Bool";
            case INT_VALUE -> "Int";
            case DOUBLE_VALUE -> "Double";
            case BYTES_VALUE -> "Bytes";
            case ARRAY_VALUE -> "Slice";
            case KVLIST_VALUE -> "Map";
            case VALUE_NOT_SET, STRING_VALUE_STRINDEX -> "Empty";
        };
    }
}
