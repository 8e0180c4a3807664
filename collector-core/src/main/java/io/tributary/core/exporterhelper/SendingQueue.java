package io.tributary.core.exporterhelper;

import io.tributary.core.data.Traces;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory sending queue: bounded in batches, and closable so that consumers blocked on an
 * empty queue wake up at shutdown and drain what is left (a {@code BlockingQueue} would need a
 * poison pill, which a full queue cannot take).
 */
final class SendingQueue {
    private final int capacity;
    private final ArrayDeque<Traces> batches;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private boolean closed;

    SendingQueue(int capacity) {
        this.capacity = capacity;
        this.batches = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** False when the queue is full or closed. */
    boolean offer(Traces traces) {
        lock.lock();
        try {
            if (closed || batches.size() == capacity) {
                return false;
            }
            batches.add(traces);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next batch, waiting for one; null once the queue is closed and empty. */
    Traces take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (batches.isEmpty() && !closed) {
                notEmpty.await();
            }
            return batches.poll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further offers; consumers take what is left, then get null. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns every batch still queued. */
    List<Traces> drain() {
        lock.lock();
        try {
            List<Traces> left = new ArrayList<>(batches);
            batches.clear();
            return left;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return batches.size();
        } finally {
            lock.unlock();
        }
    }
}
