package io.tributary.translator;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attribute values written as JSON the way the Go collector writes them into string-only formats
 * (Jaeger tags, Zipkin tags and annotations): encoding/json of the raw value, so map keys sorted,
 * bytes as base64, Go's number and escaping rules. One writer, so both formats agree.
 */
public final class AttributeJson {
    private AttributeJson() {
    }

    /** The JSON the Go collector writes for a value (encoding/json of its raw form: sorted map keys, base64 bytes). */
    public static String write(AnyValue value) {
        StringBuilder out = new StringBuilder();
        appendJson(out, value);
        return out.toString();
    }

    /**
     * pdata's {@code Value.AsString}, how the Go collector turns a value into a label or a line:
     * strings raw, other scalars as Go prints them, bytes as base64, maps and slices as
     * {@link #write}, an empty value as "".
     */
    public static String asString(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? number(value.getDoubleValue())
                    : "json: unsupported value: " + GoFloats.format(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> write(value);
            default -> "";
        };
    }

    private static void appendJson(StringBuilder out, AnyValue value) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> appendJsonString(out, value.getStringValue(), true);
            case BOOL_VALUE -> out.append(value.getBoolValue());
            case INT_VALUE -> out.append(value.getIntValue());
            case DOUBLE_VALUE -> appendEncodingJsonNumber(out, value.getDoubleValue());
            case BYTES_VALUE -> appendJsonString(out, Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()), true);
            case ARRAY_VALUE -> {
                out.append('[');
                List<AnyValue> values = value.getArrayValue().getValuesList();
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendJson(out, values.get(i));
                }
                out.append(']');
            }
            case KVLIST_VALUE -> {
                Map<String, AnyValue> sorted = new TreeMap<>();
                for (KeyValue kv : value.getKvlistValue().getValuesList()) {
                    sorted.put(kv.getKey(), kv.getValue());
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, AnyValue> entry : sorted.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendJsonString(out, entry.getKey(), true);
                    out.append(':');
                    appendJson(out, entry.getValue());
                }
                out.append('}');
            }
            default -> out.append("null");
        }
    }

    /** A finite double as Go's encoding/json and pdata's {@code Value.AsString} write it (see {@link #appendEncodingJsonNumber}). */
    public static String number(double value) {
        StringBuilder out = new StringBuilder();
        appendEncodingJsonNumber(out, value);
        return out.toString();
    }

    /**
     * A double as pdata's OTLP/JSON (jsoniter) writes it: plain digits from 1e-6 up to 1e21, else
     * an exponent of at least two digits ({@code 1e+21}, {@code 1e-07}); {@code -0} keeps its sign.
     */
    static void appendJsonNumber(StringBuilder out, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            appendJsonString(out, Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf", true);
            return;
        }
        if (value == 0) {
            // BigDecimal has no negative zero; Go's strconv writes "-0".
            out.append(1 / value < 0 ? "-0" : "0");
            return;
        }
        double abs = Math.abs(value);
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (abs >= 1e-6 && abs < 1e21) {
            out.append(decimal.toPlainString());
            return;
        }
        String scientific = decimal.toString().toLowerCase();
        int e = scientific.indexOf('e');
        String exponent = scientific.substring(e + 2);
        out.append(scientific, 0, e + 2).append(exponent.length() < 2 ? "0" + exponent : exponent);
    }

    /**
     * A double as Go's encoding/json (and pdata's {@code Value.AsString}) writes it: as
     * {@link #appendJsonNumber}, except that a one-digit negative exponent loses its padding
     * ({@code 1e-7}; a positive one keeps it, {@code 1e+21}).
     */
    private static void appendEncodingJsonNumber(StringBuilder out, double value) {
        appendJsonNumber(out, value);
        int n = out.length();
        if (n >= 4 && out.charAt(n - 4) == 'e' && out.charAt(n - 3) == '-' && out.charAt(n - 2) == '0') {
            out.deleteCharAt(n - 2);
        }
    }

    /**
     * A JSON string: the quote, the backslash and control characters escaped; with
     * {@code goEncodingJson} also what Go's encoding/json escapes beyond that (the HTML-sensitive
     * characters and the JavaScript line separators), which pdata's OTLP/JSON stream leaves as is.
     */
    static void appendJsonString(StringBuilder out, String s, boolean goEncodingJson) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || goEncodingJson && (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029')) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Members as one JSON object (an event's attributes in a Zipkin annotation). */
    public static String write(List<KeyValue> members) {
        return write(AnyValue.newBuilder().setKvlistValue(
                KeyValueList.newBuilder().addAllValues(members)).build());
    }
}
