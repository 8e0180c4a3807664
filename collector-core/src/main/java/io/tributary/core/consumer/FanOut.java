package io.tributary.core.consumer;

import io.tributary.core.data.SignalData;
import java.util.List;

/**
 * Hands the same (immutable) data to several consumers. One consumer's failure does not keep
 * the data from the others; the failure is rethrown once all have been called. When several
 * fail, a retryable failure wins over a permanent one, so the client retries rather than
 * dropping data that some consumer could still take.
 */
public final class FanOut<D extends SignalData<D, ?>> implements SignalConsumer<D> {
    private final SignalConsumer<D>[] consumers;

    @SuppressWarnings("unchecked")
    private FanOut(List<? extends SignalConsumer<D>> consumers) {
        this.consumers = consumers.toArray(SignalConsumer[]::new);
    }

    /** The sole consumer itself when there is one: no wrapper on the hot path. */
    public static <D extends SignalData<D, ?>> SignalConsumer<D> of(List<? extends SignalConsumer<D>> consumers) {
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("a fan-out needs at least one consumer");
        }
        return consumers.size() == 1 ? consumers.get(0) : new FanOut<>(consumers);
    }

    @Override
    public void consume(D data) {
        RuntimeException failure = null;
        for (SignalConsumer<D> consumer : consumers) {
            try {
                consumer.consume(data);
            } catch (RuntimeException e) {
                failure = rank(e) > rank(failure) ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Retryable beats an unexpected error, which beats permanent: err on the side of a retry. */
    private static int rank(RuntimeException e) {
        if (e == null) {
            return 0;
        }
        if (e instanceof RetryableException) {
            return 3;
        }
        return e instanceof PermanentException ? 1 : 2;
    }
}
