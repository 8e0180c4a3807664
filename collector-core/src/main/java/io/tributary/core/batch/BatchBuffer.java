package io.tributary.core.batch;

import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Merges incoming data of one signal into batches of at least {@code minSize} and at most
 * {@code maxItems} items (spans, metric data points or log records; 0: no cap), the size measured
 * by {@code sizer}; what is left below {@code minSize} stays buffered. Merging is the signal's
 * {@link Signal#concat} and capping is {@link SignalData#split}, so encoded batches are never
 * decoded unless one must be cut. Not thread-safe: its owner locks.
 *
 * <p>Each input comes with a source (what its producer needs told when its items have gone:
 * nothing for the batch processor, the queue entry for the exporter's batcher), and each batch
 * names the sources whose items it holds. The buffered remainder is always smaller than
 * {@code minSize}, hence than the cap, so when an input tops it up it lands whole in the first
 * batch: the buffered sources are in the first batch only, the new source in every batch.
 *
 * @param <D> the signal's data
 * @param <S> what a source is
 */
public final class BatchBuffer<D extends SignalData<D, ?>, S> {
    /** Items ready to go, and the sources whose items they hold. */
    public record Batch<D, S>(D data, List<S> sources) {
    }

    private final Signal<D> signal;
    private final ToLongFunction<D> sizer;
    private final long minSize;
    private final int maxItems;
    private final List<D> pending = new ArrayList<>();
    private final List<S> pendingSources = new ArrayList<>();
    private long pendingSize;

    public BatchBuffer(Signal<D> signal, ToLongFunction<D> sizer, long minSize, int maxItems) {
        this.signal = signal;
        this.sizer = sizer;
        this.minSize = minSize;
        this.maxItems = maxItems;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Whether any items of {@code source} are still buffered. */
    public boolean holds(S source) {
        return pendingSources.contains(source);
    }

    /**
     * Buffers {@code data} and returns the batches that reached {@code minSize}, each capped;
     * a last part below {@code minSize} stays buffered.
     */
    public List<Batch<D, S>> add(D data, S source) {
        pending.add(data);
        pendingSources.add(source);
        pendingSize += sizer.applyAsLong(data);
        if (pendingSize < minSize) {
            return List.of();
        }
        List<Batch<D, S>> ready = takeAll();
        Batch<D, S> last = ready.get(ready.size() - 1);
        if (ready.size() > 1 && sizer.applyAsLong(last.data()) < minSize) {
            pending.add(last.data());
            pendingSources.add(source);
            pendingSize = sizer.applyAsLong(last.data());
            return ready.subList(0, ready.size() - 1);
        }
        return ready;
    }

    /** Everything buffered, capped; the buffer is empty afterwards. */
    public List<Batch<D, S>> takeAll() {
        if (pending.isEmpty()) {
            return List.of();
        }
        D merged = pending.size() == 1 ? pending.get(0) : signal.concat(List.copyOf(pending));
        // Sources may be null (the batch processor has none to tell).
        List<S> sources = Collections.unmodifiableList(new ArrayList<>(pendingSources));
        S newest = sources.get(sources.size() - 1);
        pending.clear();
        pendingSources.clear();
        pendingSize = 0;
        List<D> parts = capped(merged);
        List<Batch<D, S>> batches = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            batches.add(new Batch<>(parts.get(i), i == 0 ? sources : Collections.singletonList(newest)));
        }
        return batches;
    }

    /** {@code data} as capped batches, without buffering anything. */
    public List<Batch<D, S>> passThrough(D data, S source) {
        List<Batch<D, S>> batches = new ArrayList<>();
        for (D part : capped(data)) {
            batches.add(new Batch<>(part, Collections.singletonList(source)));
        }
        return batches;
    }

    private List<D> capped(D data) {
        return maxItems > 0 && data.itemCount() > maxItems ? data.split(maxItems) : List.of(data);
    }
}
