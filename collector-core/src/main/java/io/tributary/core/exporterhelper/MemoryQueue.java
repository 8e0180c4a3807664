package io.tributary.core.exporterhelper;

import io.tributary.core.data.Traces;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The in-memory sending queue, bounded in the sizer's units; a batch leaves the count when taken. */
final class MemoryQueue extends LockedQueue {
    private record Batch(Traces traces) implements Taken {
    }

    private final long capacity;
    private final Sizer sizer;
    private final ArrayDeque<Traces> batches = new ArrayDeque<>();

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
            signalReady();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Taken take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            awaitReady(batches::isEmpty);
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

    private long sizeOf(Traces traces) {
        return sizer.sizeOf(traces.spanCount(), traces.encoded().size());
    }
}
