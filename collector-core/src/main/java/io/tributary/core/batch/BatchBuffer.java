package io.tributary.core.batch;

import io.tributary.core.data.Traces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Merges incoming traces into batches of at least {@code minSize} and at most {@code maxSpans}
 * spans (0: no cap), the size measured by {@code sizer}; what is left below {@code minSize}
 * stays buffered. Merging is {@link Traces#concat} and capping is {@link Traces#split}, so
 * encoded batches are never decoded unless one must be cut. Not thread-safe: its owner locks.
 *
 * <p>Each input comes with a source (what its producer needs told when its spans have gone:
 * nothing for the batch processor, the queue entry for the exporter's batcher), and each batch
 * names the sources whose spans it holds. The buffered remainder is always smaller than
 * {@code minSize}, hence than the cap, so when an input tops it up it lands whole in the first
 * batch: the buffered sources are in the first batch only, the new source in every batch.
 *
 * @param <S> what a source is
 */
public final class BatchBuffer<S> {
    /** Spans ready to go, and the sources whose spans they hold. */
    public record Batch<S>(Traces traces, List<S> sources) {
    }

    private final ToLongFunction<Traces> sizer;
    private final long minSize;
    private final int maxSpans;
    private final List<Traces> pending = new ArrayList<>();
    private final List<S> pendingSources = new ArrayList<>();
    private long pendingSize;

    public BatchBuffer(ToLongFunction<Traces> sizer, long minSize, int maxSpans) {
        this.sizer = sizer;
        this.minSize = minSize;
        this.maxSpans = maxSpans;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Whether any spans of {@code source} are still buffered. */
    public boolean holds(S source) {
        return pendingSources.contains(source);
    }

    /**
     * Buffers {@code traces} and returns the batches that reached {@code minSize}, each capped;
     * a last part below {@code minSize} stays buffered.
     */
    public List<Batch<S>> add(Traces traces, S source) {
        pending.add(traces);
        pendingSources.add(source);
        pendingSize += sizer.applyAsLong(traces);
        if (pendingSize < minSize) {
            return List.of();
        }
        List<Batch<S>> ready = takeAll();
        Batch<S> last = ready.get(ready.size() - 1);
        if (ready.size() > 1 && sizer.applyAsLong(last.traces()) < minSize) {
            pending.add(last.traces());
            pendingSources.add(source);
            pendingSize = sizer.applyAsLong(last.traces());
            return ready.subList(0, ready.size() - 1);
        }
        return ready;
    }

    /** Everything buffered, capped; the buffer is empty afterwards. */
    public List<Batch<S>> takeAll() {
        if (pending.isEmpty()) {
            return List.of();
        }
        Traces merged = pending.size() == 1 ? pending.get(0) : Traces.concat(List.copyOf(pending));
        // Sources may be null (the batch processor has none to tell).
        List<S> sources = Collections.unmodifiableList(new ArrayList<>(pendingSources));
        S newest = sources.get(sources.size() - 1);
        pending.clear();
        pendingSources.clear();
        pendingSize = 0;
        List<Traces> parts = capped(merged);
        List<Batch<S>> batches = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            batches.add(new Batch<>(parts.get(i), i == 0 ? sources : Collections.singletonList(newest)));
        }
        return batches;
    }

    /** {@code traces} as capped batches, without buffering anything. */
    public List<Batch<S>> passThrough(Traces traces, S source) {
        List<Batch<S>> batches = new ArrayList<>();
        for (Traces part : capped(traces)) {
            batches.add(new Batch<>(part, Collections.singletonList(source)));
        }
        return batches;
    }

    private List<Traces> capped(Traces traces) {
        return maxSpans > 0 && traces.spanCount() > maxSpans ? traces.split(maxSpans) : List.of(traces);
    }
}
