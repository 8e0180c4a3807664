package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time another process has used, from {@code /proc/<pid>/stat} (all its threads), and per
 * group of like-named threads from {@code /proc/<pid>/task/*}: the JIT compiler's share showed
 * that a short warmup measures compilation, not the steady state.
 */
final class ProcessCpu {
    private final Path process;
    private final int clockTicksPerSecond;

    /** @param clockTicksPerSecond {@code getconf CLK_TCK}; Java cannot ask the kernel for it */
    ProcessCpu(long pid, int clockTicksPerSecond) {
        this.process = Path.of("/proc", Long.toString(pid));
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** utime + stime in seconds. */
    double seconds() throws IOException {
        return ticks(Files.readString(process.resolve("stat"))) / (double) clockTicksPerSecond;
    }

    /**
     * utime + stime in seconds per thread group: the thread name without its trailing numbers
     * ({@code tributary-io-1-2} and {@code tributary-io-1-1} are {@code tributary-io}). Threads
     * that end while this reads are left out.
     */
    Map<String, Double> secondsByThreadGroup() throws IOException {
        Map<String, Double> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                groups.merge(group(name), ticks(stat) / (double) clockTicksPerSecond, Double::sum);
            }
        }
        return groups;
    }

    static String group(String threadName) {
        String group = threadName.replaceAll("[-#\\d]+$", "");
        return group.isEmpty() ? threadName : group;
    }

    private static long ticks(String stat) {
        // The command name (field 2) may hold spaces and parentheses; fields after its closing one are plain.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return utime + stime;
    }
}
