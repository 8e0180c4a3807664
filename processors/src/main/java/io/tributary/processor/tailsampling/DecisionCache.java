package io.tributary.processor.tailsampling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * otelcol's {@code decision_cache}: an LRU set of trace IDs holding one kind of decision, so
 * late spans follow it after the trace has left the buffer. Size 0 keeps nothing. The buffer's
 * lock guards it.
 */
final class DecisionCache {
    private final long capacity;
    private final Map<TraceKey, Boolean> ids;

    DecisionCache(long capacity) {
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TraceKey, Boolean> eldest) {
                return size() > DecisionCache.this.capacity;
            }
        };
    }

    boolean enabled() {
        return capacity > 0;
    }

    /** Whether the ID is cached, refreshing it as most recently used. */
    boolean contains(TraceKey id) {
        return enabled() && ids.get(id) != null;
    }

    void put(TraceKey id) {
        if (enabled()) {
            ids.put(id, Boolean.TRUE);
        }
    }
}
