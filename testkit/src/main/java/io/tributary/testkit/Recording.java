package io.tributary.testkit;

import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.SignalData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A consumer of any signal for tests: records every batch it accepts, and can be told to refuse
 * with a given exception. {@link RecordingConsumer} is its traces flavour with span helpers.
 */
public abstract class Recording<D extends SignalData<D, ?>> implements SignalConsumer<D> {
    private final List<D> batches = new CopyOnWriteArrayList<>();
    private volatile Supplier<RuntimeException> failure;

    Recording() {
    }

    /** A recording consumer of metrics or logs (or traces, without the span helpers). */
    public static <D extends SignalData<D, ?>> Recording<D> create() {
        return new Recording<>() {
        };
    }

    @Override
    public void consume(D data) {
        Supplier<RuntimeException> f = failure;
        if (f != null) {
            throw f.get();
        }
        batches.add(data);
    }

    /** From now on refuse every batch with the supplied exception; null accepts again. */
    public void failWith(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    public List<D> batches() {
        return List.copyOf(batches);
    }

    /** Spans, data points or log records received. */
    public int itemCount() {
        return batches.stream().mapToInt(SignalData::itemCount).sum();
    }

    /** Polls until at least {@code items} items have arrived; fails the test after {@code timeout}. */
    public void awaitItems(int items, Duration timeout) {
        Await.until(() -> itemCount() >= items, timeout, () -> "expected " + items + " items, got " + itemCount());
    }
}
