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
 * that a short warmup measures compilation, not the steady state. Per group also the context
 * switches, voluntary (a thread that blocked: each is a wake-up, a hand-off or a timer) and
 * involuntary (preempted), which tell a light load's fixed costs per request apart.
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

    /** What a group of threads has used so far; {@link #minus} gives a window's share. */
    record Use(int threads, double seconds, long voluntarySwitches, long involuntarySwitches) {
        static final Use NONE = new Use(0, 0, 0, 0);

        Use plus(Use other) {
            return new Use(threads + other.threads, seconds + other.seconds, voluntarySwitches + other.voluntarySwitches,
                    involuntarySwitches + other.involuntarySwitches);
        }

        /** The use since {@code earlier}, with this reading's thread count. */
        Use minus(Use earlier) {
            return new Use(threads, seconds - earlier.seconds, voluntarySwitches - earlier.voluntarySwitches,
                    involuntarySwitches - earlier.involuntarySwitches);
        }
    }

    /**
     * Use per thread group: the thread name without its trailing numbers ({@code tributary-io-1-2}
     * and {@code tributary-io-1-1} are {@code tributary-io}). Threads that end while this reads
     * are left out.
     */
    Map<String, Use> byThreadGroup() throws IOException {
        Map<String, Use> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                String status;
                try {
                    stat = Files.readString(task.resolve("stat"));
                    status = Files.readString(task.resolve("status"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                Use use = new Use(1, ticks(stat) / (double) clockTicksPerSecond, statusField(status, "voluntary_ctxt_switches"),
                        statusField(status, "nonvoluntary_ctxt_switches"));
                groups.merge(group(name), use, Use::plus);
            }
        }
        return groups;
    }

    static String group(String threadName) {
        String group = threadName.replaceAll("[-#\\d]+$", "");
        return group.isEmpty() ? threadName : group;
    }

    private static long statusField(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        return 0;
    }

    private static long ticks(String stat) {
        // The command name (field 2) may hold spaces and parentheses; fields after its closing one are plain.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return utime + stime;
    }
}
