package io.tributary.translator.jaeger;

import io.tributary.translator.AttributeJson;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            case ARRAY_VALUE, KVLIST_VALUE -> tag.setVType(Model.ValueType.STRING).setVStr(AttributeJson.write(value));
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

}
