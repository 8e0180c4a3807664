package io.tributary.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Converts scalar text to the leaf types config records use. Numbers and booleans are what
 * {@link YamlScalars} types the text as, so a key reads {@code 017} or {@code TRUE} as otelcol does.
 */
final class Scalars {

    private Scalars() {
    }

    static boolean supports(Class<?> type) {
        return type == String.class || type == Duration.class || type == ByteSize.class || type.isEnum()
                || type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == double.class || type == Double.class || type == boolean.class || type == Boolean.class;
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    static Object convert(String text, Class<?> type) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class || type == Integer.class) {
            long value = toLong(text);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("integer out of range: '" + text + "'");
            }
            return (int) value;
        }
        if (type == long.class || type == Long.class) {
            return toLong(text);
        }
        if (type == double.class || type == Double.class) {
            if (YamlScalars.typed(text) instanceof Number number) {
                return number.doubleValue();
            }
            throw new IllegalArgumentException("expected a number, got '" + text + "'");
        }
        if (type == boolean.class || type == Boolean.class) {
            if (YamlScalars.typed(text) instanceof Boolean bool) {
                return bool;
            }
            throw new IllegalArgumentException("expected a boolean (true or false), got '" + text + "'");
        }
        if (type == Duration.class) {
            return Durations.parse(text);
        }
        if (type == ByteSize.class) {
            return Sizes.parse(text);
        }
        return enumConstant(text, type);
    }

    /**
     * Go's zero value of a scalar type, which otelcol gives a list item or map value written with
     * no value; null for an enum (Go's "" names no constant) and for types that are not scalars.
     */
    static Object zero(Class<?> type) {
        if (type == String.class) {
            return "";
        }
        if (type == int.class || type == Integer.class) {
            return 0;
        }
        if (type == long.class || type == Long.class) {
            return 0L;
        }
        if (type == double.class || type == Double.class) {
            return 0.0;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == Duration.class) {
            return Duration.ZERO;
        }
        return type == ByteSize.class ? ByteSize.ofBytes(0) : null;
    }

    /** For "expected X, got a map" messages. */
    static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Duration.class) {
            return "a duration such as 5s";
        }
        if (type == ByteSize.class) {
            return "a size such as 16MiB";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", enumNames(type));
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        return type == boolean.class || type == Boolean.class ? "a boolean" : "an integer";
    }

    private static long toLong(String text) {
        if (YamlScalars.typed(text) instanceof Long value) {
            return value;
        }
        throw new IllegalArgumentException(YamlScalars.isIntegerSyntax(text) ? "integer out of range: '" + text + "'"
                : "expected an integer, got '" + text + "'");
    }

    private static Object enumConstant(String text, Class<?> type) {
        Object[] constants = type.getEnumConstants();
        List<String> names = enumNames(type);
        for (int i = 0; i < constants.length; i++) {
            if (names.get(i).equalsIgnoreCase(text)) {
                return constants[i];
            }
        }
        String hint = Suggestions.closest(text, names)
                .map(name -> " (did you mean '" + name + "'?)")
                .orElse("; valid values: " + String.join(", ", names));
        throw new IllegalArgumentException("unknown value '" + text + "'" + hint);
    }

    /** The config spelling of each constant: its {@link Key}, else its name in lower case. */
    private static List<String> enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> {
                    String name = ((Enum<?>) constant).name();
                    try {
                        Key key = type.getField(name).getAnnotation(Key.class);
                        return key != null ? key.value() : name.toLowerCase(Locale.ROOT);
                    } catch (NoSuchFieldException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
