package io.tributary.translator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A float64 written as Go writes it, for the texts that must match the Go collector's byte for
 * byte: {@code strconv.FormatFloat(v, 'g', -1, 64)} (also {@code fmt}'s {@code %v}), and the
 * OpenMetrics form of Prometheus' expfmt. One place, so the debug exporter, the Prometheus
 * exposition and the Prometheus receiver's label normalization agree.
 */
public final class GoFloats {
    /** Integers below this are exact as a long, so they skip the search for the shortest digits. */
    private static final double EXACT_LONG = 1e15;

    private GoFloats() {
    }

    /**
     * The fewest digits that read back as {@code value}: plain for decimal exponents from -4 to 5,
     * else {@code d.ddde±XX} ({@code 1e+06}, {@code 2.5e-07}); {@code +Inf}, {@code -Inf},
     * {@code NaN}; {@code -0} keeps its sign.
     */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        String sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
        if (value == 0) {
            return sign + "0";
        }
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String power = Integer.toString(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (power.length() < 2 ? "0" + power : power);
        }
        return sign + shortest.toPlainString();
    }

    /**
     * A number as OpenMetrics text writes it (expfmt's {@code writeOpenMetricsFloat}, to which
     * Prometheus also normalizes {@code le} and {@code quantile}): {@link #format} with {@code .0}
     * added to an integer ({@code 1.0}, {@code 0.0}, {@code 0.25}, {@code 1e+06}).
     */
    public static String openMetrics(double value) {
        if (value == 0) {
            return "0.0";
        }
        String g = format(value);
        return Double.isFinite(value) && g.indexOf('e') < 0 && g.indexOf('.') < 0 ? g + ".0" : g;
    }

    /** The decimal with the fewest significant digits that reads back as {@code value} (positive, finite), trailing zeros stripped. */
    private static BigDecimal shortest(double value) {
        if (value < EXACT_LONG && value == Math.rint(value)) {
            return BigDecimal.valueOf((long) value).stripTrailingZeros();
        }
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value) {
                return rounded.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
