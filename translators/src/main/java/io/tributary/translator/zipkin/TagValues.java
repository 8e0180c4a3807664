package io.tributary.translator.zipkin;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.regex.Pattern;

/**
 * Zipkin tags are strings; with {@code parse_string_tags} they are typed as otelcol types them:
 * only plain decimal integers ({@code -42}), decimals with digits on both sides of the point
 * ({@code 1.5}, no exponent) and exactly {@code true} or {@code false}; anything else stays text.
 */
final class TagValues {
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

    private TagValues() {
    }

    static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    /** An integer beyond 64 bits is the nearest 64-bit one, as Go's parser leaves it. */
    static AnyValue parse(String value) {
        if (INTEGER.matcher(value).matches()) {
            long parsed;
            try {
                parsed = Long.parseLong(value);
            } catch (NumberFormatException tooLarge) {
                parsed = value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return AnyValue.newBuilder().setIntValue(parsed).build();
        }
        if (DECIMAL.matcher(value).matches()) {
            return AnyValue.newBuilder().setDoubleValue(Double.parseDouble(value)).build();
        }
        if (value.equals("true") || value.equals("false")) {
            return AnyValue.newBuilder().setBoolValue(Boolean.parseBoolean(value)).build();
        }
        return string(value);
    }
}
