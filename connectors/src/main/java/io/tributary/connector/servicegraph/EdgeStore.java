package io.tributary.connector.servicegraph;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The edges waiting for their other span, as otelcol's store: bounded by {@code maxItems}, each
 * expiring {@code ttl} after its first span arrived. An edge that completes is handed to
 * {@code onComplete} and forgotten; one that expires to {@code onExpire}. Not thread-safe: the
 * connector holds its lock around every call.
 */
final class EdgeStore {
    /** What became of a span offered to the store. */
    enum Outcome {
        /** It started an edge: held, or complete at once (a database call). */
        NEW,
        /** It joined a held edge. */
        JOINED,
        /** It would start an edge but the store is full: the span is dropped. */
        DROPPED
    }

    /** Insertion order is expiry order: every edge lives the same ttl from its creation. */
    private final LinkedHashMap<EdgeKey, Edge> edges = new LinkedHashMap<>();
    private final LongSupplier epochNanos;
    private final long ttlNanos;
    private final int maxItems;
    private final int dimensions;
    private final Consumer<Edge> onComplete;
    private final Consumer<Edge> onExpire;

    EdgeStore(LongSupplier epochNanos, long ttlNanos, int maxItems, int dimensions, Consumer<Edge> onComplete,
            Consumer<Edge> onExpire) {
        this.epochNanos = epochNanos;
        this.ttlNanos = ttlNanos;
        this.maxItems = maxItems;
        this.dimensions = dimensions;
        this.onComplete = onComplete;
        this.onExpire = onExpire;
    }

    /** Applies {@code update} to the edge of {@code key}, new or held; completes it when both sides are known. */
    Outcome upsert(EdgeKey key, Consumer<Edge> update) {
        Edge held = edges.get(key);
        if (held != null) {
            update.accept(held);
            if (held.isComplete()) {
                edges.remove(key);
                onComplete.accept(held);
            }
            return Outcome.JOINED;
        }
        Edge edge = new Edge(key, epochNanos.getAsLong() + ttlNanos, dimensions);
        update.accept(edge);
        if (edge.isComplete()) {
            onComplete.accept(edge);
            return Outcome.NEW;
        }
        // As otelcol, the bound is checked only for an edge that must wait; expired edges wait for the expiry loop.
        if (edges.size() >= maxItems) {
            return Outcome.DROPPED;
        }
        edges.put(key, edge);
        return Outcome.NEW;
    }

    /** Hands every expired edge, oldest first, to {@code onExpire} and forgets it. */
    void expire() {
        long now = epochNanos.getAsLong();
        Iterator<Edge> oldestFirst = edges.values().iterator();
        while (oldestFirst.hasNext()) {
            Edge edge = oldestFirst.next();
            if (now <= edge.expiresAt) {
                return;
            }
            oldestFirst.remove();
            onExpire.accept(edge);
        }
    }

    int size() {
        return edges.size();
    }
}
