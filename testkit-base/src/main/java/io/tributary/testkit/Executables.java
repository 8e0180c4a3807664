package io.tributary.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the real programs some tests run beside Tributary (Debian's {@code prometheus},
 * {@code promtool}, {@code prometheus-node-exporter}); a test without one skips, saying so.
 */
public final class Executables {
    private Executables() {
    }

    /** The executable {@code command} on the {@code PATH}, if any. */
    public static Optional<Path> onPath(String command) {
        return Arrays.stream(Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }
}
