package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Go collector's {@code otelcol_process_*} metrics, which collector dashboards plot. The Go
 * runtime's allocation figures map to the JVM's nearest equivalents: bytes allocated by all
 * threads, heap in use, and committed heap plus non-heap. Micrometer's {@code jvm_*} metrics are
 * not registered, so {@code /metrics} lists what otelcol's lists.
 */
final class ProcessMeters {
    /** Linux reports resident memory in pages; every platform we run on uses 4 KiB pages. */
    private static final long PAGE_SIZE = 4096;
    private static final Path STATM = Path.of("/proc/self/statm");

    private ProcessMeters() {
    }

    static void bindTo(Telemetry telemetry) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // Micrometer holds a function meter's state weakly: it must be an object that stays
        // reachable (a JVM-wide MXBean), not a boxed start time that the GC may collect.
        telemetry.functionCounter(SelfMetric.PROCESS_UPTIME, ManagementFactory.getRuntimeMXBean(), rt -> rt.getUptime() / 1e3);
        telemetry.functionCounter(SelfMetric.PROCESS_CPU_SECONDS, ManagementFactory.getOperatingSystemMXBean(), ProcessMeters::cpuSeconds);
        telemetry.gauge(SelfMetric.PROCESS_MEMORY_RSS, Tags.empty(), STATM, ProcessMeters::residentBytes);
        telemetry.functionCounter(SelfMetric.PROCESS_RUNTIME_TOTAL_ALLOC_BYTES, ManagementFactory.getThreadMXBean(), ProcessMeters::allocatedBytes);
        telemetry.gauge(SelfMetric.PROCESS_RUNTIME_HEAP_ALLOC_BYTES, Tags.empty(), memory, m -> m.getHeapMemoryUsage().getUsed());
        telemetry.gauge(SelfMetric.PROCESS_RUNTIME_TOTAL_SYS_MEMORY_BYTES, Tags.empty(), memory, ProcessMeters::committedBytes);
    }
    private static double cpuSeconds(java.lang.management.OperatingSystemMXBean os) {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) / 1e9 : 0;
    }

    private static double allocatedBytes(java.lang.management.ThreadMXBean threads) {
        return threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                ? Math.max(0, sun.getTotalThreadAllocatedBytes())
                : 0;
    }

    private static double committedBytes(MemoryMXBean memory) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        return heap.getCommitted() + nonHeap.getCommitted();
    }

    /** The second field of statm is the resident page count; 0 where there is no procfs. */
    private static double residentBytes(Path statm) {
        try {
            String[] fields = Files.readString(statm).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
