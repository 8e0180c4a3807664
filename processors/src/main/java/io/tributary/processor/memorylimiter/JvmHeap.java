package io.tributary.processor.memorylimiter;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;

/**
 * This JVM's heap, measured as <em>the heap in use when the last garbage collection ended</em>,
 * or the heap in use now if that is less.
 *
 * <p>Why not simply the heap in use now (Go's {@code runtime.MemStats.Alloc}, which otelcol
 * compares)? A JVM lets garbage pile up until the young generation fills: under G1 the young
 * generation alone may be more than half the heap, so "used" routinely sits far above the live
 * data, and a limiter reading it refuses traffic while most of the heap is collectable garbage.
 * Right after a collection, young garbage is gone and what is left is the data that survived
 * plus old-generation garbage not yet reclaimed: a sound upper bound of what the process really
 * holds. Every collection's {@link GcInfo} carries the usage of every pool after it, the old
 * generation included (the old pool's own {@code getCollectionUsage()} is not used because G1
 * updates it only after mixed and full collections, so it goes stale for minutes). Taking the
 * smaller of that and the current usage also catches memory freed without a reported pause (G1
 * releasing empty old regions at the end of concurrent marking).
 *
 * <p>The reading lags by at most one young collection: data that piles up in the young generation
 * shows once the next collection promotes it; the spike limit is the allowance for that. When the
 * limiter forces a collection, the reading afterwards is the live heap. Before the first
 * collection there is nothing to go on but the current usage.
 *
 * <p>{@link #maxBytes()} is {@link Runtime#maxMemory()}: {@code -Xmx}, or in a container the
 * {@code -XX:MaxRAMPercentage} share of the cgroup limit, the heap's real ceiling (the container's
 * total memory, otelcol's base for percentages, would put the limit past the point where the JVM
 * throws {@link OutOfMemoryError}).
 */
final class JvmHeap implements Heap {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .filter(GarbageCollectorMXBean.class::isInstance)
            .map(GarbageCollectorMXBean.class::cast)
            .toList();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();

    @Override
    public long usedBytes() {
        long now = memory.getHeapMemoryUsage().getUsed();
        GcInfo last = lastCollection();
        return last == null ? now : Math.min(now, heapAfter(last));
    }

    @Override
    public long maxBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public void collect() {
        System.gc();
    }

    /** The most recent collection of any collector (young and full collections have separate beans), or null. */
    private GcInfo lastCollection() {
        GcInfo last = null;
        for (GarbageCollectorMXBean collector : collectors) {
            GcInfo info = collector.getLastGcInfo();
            if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
                last = info;
            }
        }
        return last;
    }

    /**
     * The heap pools' usage after {@code info}'s collection. A pool that collector does not manage
     * (the old generation, for the Serial and Parallel young collectors) only changes when
     * something is promoted into it, so its current usage stands in.
     */
    private long heapAfter(GcInfo info) {
        Map<String, MemoryUsage> after = info.getMemoryUsageAfterGc();
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage usage = after.get(pool.getName());
            used += (usage != null ? usage : pool.getUsage()).getUsed();
        }
        return used;
    }
}
