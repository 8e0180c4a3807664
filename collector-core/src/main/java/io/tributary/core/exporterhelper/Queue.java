package io.tributary.core.exporterhelper;

import io.tributary.core.data.Traces;
import java.io.IOException;
import java.util.List;

/**
 * A bounded sending queue between {@code consume} and the consumer threads: in memory, or
 * persistent in a storage extension's directory. A batch taken stays accounted for until
 * {@link #done} says it was sent or given up on.
 */
interface Queue {
    /** A batch handed to a consumer thread. */
    interface Taken {
        Traces traces();
    }

    /**
     * Adds a batch (held as its encoded bytes); returns once it is as safe as the queue promises.
     *
     * @return false when the queue is full or closed
     * @throws IOException when a persistent queue cannot write it
     */
    boolean offer(Traces traces) throws IOException;

    /** The next batch, waiting for one; null once the queue is closed and drained. */
    Taken take() throws InterruptedException;

    /** The batch was delivered or dropped (and counted): forget it. */
    void done(Taken taken);

    /** Refuses further offers; consumers take what is left, then get null. */
    void close();

    /**
     * Called once the consumers stopped: gives up the queue and returns the batches that stopping
     * loses (all that is left of an in-memory queue; nothing from a persistent one, whose
     * unfinished batches are sent after the restart).
     */
    List<Traces> release();

    /** Whether a batch taken but not done survives {@link #release()} (and a crash). */
    boolean persistent();

    /** Current size in the units of the queue's sizer. */
    long size();
}
