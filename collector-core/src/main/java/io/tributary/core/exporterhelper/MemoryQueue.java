package io.tributary.core.exporterhelper;

import io.tributary.core.data.Traces;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory sending queue, bounded in the sizer's units; as in otelcol, a batch counts until
 * it is done, so what is being sent (or waits in the batcher) holds its room.
 */
final class MemoryQueue extends LockedQueue {
    private record Batch(Traces traces, long units, Completion completion) implements Taken {
    }

    private final Sizer sizer;
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();

    MemoryQueue(long capacity, Sizer sizer, boolean blockOnOverflow) {
        super(capacity, blockOnOverflow);
        this.sizer = sizer;
    }

    @Override
    public boolean offer(Traces traces, Completion completion, CallerContext caller) {
        long need = sizer.sizeOf(traces.spanCount(), traces.encoded().size());
        lock.lock();
        try {
            if (!awaitRoom(need, caller)) {
                return false;
            }
            batches.add(new Batch(traces, need, completion));
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
            return batches.poll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void done(Taken taken, SendException failure) {
        Batch batch = (Batch) taken;
        lock.lock();
        try {
            size -= batch.units();
            signalRoom();
        } finally {
            lock.unlock();
        }
        batch.completion().done(failure);
    }

    @Override
    public List<Taken> release() {
        lock.lock();
        try {
            List<Taken> left = new ArrayList<>(batches);
            batches.clear();
            return left;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean persistent() {
        return false;
    }
}
