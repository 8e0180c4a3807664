package io.tributary.receiver.prometheus;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/** Numbers as Prometheus reads and writes them in expositions, which follow Go's {@code strconv}. */
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

    /**
     * A number as OpenMetrics writes it and Prometheus normalizes the {@code le} and
     * {@code quantile} labels to: Go's shortest {@code %g}, with {@code .0} added to an integer
     * ({@code 1.0}, {@code 0.25}, {@code 1e+06}, {@code +Inf}).
     */
    static String formatOpenMetrics(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0.0";
        }
        String g = shortestG(value);
        return g.contains("e") || g.contains(".") ? g : g + ".0";
    }

    /** Go's {@code strconv.FormatFloat(value, 'g', -1, 64)} for a finite, non-zero value. */
    private static String shortestG(double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int count = digits.length();
        int point = count - decimal.scale();
        int exponent = point - 1;
        String sign = value < 0 ? "-" : "";
        // Go switches to an exponent below 1e-4 and from 1e6 on for the shortest form.
        if (exponent < -4 || exponent >= 6) {
            String mantissa = count > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            int magnitude = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
        }
        if (point <= 0) {
            return sign + "0." + "0".repeat(-point) + digits;
        }
        if (point >= count) {
            return sign + digits + "0".repeat(point - count);
        }
        return sign + digits.substring(0, point) + "." + digits.substring(point);
    }
}
