package io.tributary.connector.spanmetrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources' series, at most {@code resource_metrics_cache_size} of them, least recently used
 * pushed out first, as otelcol's cache: a resource pushed out (or expired) is still written at the
 * next flush and forgotten after it, unless its spans come back before, which brings it back.
 */
final class ResourceCache {
    private final LinkedHashMap<BytesKey, ResourceSeries> recent;
    private final Map<BytesKey, ResourceSeries> evicted = new HashMap<>();

    ResourceCache(int size) {
        recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<BytesKey, ResourceSeries> eldest) {
                if (size() > size) {
                    evicted.put(eldest.getKey(), eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** The resource of this key (a scratch key), or null. */
    ResourceSeries get(BytesKey key) {
        ResourceSeries found = recent.get(key);
        if (found == null) {
            found = evicted.remove(key);
            if (found != null) {
                recent.put(key.copy(), found);
            }
        }
        return found;
    }

    void put(BytesKey key, ResourceSeries resource) {
        recent.put(key.copy(), resource);
    }

    /** Every resource, least recently used first, then those pushed out. */
    List<ResourceSeries> all() {
        List<ResourceSeries> all = new ArrayList<>(recent.values());
        all.addAll(evicted.values());
        return all;
    }

    /** Forgets the resources pushed out, once they were written. */
    void dropEvicted() {
        evicted.clear();
    }

    void clear() {
        recent.clear();
        evicted.clear();
    }

    /**
     * Pushes out the resources that last saw spans at or before {@code cutoff}: as in otelcol,
     * whose cache removes through its eviction callback, they are written once more at the next
     * flush, and come back if their spans do before it.
     */
    void expire(long cutoffUnixNano) {
        for (Iterator<Map.Entry<BytesKey, ResourceSeries>> it = recent.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<BytesKey, ResourceSeries> entry = it.next();
            if (entry.getValue().lastSeenUnixNano <= cutoffUnixNano) {
                evicted.put(entry.getKey(), entry.getValue());
                it.remove();
            }
        }
    }

    int seriesCount() {
        return all().stream().mapToInt(ResourceSeries::seriesCount).sum();
    }
}
