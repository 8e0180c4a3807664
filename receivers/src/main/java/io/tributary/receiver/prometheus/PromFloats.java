package io.tributary.receiver.prometheus;

import java.util.Locale;
import java.util.regex.Pattern;

/** Numbers as Prometheus reads them in expositions, which follow Go's {@code strconv} (written: {@link io.tributary.translator.GoFloats}). */
final class PromFloats {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private PromFloats() {
    }

    /**
     * A sample value: Go's {@code ParseFloat} without hexadecimal or underscores, as Prometheus'
     * parsers take it ({@code NaN}, {@code +Inf}, {@code -inf}, {@code Infinity} in any case;
     * an out-of-range value is an error, not an infinity).
     *
     * @throws NumberFormatException saying what is wrong, in Go's words
     */
    static double parse(String text) {
        if (text.indexOf('p') >= 0 || text.indexOf('P') >= 0 || text.indexOf('_') >= 0) {
            throw new NumberFormatException("unsupported character in float");
        }
        String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        String lower = unsigned.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan") && unsigned.equals(text)) {
            return Double.NaN;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException("strconv.ParseFloat: parsing \"" + text + "\": invalid syntax");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new NumberFormatException("strconv.ParseFloat: parsing \"" + text + "\": value out of range");
        }
        return value;
    }
}
