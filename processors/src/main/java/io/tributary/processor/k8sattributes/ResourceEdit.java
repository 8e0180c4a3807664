package io.tributary.processor.k8sattributes;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One resource's attributes while the processor adds to them; copied on the first change, so an
 * untouched resource is handed back as the very list it came as (and is not re-encoded).
 */
final class ResourceEdit {
    private final List<KeyValue> original;
    private List<KeyValue> edited;

    ResourceEdit(List<KeyValue> attributes) {
        this.original = attributes;
    }

    List<KeyValue> attributes() {
        return edited != null ? edited : original;
    }

    /** The string value of {@code key}, "" when absent or not a string (otelcol's {@code stringAttributeFromMap}). */
    String string(String key) {
        return string(attributes(), key);
    }

    static String string(List<KeyValue> attributes, String key) {
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals(key)) {
                return attribute.getValue().hasStringValue() ? attribute.getValue().getStringValue() : "";
            }
        }
        return "";
    }

    /** The value of {@code key}, null when absent. */
    AnyValue value(String key) {
        for (KeyValue attribute : attributes()) {
            if (attribute.getKey().equals(key)) {
                return attribute.getValue();
            }
        }
        return null;
    }

    /** otelcol's {@code setResourceAttribute}: sets {@code key} when absent or when its value reads as "". */
    void setIfEmpty(String key, String value) {
        int at = indexOf(key);
        if (at < 0) {
            put(-1, key, AnyValue.newBuilder().setStringValue(value).build());
        } else if (readsEmpty(attributes().get(at).getValue())) {
            put(at, key, AnyValue.newBuilder().setStringValue(value).build());
        }
    }

    /** Sets {@code key} only when absent, to a string or a one-string array. */
    void setIfAbsent(String key, AnyValue value) {
        if (indexOf(key) < 0) {
            put(-1, key, value);
        }
    }

    static AnyValue array(String value) {
        return AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue(value))).build();
    }

    static AnyValue stringValue(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    /** pcommon's {@code AsString() == ""}: an empty string or bytes, or no value at all (arrays and maps read as [] and {}). */
    private static boolean readsEmpty(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue().isEmpty();
            case BYTES_VALUE -> value.getBytesValue().isEmpty();
            case VALUE_NOT_SET -> true;
            default -> false;
        };
    }

    private int indexOf(String key) {
        List<KeyValue> attributes = attributes();
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).getKey().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private void put(int at, String key, AnyValue value) {
        if (edited == null) {
            edited = new ArrayList<>(original);
        }
        KeyValue attribute = KeyValue.newBuilder().setKey(key).setValue(value).build();
        if (at < 0) {
            edited.add(attribute);
        } else {
            edited.set(at, attribute);
        }
    }
}
