package io.tributary.exporter.debug;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.translator.AttributeJson;
import io.tributary.translator.GoFloats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    /** The otlptext form: the value's pdata type, then pdata's {@code AsString} in parentheses, e.g. {@code Str(GET)}, {@code Int(200)}. */
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
        return type + "(" + AttributeJson.asString(value) + ")";
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

    /** Go's {@code %v} of a float64. */
    static String v(double value) {
        return GoFloats.format(value);
    }

    /** Go's {@code %f}: six decimals of the exact binary value, rounded half to even; {@code +Inf}, {@code -Inf}, {@code NaN}. */
    static String f(double value) {
        if (!Double.isFinite(value)) {
            return v(value);
        }
        String digits = new BigDecimal(value).abs().setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return (value < 0 || (value == 0 && 1 / value < 0) ? "-" : "") + digits;
    }
}
