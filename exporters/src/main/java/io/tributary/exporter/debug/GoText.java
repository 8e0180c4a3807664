package io.tributary.exporter.debug;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.translator.AttributeJson;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Values written as otelcol's debug exporter writes them, which is as Go writes them: pdata's
 * {@code Value.AsString} and its type names, Go's {@code %v} and {@code %f} of a float64,
 * {@code time.Time.String} of a timestamp. One place, so the {@code normal} and {@code detailed}
 * texts of every signal agree.
 */
final class GoText {
    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoText() {
    }

    /** pdata's {@code Value.AsString}: strings raw, maps and slices as Go's encoding/json writes them, bytes as base64. */
    static String asString(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? AttributeJson.number(value.getDoubleValue())
                    : "json: unsupported value: " + v(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> AttributeJson.write(value);
            default -> "";
        };
    }

    /** The otlptext form: the value's pdata type, then {@link #asString} in parentheses, e.g. {@code Str(GET)}, {@code Int(200)}. */
    static String typed(AnyValue value) {
        String type = switch (value.getValueCase()) {
            case STRING_VALUE -> "Str";
            case BOOL_VALUE -> "Bool";
            case INT_VALUE -> "Int";
            case DOUBLE_VALUE -> "Double";
            case BYTES_VALUE -> "Bytes";
            case ARRAY_VALUE -> "Slice";
            case KVLIST_VALUE -> "Map";
            default -> "Empty";
        };
        return type + "(" + asString(value) + ")";
    }

    /** A trace or span ID in lowercase hex; empty for an empty ID, as pdata's {@code String()}. */
    static String hex(ByteString id) {
        return HEX.formatHex(id.toByteArray());
    }

    /** A pdata timestamp as Go's {@code time.Time.String} in UTC: {@code 2023-11-14 22:13:20.000000123 +0000 UTC}. */
    static String timestamp(long unixNanos) {
        Instant instant = Instant.ofEpochSecond(0, unixNanos);
        StringBuilder out = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            // Go's .999999999: nine digits with the trailing zeros dropped.
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        return out.append(" +0000 UTC").toString();
    }

    /**
     * Go's {@code %v} of a float64 ({@code %g} with the fewest digits that read back): plain
     * digits for decimal exponents from -4 to 5, else {@code d.ddde±XX}.
     */
    static String v(double value) {
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

    /** Go's {@code %f}: six decimals of the exact binary value, rounded half to even; {@code +Inf}, {@code -Inf}, {@code NaN}. */
    static String f(double value) {
        if (!Double.isFinite(value)) {
            return v(value);
        }
        String digits = new BigDecimal(value).abs().setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return (value < 0 || (value == 0 && 1 / value < 0) ? "-" : "") + digits;
    }

    /** The decimal with the fewest significant digits that reads back as {@code value} (positive, finite), trailing zeros stripped. */
    private static BigDecimal shortest(double value) {
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
