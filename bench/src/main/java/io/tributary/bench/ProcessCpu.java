package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time another process has used, from {@code /proc/<pid>/stat} (all its threads). */
final class ProcessCpu {
    private final Path stat;
    private final int clockTicksPerSecond;

    /** @param clockTicksPerSecond {@code getconf CLK_TCK}; Java cannot ask the kernel for it */
    ProcessCpu(long pid, int clockTicksPerSecond) {
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** utime + stime in seconds. */
    double seconds() throws IOException {
        String line = Files.readString(stat);
        // The command name (field 2) may hold spaces and parentheses; fields after its closing one are plain.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return (utime + stime) / (double) clockTicksPerSecond;
    }
}
