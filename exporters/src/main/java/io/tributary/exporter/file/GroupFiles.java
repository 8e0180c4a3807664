package io.tributary.exporter.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of {@code group_by}: one per path segment (a resource attribute's value), at
 * {@code path} with its {@code *} replaced by the segment, kept inside the directory before the
 * {@code *} as otelcol keeps them (a {@code ../} segment cannot climb out). A file is opened, its
 * directory created, on first use; at most {@code max_open_files} stay open, and the least
 * recently written is closed to open another. Opened again later it is truncated unless
 * {@code append}, as otelcol's. Not thread-safe.
 */
final class GroupFiles implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupFiles.class);

    /** Opens the file at a path: {@link OutputFile#open} with the exporter's settings. */
    interface Opener {
        OutputFile open(Path path) throws IOException;
    }

    private final String prefix;
    private final String suffix;
    private final int directoryMode;
    private final Opener opener;
    private final Map<String, OutputFile> open;

    /**
     * @param path the configured path, with exactly one {@code *} (checked by the config)
     * @throws IllegalArgumentException when {@code maxOpenFiles} is not positive, as otelcol fails its start
     */
    GroupFiles(String path, int maxOpenFiles, int directoryMode, Opener opener) {
        if (maxOpenFiles <= 0) {
            throw new IllegalArgumentException("must provide a positive size");
        }
        int star = path.indexOf('*');
        this.prefix = cleanPrefix(path.substring(0, star));
        this.suffix = path.substring(star + 1);
        this.directoryMode = directoryMode;
        this.opener = opener;
        this.open = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OutputFile> eldest) {
                if (size() <= maxOpenFiles) {
                    return false;
                }
                closeQuietly(eldest.getKey(), eldest.getValue());
                return true;
            }
        };
    }

    /** The open file for {@code segment}, opened (and its directory made) if it is not. */
    OutputFile file(String segment) throws IOException {
        String path = fullPath(segment);
        OutputFile file = open.get(path);
        if (file == null) {
            Path target = Path.of(path);
            if (target.toAbsolutePath().getParent() != null) {
                OutputFile.createDirectories(target.toAbsolutePath().getParent(), directoryMode);
            }
            file = opener.open(target);
            open.put(path, file);
        }
        return file;
    }

    void flush() throws IOException {
        for (OutputFile file : open.values()) {
            file.flush();
        }
    }

    @Override
    public void close() {
        List<Map.Entry<String, OutputFile>> files = new ArrayList<>(open.entrySet());
        open.clear();
        files.forEach(entry -> closeQuietly(entry.getKey(), entry.getValue()));
    }

    private static void closeQuietly(String path, OutputFile file) {
        try {
            file.close();
        } catch (IOException e) {
            log.warn("Failed to close file {}: {}", path, e.toString());
        }
    }

    /**
     * The segment between prefix and suffix, cleaned; a result outside the prefix (the segment
     * climbs with {@code ..}) is rooted at the prefix instead, as otelcol's.
     */
    String fullPath(String segment) {
        if (segment.startsWith("./")) {
            segment = segment.substring(1);
        } else if (segment.startsWith("../")) {
            segment = segment.substring(2);
        }
        String full = clean(prefix + segment + suffix);
        return full.startsWith(prefix) ? full : clean(prefix + "/" + clean("/" + segment + suffix));
    }

    /** The prefix cleaned, keeping a trailing slash (a directory) where it had one. */
    private static String cleanPrefix(String prefix) {
        String cleaned = clean(prefix);
        return prefix.endsWith("/") && !cleaned.endsWith("/") ? cleaned + "/" : cleaned;
    }

    /**
     * Go's {@code path.Clean}, lexically: repeated slashes and {@code .} removed, {@code ..}
     * removing the name before it (at the root, itself), no trailing slash; {@code .} for nothing.
     */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (!name.equals("..")) {
                names.add(name);
            } else if (!names.isEmpty() && !names.get(names.size() - 1).equals("..")) {
                names.remove(names.size() - 1);
            } else if (!rooted) {
                names.add(name);
            }
        }
        String joined = String.join("/", names);
        return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
    }
}
