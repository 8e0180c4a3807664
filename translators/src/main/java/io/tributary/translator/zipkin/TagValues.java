package io.tributary.translator.zipkin;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.Set;
import java.util.regex.Pattern;

/** Zipkin tags are strings; with {@code parse_string_tags} they are typed the way otelcol's Go parsers would read them. */
final class TagValues {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private TagValues() {
    }

    static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    /** Int before double before bool, so {@code "1"} is an int as in otelcol; a number out of range stays text. */
    static AnyValue parse(String value) {
        if (INTEGER.matcher(value).matches()) {
            try {
                return AnyValue.newBuilder().setIntValue(Long.parseLong(value)).build();
            } catch (NumberFormatException tooLarge) {
                return AnyValue.newBuilder().setDoubleValue(Double.parseDouble(value)).build();
            }
        }
        if (DECIMAL.matcher(value).matches()) {
            return AnyValue.newBuilder().setDoubleValue(Double.parseDouble(value)).build();
        }
        if (TRUE.contains(value) || FALSE.contains(value)) {
            return AnyValue.newBuilder().setBoolValue(TRUE.contains(value)).build();
        }
        return string(value);
    }
}
