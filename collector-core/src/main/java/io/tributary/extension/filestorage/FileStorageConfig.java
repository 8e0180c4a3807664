package io.tributary.extension.filestorage;

import io.tributary.config.Validated;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * contrib's {@code file_storage} settings with their defaults. {@code compaction} is accepted so
 * existing configs load; Tributary's queue log needs none (see {@link FileStorageExtension}).
 */
public record FileStorageConfig(
        String directory,
        Duration timeout,
        boolean fsync,
        boolean createDirectory,
        String directoryPermissions,
        Compaction compaction) implements Validated {
    static final String DEFAULT_DIRECTORY = "/var/lib/otelcol/file_storage";
    public static final FileStorageConfig DEFAULT =
            new FileStorageConfig(DEFAULT_DIRECTORY, Duration.ofSeconds(1), false, false, "0750", Compaction.DEFAULT);

    public FileStorageConfig {
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("directory must not be empty");
        }
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        compaction = compaction == null ? Compaction.DEFAULT : compaction;
        directoryPermissions = directoryPermissions == null ? "0750" : directoryPermissions;
        if (createDirectory) {
            permissionBits(directoryPermissions);
        }
    }

    /**
     * As contrib's Validate: the directories must exist unless {@code create_directory} (checked here
     * rather than in the constructor because the default directory rarely exists on a dev machine).
     */
    @Override
    public void validate() {
        List<String> dirs = new ArrayList<>(List.of(directory));
        if (compaction.onStart() || compaction.onRebound()) {
            dirs.add(compaction.directory());
        }
        for (String dir : dirs) {
            Path path = Path.of(dir);
            if (!Files.exists(path)) {
                if (!createDirectory) {
                    throw new IllegalArgumentException("directory must exist: " + dir
                            + ". You can enable the create_directory option to automatically create it");
                }
            } else if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException(dir + " is not a directory");
            }
        }
    }

    /** {@code directory_permissions} as POSIX permission bits. */
    static int permissionBits(String octal) {
        int bits;
        try {
            bits = Integer.parseInt(octal, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("directory_permissions value must be a valid octal representation");
        }
        if ((bits & ~0777) != 0) {
            throw new IllegalArgumentException("directory_permissions contain invalid bits for file access");
        }
        return bits;
    }

    /** {@code compaction}: contrib's keys and defaults. */
    public record Compaction(
            boolean onStart,
            boolean onRebound,
            String directory,
            long maxTransactionSize,
            long reboundNeededThresholdMib,
            long reboundTriggerThresholdMib,
            Duration checkInterval,
            boolean cleanupOnStart) {
        public static final Compaction DEFAULT =
                new Compaction(false, false, DEFAULT_DIRECTORY, 65536, 100, 10, Duration.ofSeconds(5), false);

        public Compaction {
            if (maxTransactionSize < 0) {
                throw new IllegalArgumentException("max transaction size for compaction cannot be less than 0");
            }
            if (onRebound && (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero())) {
                throw new IllegalArgumentException("compaction check interval must be positive when rebound compaction is set");
            }
        }
    }
}
