package io.tributary.exporter.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The file the exporter writes, buffered until {@link #flush()}. With rotation it follows
 * timberjack, which otelcol's file exporter uses: an existing file is appended to; before a
 * record that would take the file past the size limit, it is renamed to
 * {@code <name>-<time>-size<ext>} and a new one started at the path; then backups beyond
 * {@code max_backups} (newest kept) or older than {@code max_days} are deleted. Unlike otelcol,
 * whose buffer can cut a record at a rotation, a record is never split between two files.
 * Not thread-safe.
 */
final class OutputFile implements AutoCloseable {
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS");
    private static final String REASON = "-size";
    private static final int BUFFER = 64 * 1024;

    private final Path path;
    private final FileExporterConfig.Rotation rotation;
    private final Clock clock;
    private final String prefix;
    private final String extension;
    private OutputStream out;
    private long size;

    private OutputFile(Path path, FileExporterConfig.Rotation rotation, Clock clock) {
        this.path = path;
        this.rotation = rotation;
        this.clock = clock;
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.extension = dot < 0 ? "" : name.substring(dot); // as Go's filepath.Ext
        this.prefix = name.substring(0, name.length() - extension.length()) + "-";
    }

    /**
     * @param rotation null for one file, truncated at open unless {@code append}
     */
    static OutputFile open(Path path, boolean append, FileExporterConfig.Rotation rotation, Clock clock) throws IOException {
        OutputFile file = new OutputFile(path, rotation, clock);
        if (rotation == null) {
            file.out = stream(path, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } else if (Files.exists(path) && Files.size(path) >= rotation.maxBytes()) {
            file.rotate();
        } else {
            file.size = Files.exists(path) ? Files.size(path) : 0;
            file.out = stream(path, StandardOpenOption.APPEND);
        }
        return file;
    }

    /** Writes one whole record, rotating first when it would not fit. */
    void write(byte[] record) throws IOException {
        if (rotation != null) {
            if (record.length > rotation.maxBytes()) {
                throw new RecordTooLargeException("write length " + record.length + " exceeds maximum file size " + rotation.maxBytes());
            }
            if (size + record.length > rotation.maxBytes()) {
                rotate();
            }
        }
        out.write(record);
        size += record.length;
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void rotate() throws IOException {
        if (out != null) {
            out.close();
        }
        Instant now = clock.instant();
        if (Files.exists(path)) {
            ZoneId zone = rotation.localtime() ? ZoneId.systemDefault() : ZoneOffset.UTC;
            Files.move(path, path.resolveSibling(prefix + BACKUP_TIME.format(now.atZone(zone)) + REASON + extension));
        }
        out = stream(path, StandardOpenOption.TRUNCATE_EXISTING);
        size = 0;
        removeOldBackups(now);
    }

    private void removeOldBackups(Instant now) throws IOException {
        if (rotation.maxBackups() == 0 && rotation.maxDays() == 0) {
            return;
        }
        record Backup(Path file, Instant time) {
        }
        List<Backup> backups = new ArrayList<>();
        Path dir = path.toAbsolutePath().getParent();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*" + extension)) {
            for (Path file : files) {
                Instant time = backupTime(file.getFileName().toString());
                if (time != null) {
                    backups.add(new Backup(file, time));
                }
            }
        }
        backups.sort(Comparator.comparing(Backup::time).reversed());
        Instant cutoff = now.minus(Duration.ofDays(rotation.maxDays()));
        for (int i = 0; i < backups.size(); i++) {
            Backup backup = backups.get(i);
            boolean tooMany = rotation.maxBackups() > 0 && i >= rotation.maxBackups();
            boolean tooOld = rotation.maxDays() > 0 && backup.time().isBefore(cutoff);
            if (tooMany || tooOld) {
                Files.deleteIfExists(backup.file());
            }
        }
    }

    /** The time in a backup's name (read as UTC, as timberjack does), or null when the name is not a backup's. */
    private Instant backupTime(String name) {
        if (!name.startsWith(prefix) || !name.endsWith(extension) || name.length() < prefix.length() + extension.length()) {
            return null;
        }
        String middle = name.substring(prefix.length(), name.length() - extension.length());
        int dash = middle.lastIndexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            return LocalDateTime.parse(middle.substring(0, dash), BACKUP_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Creates {@code dir} and its missing parents with permission bits {@code mode} (less the umask), as Go's os.MkdirAll. */
    static void createDirectories(Path dir, int mode) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(rwx(mode));
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(permissions));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder(9);
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift;
            s.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }

    private static OutputStream stream(Path path, StandardOpenOption mode) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode), BUFFER);
    }

    /** A record larger than the rotation size: no file can take it, so writing it again will not help. */
    static final class RecordTooLargeException extends IOException {
        RecordTooLargeException(String message) {
            super(message);
        }
    }
}
