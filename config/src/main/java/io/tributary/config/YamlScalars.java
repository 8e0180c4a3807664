package io.tributary.config;

import java.util.regex.Pattern;

/**
 * How a plain (unquoted) YAML scalar is typed, the one definition for the whole collector: as Go's
 * YAML decoder types it for an untyped target, which is what otelcol's config sees before
 * decoding into a field. That is YAML 1.2's core schema with Go's additions: {@code true},
 * {@code True}, {@code TRUE} and their {@code false} forms are bools ({@code yes} is a string);
 * integers as {@code strconv.ParseInt(text, 0, 64)} reads them, with {@code _} between digits
 * and a leading {@code 0} meaning octal ({@code 017} is 15); other numbers, {@code .inf} and
 * {@code .nan} are floats; anything else is a string.
 */
public final class YamlScalars {
    private static final Pattern INT = Pattern.compile("[-+]?([1-9][0-9_]*|0[0-7_]*|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private YamlScalars() {
    }

    /** A {@link Boolean}, {@link Long}, {@link Double}, or {@code text} itself. */
    public static Object typed(String text) {
        switch (text) {
            case "true", "True", "TRUE" -> {
                return true;
            }
            case "false", "False", "FALSE" -> {
                return false;
            }
            default -> {
                // a number or a string
            }
        }
        if (INT.matcher(text).matches()) {
            Long value = parseInt(text.replace("_", ""));
            if (value != null) {
                return value;
            }
        }
        if (FLOAT.matcher(text).matches()) {
            return parseFloat(text.replace("_", ""));
        }
        return text;
    }

    /** Whether {@code text} is written as an integer, whether or not it fits in 64 bits. */
    static boolean isIntegerSyntax(String text) {
        return INT.matcher(text).matches();
    }

    /** Null when out of the int64 range: the text is then a float. */
    private static Long parseInt(String text) {
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        int radix = 10;
        if (digits.length() > 2 && digits.charAt(0) == '0' && Character.isLetter(digits.charAt(1))) {
            radix = switch (digits.charAt(1)) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
        }
        try {
            return Long.parseLong(negative ? "-" + digits : digits, radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double parseFloat(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".nan")) {
            return Double.NaN;
        }
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(text);
    }
}
