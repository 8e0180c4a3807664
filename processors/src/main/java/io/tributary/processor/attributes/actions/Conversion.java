package io.tributary.processor.attributes.actions;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.processor.filterspan.AttributeValues;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otelcol's {@code convert} action: the target types {@code int}, {@code double} and
 * {@code string}. A value that cannot be converted stays as it is (logged at debug, as otelcol).
 */
enum Conversion {
    INT("int") {
        @Override
        AnyValue convert(String key, AnyValue value) {
            return switch (value.getValueCase()) {
                case INT_VALUE -> value;
                case DOUBLE_VALUE -> intValue((long) value.getDoubleValue());
                case BOOL_VALUE -> intValue(value.getBoolValue() ? 1 : 0);
                case STRING_VALUE -> {
                    try {
                        yield intValue(Long.parseLong(value.getStringValue()));
                    } catch (NumberFormatException e) {
                        yield unconverted(key, value);
                    }
                }
                default -> unconverted(key, value);
            };
        }
    },
    DOUBLE("double") {
        @Override
        AnyValue convert(String key, AnyValue value) {
            return switch (value.getValueCase()) {
                case DOUBLE_VALUE -> value;
                case INT_VALUE -> doubleValue(value.getIntValue());
                case BOOL_VALUE -> doubleValue(value.getBoolValue() ? 1 : 0);
                case STRING_VALUE -> {
                    Double parsed = parseGoFloat(value.getStringValue());
                    yield parsed == null ? unconverted(key, value) : doubleValue(parsed);
                }
                default -> unconverted(key, value);
            };
        }
    },
    STRING("string") {
        @Override
        AnyValue convert(String key, AnyValue value) {
            return value.hasStringValue() ? value : AnyValue.newBuilder().setStringValue(AttributeValues.asString(value)).build();
        }
    };

    private static final Logger log = LoggerFactory.getLogger(Conversion.class);
    /** What Go's {@code strconv.ParseFloat} reads besides inf and nan: decimal and hexadecimal floats, no spaces, no Java suffixes. */
    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+)");

    private final String configName;

    Conversion(String configName) {
        this.configName = configName;
    }

    abstract AnyValue convert(String key, AnyValue value);

    /** Null for a name otelcol does not know. */
    static Conversion named(String name) {
        for (Conversion conversion : values()) {
            if (conversion.configName.equals(name)) {
                return conversion;
            }
        }
        return null;
    }

    /** Go's {@code strconv.ParseFloat(s, 64)}; null where it fails, including out of range. */
    static Double parseGoFloat(String text) {
        String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        switch (unsigned.toLowerCase(Locale.ROOT)) {
            case "inf", "infinity" -> {
                return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return unsigned.equals(text) ? Double.NaN : null;
            }
            default -> {
                // a number, checked below
            }
        }
        if (!GO_FLOAT.matcher(text).matches()) {
            return null;
        }
        double parsed = Double.parseDouble(text);
        return Double.isInfinite(parsed) ? null : parsed;
    }

    AnyValue unconverted(String key, AnyValue value) {
        log.debug("attribute {} ({}) could not be converted to {}", key, value.getValueCase(), configName);
        return value;
    }

    private static AnyValue intValue(long value) {
        return AnyValue.newBuilder().setIntValue(value).build();
    }

    private static AnyValue doubleValue(double value) {
        return AnyValue.newBuilder().setDoubleValue(value).build();
    }
}
