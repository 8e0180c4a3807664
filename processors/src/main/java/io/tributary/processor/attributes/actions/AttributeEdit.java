package io.tributary.processor.attributes.actions;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * An attribute list being changed by actions (or by another processor writing attributes as
 * otelcol's pdata does), copied on the first write so that a list nothing changes comes back as
 * the same instance. Writes behave as pdata's {@code Map}: a put replaces the first entry with the
 * key or appends; a remove moves the last entry into the removed slot.
 */
public final class AttributeEdit {
    private final List<KeyValue> original;
    /** Null when no action reads the client. */
    private final ClientValues client;
    private List<KeyValue> copy;

    AttributeEdit(List<KeyValue> original, ClientValues client) {
        this.original = original;
        this.client = client;
    }

    /** An edit that reads no client. */
    public AttributeEdit(List<KeyValue> original) {
        this(original, null);
    }

    /** The value {@code from_context: key} names, from the client of the batch being changed; or null. */
    AnyValue fromContext(String key) {
        return client.get(key);
    }

    public List<KeyValue> result() {
        return copy != null ? copy : original;
    }

    int size() {
        return result().size();
    }

    String keyAt(int index) {
        return result().get(index).getKey();
    }

    /** The value of the first attribute named {@code key}, or null. */
    AnyValue get(String key) {
        int index = indexOf(key);
        return index < 0 ? null : result().get(index).getValue();
    }

    public void put(String key, AnyValue value) {
        int index = indexOf(key);
        if (index >= 0 && result().get(index).getValue().equals(value)) {
            return;
        }
        KeyValue entry = KeyValue.newBuilder().setKey(key).setValue(value).build();
        List<KeyValue> target = writable();
        if (index >= 0) {
            target.set(index, entry);
        } else {
            target.add(entry);
        }
    }

    public void remove(String key) {
        int index = indexOf(key);
        if (index < 0) {
            return;
        }
        List<KeyValue> target = writable();
        KeyValue last = target.remove(target.size() - 1);
        if (index < target.size()) {
            target.set(index, last);
        }
    }

    private int indexOf(String key) {
        List<KeyValue> current = result();
        for (int i = 0; i < current.size(); i++) {
            if (current.get(i).getKey().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private List<KeyValue> writable() {
        if (copy == null) {
            copy = new ArrayList<>(original);
        }
        return copy;
    }
}
