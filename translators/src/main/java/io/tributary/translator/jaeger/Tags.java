package io.tributary.translator.jaeger;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.translator.jaeger.apiv2.Model;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Typed Jaeger tags (and log fields) ⇄ OTLP attributes. */
final class Tags {
    private Tags() {
    }

    /**
     * The tags as an attribute map in tag order, a repeated key keeping its first position and its
     * last value (pdata's put semantics), so that special tags can be looked up and removed.
     */
    static Map<String, AnyValue> toAttributeMap(List<Model.KeyValue> tags) {
        Map<String, AnyValue> attributes = new LinkedHashMap<>(Math.max(4, tags.size() * 2));
        for (Model.KeyValue tag : tags) {
            attributes.put(tag.getKey(), toValue(tag));
        }
        return attributes;
    }

    static AnyValue toValue(Model.KeyValue tag) {
        return switch (tag.getVType()) {
            case STRING -> str(tag.getVStr());
            case BOOL -> AnyValue.newBuilder().setBoolValue(tag.getVBool()).build();
            case INT64 -> AnyValue.newBuilder().setIntValue(tag.getVInt64()).build();
            case FLOAT64 -> AnyValue.newBuilder().setDoubleValue(tag.getVFloat64()).build();
            case BINARY -> AnyValue.newBuilder().setBytesValue(tag.getVBinary()).build();
            case UNRECOGNIZED -> str("<Unknown Jaeger TagType \"" + tag.getVTypeValue() + "\">");
        };
    }

    static List<KeyValue> toAttributes(Map<String, AnyValue> attributes) {
        List<KeyValue> result = new ArrayList<>(attributes.size());
        attributes.forEach((key, value) -> result.add(KeyValue.newBuilder().setKey(key).setValue(value).build()));
        return result;
    }

    static List<Model.KeyValue> toTags(List<KeyValue> attributes) {
        List<Model.KeyValue> tags = new ArrayList<>(attributes.size());
        for (KeyValue attribute : attributes) {
            tags.add(toTag(attribute.getKey(), attribute.getValue()));
        }
        return tags;
    }

    /** Arrays, maps and empty values, which Jaeger cannot type, become strings (JSON for the first two). */
    static Model.KeyValue toTag(String key, AnyValue value) {
        Model.KeyValue.Builder tag = Model.KeyValue.newBuilder().setKey(key);
        switch (value.getValueCase()) {
            case BOOL_VALUE -> tag.setVType(Model.ValueType.BOOL).setVBool(value.getBoolValue());
            case INT_VALUE -> tag.setVType(Model.ValueType.INT64).setVInt64(value.getIntValue());
            case DOUBLE_VALUE -> tag.setVType(Model.ValueType.FLOAT64).setVFloat64(value.getDoubleValue());
            case BYTES_VALUE -> tag.setVType(Model.ValueType.BINARY).setVBinary(value.getBytesValue());
            case STRING_VALUE -> tag.setVType(Model.ValueType.STRING).setVStr(value.getStringValue());
            case ARRAY_VALUE, KVLIST_VALUE -> tag.setVType(Model.ValueType.STRING).setVStr(json(value));
            default -> tag.setVType(Model.ValueType.STRING);
        }
        return tag.build();
    }

    static Model.KeyValue stringTag(String key, String value) {
        return Model.KeyValue.newBuilder().setKey(key).setVType(Model.ValueType.STRING).setVStr(value).build();
    }

    static Model.KeyValue boolTag(String key, boolean value) {
        return Model.KeyValue.newBuilder().setKey(key).setVType(Model.ValueType.BOOL).setVBool(value).build();
    }

    static Model.KeyValue longTag(String key, long value) {
        return Model.KeyValue.newBuilder().setKey(key).setVType(Model.ValueType.INT64).setVInt64(value).build();
    }

    static AnyValue str(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    /** A string attribute's value, and "" for any other type (pdata's {@code Str()}). */
    static String stringOf(AnyValue value) {
        return value.hasStringValue() ? value.getStringValue() : "";
    }

    /** The JSON the Go collector writes for a value (encoding/json of its raw form: sorted map keys, base64 bytes). */
    static String json(AnyValue value) {
        StringBuilder out = new StringBuilder();
        appendJson(out, value);
        return out.toString();
    }

    private static void appendJson(StringBuilder out, AnyValue value) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> appendJsonString(out, value.getStringValue());
            case BOOL_VALUE -> out.append(value.getBoolValue());
            case INT_VALUE -> out.append(value.getIntValue());
            case DOUBLE_VALUE -> appendJsonNumber(out, value.getDoubleValue());
            case BYTES_VALUE -> appendJsonString(out, Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
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
                    appendJsonString(out, entry.getKey());
                    out.append(':');
                    appendJson(out, entry.getValue());
                }
                out.append('}');
            }
            default -> out.append("null");
        }
    }

    private static void appendJsonNumber(StringBuilder out, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            appendJsonString(out, Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf");
            return;
        }
        double abs = Math.abs(value);
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21)) {
            out.append(decimal.toPlainString());
            return;
        }
        // Go writes exponents with at least two digits: 1e+21, 1e-07.
        String scientific = decimal.toString().toLowerCase();
        int e = scientific.indexOf('e');
        String exponent = scientific.substring(e + 2);
        out.append(scientific, 0, e + 2).append(exponent.length() < 2 ? "0" + exponent : exponent);
    }

    private static void appendJsonString(StringBuilder out, String s) {
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
                    // Like Go's encoder: control characters, HTML-sensitive characters and the JS line separators escaped.
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
