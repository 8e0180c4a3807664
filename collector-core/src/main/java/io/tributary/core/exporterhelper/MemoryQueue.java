package io.tributary.core.exporterhelper;

import io.tributary.core.data.SignalData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory sending queue, bounded in the sizer's units; as in otelcol, a batch counts until
 * it is done, so what is being sent (or waits in the batcher) holds its room.
 */
final class MemoryQueue<D extends SignalData<D, ?>> extends LockedQueue<D> {
    private record Batch<D>(D data, long units, Completion completion) implements Taken<D> {
    }

    private final Sizer sizer;
    private final ArrayDeque<Batch<D>> batches = new ArrayDeque<>();

    MemoryQueue(long capacity, Sizer sizer, boolean blockOnOverflow) {
        super(capacity, blockOnOverflow);
        this.sizer = sizer;
    }

    @Override
    public boolean offer(D data, Completion completion, CallerContext caller) {
        long need = sizer.sizeOf(data);
        lock.lock();
        try {
            if (!awaitRoom(need, caller)) {
                return false;
            }
            batches.add(new Batch<>(data, need, completion));
            size += need;
            signalReady();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Taken<D> take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            awaitReady(batches::isEmpty);
            return batches.poll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void done(Taken<D> taken, SendException failure) {
        Batch<D> batch = (Batch<D>) taken;
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
    public List<Taken<D>> release() {
        lock.lock();
        try {
            List<Taken<D>> left = new ArrayList<>(batches);
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
