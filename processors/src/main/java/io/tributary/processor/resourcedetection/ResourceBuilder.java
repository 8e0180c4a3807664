package io.tributary.processor.resourcedetection;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The attributes one detection of one detector found, keeping those its config enables (as
 * otelcol's generated resource builders do); the others are dropped as they are set.
 */
final class ResourceBuilder {
    private final Set<String> enabled;
    private final List<KeyValue> attributes = new ArrayList<>();

    ResourceBuilder(Set<String> enabled) {
        this.enabled = enabled;
    }

    ResourceBuilder put(String key, String value) {
        return put(key, AnyValue.newBuilder().setStringValue(value).build());
    }

    ResourceBuilder put(String key, long value) {
        return put(key, AnyValue.newBuilder().setIntValue(value).build());
    }

    ResourceBuilder put(String key, List<String> values) {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        values.forEach(value -> array.addValues(AnyValue.newBuilder().setStringValue(value)));
        return put(key, AnyValue.newBuilder().setArrayValue(array).build());
    }

    /** An attribute that is no resource attribute of the detector's (a tag, a label): always kept. */
    ResourceBuilder putExtra(String key, String value) {
        attributes.add(KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build());
        return this;
    }

    boolean isEnabled(String key) {
        return enabled.contains(key);
    }

    private ResourceBuilder put(String key, AnyValue value) {
        if (enabled.contains(key)) {
            attributes.add(KeyValue.newBuilder().setKey(key).setValue(value).build());
        }
        return this;
    }

    List<KeyValue> build() {
        return List.copyOf(attributes);
    }
}
