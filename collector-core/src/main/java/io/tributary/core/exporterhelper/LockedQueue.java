package io.tributary.core.exporterhelper;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What both sending queues share: one lock guarding the queue's state, consumers waiting on it
 * for a batch, the size in the sizer's units, and closing (consumers then drain what is left
 * instead of waiting; a {@code BlockingQueue} would need a poison pill, which a full queue cannot take).
 */
abstract class LockedQueue implements Queue {
    protected final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    /** Guarded by {@link #lock}. */
    protected long size;
    /** Guarded by {@link #lock}. */
    protected boolean closed;

    /** Wakes a consumer for a batch just added; the caller holds the lock. */
    protected final void signalReady() {
        notEmpty.signal();
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
