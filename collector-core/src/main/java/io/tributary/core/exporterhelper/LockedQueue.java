package io.tributary.core.exporterhelper;

import io.tributary.core.data.SignalData;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What both sending queues share: one lock guarding the queue's state, consumers waiting on it
 * for a batch, offers waiting for room ({@code block_on_overflow}), the size in the sizer's
 * units, and closing (consumers then drain what is left instead of waiting; a {@code
 * BlockingQueue} would need a poison pill, which a full queue cannot take).
 */
abstract class LockedQueue<D extends SignalData<D, ?>> implements Queue<D> {
    protected final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final long capacity;
    private final boolean blockOnOverflow;
    /** Guarded by {@link #lock}. */
    protected long size;
    /** Guarded by {@link #lock}. */
    protected boolean closed;

    protected LockedQueue(long capacity, boolean blockOnOverflow) {
        this.capacity = capacity;
        this.blockOnOverflow = blockOnOverflow;
    }

    /**
     * Whether a batch of {@code need} units may go in now, waiting for room first when the queue
     * blocks on overflow, for as long as the caller may wait; the caller holds the lock.
     */
    protected final boolean awaitRoom(long need, CallerContext caller) {
        if (need > capacity) {
            return false; // would never fit
        }
        if (closed || size + need <= capacity || !blockOnOverflow) {
            return !closed && size + need <= capacity;
        }
        try (CallerContext.Registration ignored = caller.onGone(this::wakeOffers)) {
            while (!closed && size + need > capacity && !caller.gone()) {
                notFull.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !closed && size + need <= capacity;
    }

    private void wakeOffers() {
        lock.lock();
        try {
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a consumer for a batch just added; the caller holds the lock. */
    protected final void signalReady() {
        notEmpty.signal();
    }

    /** Wakes offers waiting for room after the size went down; the caller holds the lock. */
    protected final void signalRoom() {
        notFull.signalAll();
    }

    /** Waits until {@code isEmpty} turns false or the queue closes; the caller holds the lock. */
    protected final void awaitReady(BooleanSupplier isEmpty) throws InterruptedException {
        while (isEmpty.getAsBoolean() && !closed) {
            notEmpty.await();
        }
    }

    @Override
    public final void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final long size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }
}
