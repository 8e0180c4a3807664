package io.tributary.processor.resourcedetection;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges detected attributes into a resource's, as otelcol's {@code MergeResource}: with
 * {@code override} a detected value replaces the resource's value of that key in place, without it
 * only keys the resource lacks are added; new keys go after the resource's own.
 */
final class DetectedResource {
    private DetectedResource() {
    }

    /** @return {@code resource} itself when nothing changes, else a new list */
    static List<KeyValue> merge(List<KeyValue> resource, List<KeyValue> detected, boolean override) {
        List<KeyValue> merged = null;
        for (KeyValue attribute : detected) {
            int index = indexOf(resource, attribute.getKey());
            if (index < 0) {
                merged = merged != null ? merged : new ArrayList<>(resource);
                merged.add(attribute);
            } else if (override && !resource.get(index).getValue().equals(attribute.getValue())) {
                merged = merged != null ? merged : new ArrayList<>(resource);
                merged.set(index, attribute);
            }
        }
        return merged != null ? merged : resource;
    }

    private static int indexOf(List<KeyValue> attributes, String key) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).getKey().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
