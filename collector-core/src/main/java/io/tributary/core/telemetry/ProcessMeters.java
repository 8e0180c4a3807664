package io.tributary.core.telemetry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The Go collector's {@code otelcol_process_*} metrics, which collector dashboards plot, plus
 * Micrometer's JVM metrics. The Go runtime's allocation figures map to the JVM's nearest
 * equivalents: bytes allocated by all threads, heap in use, and committed heap plus non-heap.
 */
final class ProcessMeters {
    /** Linux reports resident memory in pages; every platform we run on uses 4 KiB pages. */
    private static final long PAGE_SIZE = 4096;
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final Set<String> LINT_FAILURES = Set.of("process.cpu.time", "system.cpu.count");

    private ProcessMeters() {
    }

    /** Registers the meters; the returned handle releases the GC listener. */
    static AutoCloseable bindTo(MeterRegistry registry) {
        // Two of Micrometer's processor meters fail promtool's lint (an abbreviated unit, a
        // "_count" suffix on a gauge); otelcol_process_cpu_seconds already gives the CPU time.
        registry.config().meterFilter(MeterFilter.deny(id -> LINT_FAILURES.contains(id.getName())));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        // Micrometer holds a function meter's state weakly: it must be an object that stays
        // reachable (a JVM-wide MXBean), not a boxed start time that the GC may collect.
        FunctionCounter.builder("otelcol.process.uptime", ManagementFactory.getRuntimeMXBean(), rt -> rt.getUptime() / 1e3)
                .description("Uptime of the process").register(registry);
        FunctionCounter.builder("otelcol.process.cpu.seconds", ManagementFactory.getOperatingSystemMXBean(), ProcessMeters::cpuSeconds)
                .description("Total CPU user and system time in seconds").register(registry);
        Gauge.builder("otelcol.process.memory.rss", ProcessMeters::residentBytes)
                .description("Total physical memory (resident set size)").register(registry);
        FunctionCounter.builder("otelcol.process.runtime.total.alloc.bytes", ManagementFactory.getThreadMXBean(), ProcessMeters::allocatedBytes)
                .description("Cumulative bytes allocated for heap objects").register(registry);
        Gauge.builder("otelcol.process.runtime.heap.alloc.bytes", memory, m -> m.getHeapMemoryUsage().getUsed())
                .description("Bytes of allocated heap objects").register(registry);
        Gauge.builder("otelcol.process.runtime.total.sys.memory.bytes", memory, ProcessMeters::committedBytes)
                .description("Total bytes of memory obtained from the OS").register(registry);

        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
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
    private static double residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
