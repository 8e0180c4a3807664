package io.tributary.processor.attributes.actions;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.processor.filtermatch.AttributeValues;
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
                    Double parsed = AttributeValues.parseGoFloat(value.getStringValue());
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
