package io.tributary.core.exporterhelper;

import io.tributary.core.data.SignalData;
import java.io.IOException;
import java.util.List;

/**
 * A bounded sending queue between {@code consume} and the consumer threads: in memory, or
 * persistent in a storage extension's directory; one per signal of an exporter, as in otelcol. A
 * batch taken stays accounted for (in the size, as in otelcol) until {@link #done} says it was
 * sent or given up on. When full, an offer is refused, or with {@code block_on_overflow} waits
 * for room as long as its caller may wait.
 *
 * @param <D> the signal's data
 */
interface Queue<D extends SignalData<D, ?>> {
    /** A batch handed to a consumer thread. */
    interface Taken<D> {
        D data();
    }

    /** Told how a queued batch ended ({@code wait_for_result} waits on it). */
    @FunctionalInterface
    interface Completion {
        Completion NONE = failure -> {
        };

        /** @param failure null when the batch was sent */
        void done(SendException failure);
    }

    /**
     * Adds a batch (held as its encoded bytes); returns once it is as safe as the queue promises.
     *
     * @param completion told at {@link #done} (a batch recovered after a restart has none)
     * @param caller     bounds the wait for room when the queue blocks on overflow
     * @return false when the queue is full (and does not block, or the caller stopped waiting),
     *         closed, or smaller than the batch
     * @throws IOException when a persistent queue cannot write it
     */
    boolean offer(D data, Completion completion, CallerContext caller) throws IOException;

    /** The next batch, waiting for one; null once the queue is closed and drained. */
    Taken<D> take() throws InterruptedException;

    /** The batch was delivered ({@code failure} null) or dropped (and counted): forget it, making room. */
    void done(Taken<D> taken, SendException failure);

    /** Refuses further offers (waiting ones too); consumers take what is left, then get null. */
    void close();

    /**
     * Called once the consumers stopped: gives up the queue and returns the batches that stopping
     * loses, still to be {@linkplain #done done} (all that is left of an in-memory queue; nothing
     * from a persistent one, whose unfinished batches are sent after the restart).
     */
    List<Taken<D>> release();

    /** Whether a batch taken but not done survives {@link #release()} (and a crash). */
    boolean persistent();

    /** Current size in the units of the queue's sizer. */
    long size();
}
