package io.tributary.core.exporterhelper;

import io.tributary.core.data.Traces;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory sending queue: bounded in the sizer's units, and closable so that consumers
 * blocked on an empty queue wake up at shutdown and drain what is left (a {@code BlockingQueue}
 * would need a poison pill, which a full queue cannot take). A batch leaves the count when taken.
 */
final class MemoryQueue implements Queue {
    private record Batch(Traces traces) implements Taken {
    }

    private final long capacity;
    private final Sizer sizer;
    private final ArrayDeque<Traces> batches = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long size;
    private boolean closed;

    MemoryQueue(long capacity, Sizer sizer) {
        this.capacity = capacity;
        this.sizer = sizer;
    }

    @Override
    public boolean offer(Traces traces) {
        long need = sizeOf(traces);
        lock.lock();
        try {
            if (closed || size + need > capacity) {
                return false;
            }
            batches.add(traces);
            size += need;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Taken take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (batches.isEmpty() && !closed) {
                notEmpty.await();
            }
            Traces traces = batches.poll();
            if (traces == null) {
                return null;
            }
            size -= sizeOf(traces);
            return new Batch(traces);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void done(Taken taken) {
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Traces> release() {
        lock.lock();
        try {
            List<Traces> left = new ArrayList<>(batches);
            batches.clear();
            size = 0;
            return left;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public long size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    private long sizeOf(Traces traces) {
        return sizer.sizeOf(traces.spanCount(), traces.encoded().size());
    }
}
