package io.tributary.exporter.file;

import io.tributary.config.Validated;
import io.tributary.exporter.confighttp.CompressionParams;
import java.time.Duration;

/**
 * The {@code file} exporter's settings: contrib's fileexporter keys and defaults. {@code rotation}
 * is off unless the key is present; a bare {@code rotation:} turns it on with its defaults.
 * {@code compression_params} is accepted and has no effect, as in otelcol's message-level zstd.
 * Refused when set: {@code encoding} (encoding extensions).
 */
public record FileExporterConfig(
        String path,
        boolean append,
        Rotation rotation,
        Format format,
        String encoding,
        String compression,
        CompressionParams compressionParams,
        Duration flushInterval,
        GroupBy groupBy,
        boolean createDirectory,
        String directoryPermissions) implements Validated {
    public static final FileExporterConfig DEFAULT = new FileExporterConfig(
            null, false, null, Format.JSON, null, "", CompressionParams.DEFAULT, Duration.ofSeconds(1), GroupBy.DEFAULT, false, "");

    /** OTLP/JSON lines, or size-prefixed protobuf. */
    public enum Format { JSON, PROTO }

    /** When the file is renamed aside and a new one started, and which old files are kept (timberjack's rules). */
    public record Rotation(int maxMegabytes, int maxDays, int maxBackups, boolean localtime) {
        public static final Rotation DEFAULT = new Rotation(100, 0, 100, false);

        public Rotation {
            if (maxMegabytes < 0 || maxDays < 0 || maxBackups < 0) {
                throw new IllegalArgumentException("rotation: max_megabytes, max_days and max_backups must not be negative");
            }
        }

        /** timberjack's size limit: 0 means its default of 100 MiB. */
        long maxBytes() {
            return (maxMegabytes == 0 ? 100L : maxMegabytes) * 1024 * 1024;
        }
    }

    /**
     * One file per value of a resource attribute: the {@code *} of {@code path} replaced by it;
     * at most {@code max_open_files} open at a time.
     */
    public record GroupBy(boolean enabled, String resourceAttribute, int maxOpenFiles) {
        public static final GroupBy DEFAULT = new GroupBy(false, "fileexporter.path_segment", 100);

        public GroupBy {
            resourceAttribute = resourceAttribute == null ? "" : resourceAttribute;
        }
    }

    public FileExporterConfig {
        format = format == null ? Format.JSON : format;
        compression = compression == null ? "" : compression;
        compressionParams = compressionParams == null ? CompressionParams.DEFAULT : compressionParams;
        groupBy = groupBy == null ? GroupBy.DEFAULT : groupBy;
        directoryPermissions = directoryPermissions == null ? "" : directoryPermissions;
        if (flushInterval == null || flushInterval.isZero()) {
            flushInterval = Duration.ofSeconds(1); // as otelcol: unset or 0 means the default
        }
        if (flushInterval.isNegative()) {
            throw new IllegalArgumentException("flush_interval must be larger than zero");
        }
        if (!compression.isEmpty() && !compression.equals("zstd")) {
            throw new IllegalArgumentException("compression \"" + compression + "\" is not supported (supported: zstd)");
        }
        if (append && !compression.isEmpty()) {
            throw new IllegalArgumentException("append and compression enabled at the same time is not supported");
        }
        if (append && rotation != null) {
            throw new IllegalArgumentException("append and rotation enabled at the same time is not supported");
        }
        if (encoding != null && !encoding.isEmpty()) {
            throw new IllegalArgumentException("encoding (encoding extensions) is not supported yet; use format: json or proto");
        }
        if (!createDirectory && !directoryPermissions.isEmpty()) {
            throw new IllegalArgumentException("directory_permissions requires create_directory to be true");
        }
        mode(directoryPermissions);
    }

    @Override
    public void validate() {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("path must be non-empty");
        }
        if (groupBy.enabled()) {
            // As Go's strings.Split: "a*" has two parts, "a**" three.
            if (path.split("\\*", -1).length != 2) {
                throw new IllegalArgumentException("path must contain exactly one * when group_by is enabled");
            }
            if (path.startsWith("*")) {
                throw new IllegalArgumentException("path must not start with * when group_by is enabled");
            }
            if (groupBy.resourceAttribute().isEmpty()) {
                throw new IllegalArgumentException("resource_attribute must not be empty when group_by is enabled");
            }
        }
    }

    boolean zstd() {
        return compression.equals("zstd");
    }

    /** {@code directory_permissions} as permission bits (0755 when not given). */
    int directoryMode() {
        return mode(directoryPermissions);
    }

    private static int mode(String permissions) {
        String octal = permissions.isEmpty() ? "0755" : permissions;
        int mode;
        try {
            mode = Integer.parseInt(octal, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("directory_permissions value must be a valid octal representation");
        }
        if ((mode & 0777) != mode) {
            throw new IllegalArgumentException("directory_permissions contain invalid bits for file access");
        }
        return mode;
    }
}
