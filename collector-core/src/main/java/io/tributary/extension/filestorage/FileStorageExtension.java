package io.tributary.extension.filestorage;

import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.component.StorageDirectory;
import io.tributary.core.component.StorageExtension;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lends each component that asks a directory under {@code directory}, named as contrib names its
 * files ({@code exporter_otlp__traces} for exporter {@code otlp}'s traces), locked against a second
 * holder in this or another process for as long as the component runs ({@code timeout} is how long
 * a second holder waits). What goes in the directory is the component's business: a sending queue
 * keeps its log there. {@code compaction} does nothing: the log deletes each segment as soon as
 * everything in it was sent, which is what contrib's rebound compaction aims at, and leaves no
 * temporary files for {@code cleanup_on_start} to remove.
 */
final class FileStorageExtension implements StorageExtension {
    private static final String LOCK_FILE = "lock";
    private static final long LOCK_POLL_MILLIS = 10;
    private static final Logger log = LoggerFactory.getLogger(FileStorageExtension.class);

    private final FileStorageConfig config;

    FileStorageExtension(FileStorageConfig config) {
        this.config = config;
    }

    @Override
    public void start(Host host) throws IOException {
        if (config.createDirectory()) {
            createDirectory(Path.of(config.directory()));
        }
        if (!Files.isDirectory(Path.of(config.directory()))) {
            throw new IOException("directory must exist: " + config.directory());
        }
    }

    private void createDirectory(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // The process umask still applies, as with contrib's os.MkdirAll.
            Files.createDirectories(path, PosixFilePermissions.asFileAttribute(permissions(config.directoryPermissions())));
        } else {
            Files.createDirectories(path);
        }
        log.info("file_storage: created {}", path);
    }

    private static Set<PosixFilePermission> permissions(String octal) {
        int bits = FileStorageConfig.permissionBits(octal);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < all.length; i++) {
            if ((bits & (1 << (all.length - 1 - i))) != 0) {
                result.add(all[i]);
            }
        }
        return result;
    }

    @Override
    public StorageDirectory open(Kind kind, ComponentId owner, String name) throws IOException {
        String raw = kindName(kind) + "_" + owner.type() + "_" + owner.name() + (name.isEmpty() ? "" : "_" + name);
        Path path = Path.of(config.directory()).resolve(sanitize(raw));
        Files.createDirectories(path);
        FileChannel channel = FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock(channel, path);
            return new LockedDirectory(path, config.fsync(), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void lock(FileChannel channel, Path path) throws IOException {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (true) {
            try {
                if (channel.tryLock() != null) {
                    return;
                }
            } catch (OverlappingFileLockException e) {
                // Held by this process (another component with the same name); wait as for another process.
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException(path + " is in use by another component or process (waited " + config.timeout() + " for its lock)");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(LOCK_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the lock of " + path, e);
            }
        }
    }

    private static String kindName(Kind kind) {
        String section = kind.section();
        return section.substring(0, section.length() - 1);
    }

    /** As contrib: every character but ASCII letters, digits, '.', '-' and '_' becomes '~' and its code in hex. */
    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
            if (safe) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format("~%04X", c));
            }
        });
        return out.toString();
    }

    @Override
    public void shutdown() {
    }

    private record LockedDirectory(Path path, boolean fsync, FileChannel channel) implements StorageDirectory {
        @Override
        public void close() {
            try {
                // Closing the channel releases its lock.
                channel.close();
            } catch (IOException e) {
                log.warn("file_storage: releasing {} failed: {}", path, e.toString());
            }
        }
    }
}
