package io.tributary.processor.memorylimiter;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A heap whose usage the test sets; a forced collection brings usage to {@link #afterGc(long)}'s value, if one was set. */
final class FakeHeap implements Heap {
    static final long MIB = 1024 * 1024;

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong afterGc = new AtomicLong(-1);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Thread lastReader;
    private final AtomicInteger collections = new AtomicInteger();

    FakeHeap(long maxMib) {
        this.maxBytes = maxMib * MIB;
    }

    void useMib(long mib) {
        used.set(mib * MIB);
    }

    void useBytes(long bytes) {
        used.set(bytes);
    }

    /** What usage a forced collection leaves; by default it frees nothing. */
    void afterGc(long mib) {
        afterGc.set(mib * MIB);
    }

    int collections() {
        return collections.get();
    }

    int reads() {
        return reads.get();
    }

    /** The thread that last read the usage. */
    Thread lastReader() {
        return lastReader;
    }

    @Override
    public long usedBytes() {
        reads.incrementAndGet();
        lastReader = Thread.currentThread();
        return used.get();
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public void collect() {
        collections.incrementAndGet();
        long after = afterGc.get();
        if (after >= 0) {
            used.set(after);
        }
    }
}
