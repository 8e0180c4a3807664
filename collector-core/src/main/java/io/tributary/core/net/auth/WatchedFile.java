package io.tributary.core.net.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small credentials file (a token, a password) whose new content takes effect without a restart,
 * as otelcol's authenticators watch theirs. The file is re-read every second rather than watched
 * with inotify: Kubernetes rotates mounted secrets by swapping a symlink to a new directory, which
 * a watch on the file misses, and a read of a few bytes per second costs nothing.
 */
public final class WatchedFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final Path path;
    private final Consumer<String> onChange;
    private String content;
    private final ScheduledFuture<?> poll;

    private WatchedFile(Path path, String content, Consumer<String> onChange, ScheduledExecutorService scheduler) {
        this.path = path;
        this.content = content;
        this.onChange = onChange;
        this.poll = scheduler.scheduleWithFixedDelay(this::reread, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the file, hands its content to {@code onChange}, then again whenever the content changes.
     *
     * @param key the config key that named the file, for the error message
     * @throws IllegalArgumentException naming the key and the file when it cannot be read now
     */
    public static WatchedFile watch(String key, String file, ScheduledExecutorService scheduler, Consumer<String> onChange) {
        Path path = Path.of(file);
        String content;
        try {
            content = Files.readString(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read '" + file + "': " + e, e);
        }
        onChange.accept(content);
        return new WatchedFile(path, content, onChange, scheduler);
    }

    private void reread() {
        String now;
        try {
            now = Files.readString(path);
        } catch (IOException | RuntimeException e) {
            // Mid-rotation the file may be briefly absent; the previous credentials stay in force.
            LOG.warn("cannot re-read {}; keeping the credentials read before: {}", path, e.toString());
            return;
        }
        if (!now.equals(content)) {
            content = now;
            LOG.info("{} changed; using the new credentials", path);
            onChange.accept(now);
        }
    }

    @Override
    public void close() {
        poll.cancel(false);
    }
}
