package io.tributary.exporter.file;

import io.airlift.compress.zstd.ZstdCompressor;
import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.translator.OtlpJsonEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each batch as one record, in otelcol's file format: OTLP/JSON followed by a newline; or,
 * for {@code proto} or any compression, a 4-byte big-endian length then the message (with
 * {@code zstd}, each message is one complete zstd frame: otelcol's message-level compression,
 * its default while its native file-level compression is behind a feature gate). The buffer is
 * flushed every {@code flush_interval} and at shutdown.
 */
final class FileSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(FileSender.class);

    private final FileExporterConfig config;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Object lock = new Object();
    private OutputFile file;
    private ScheduledFuture<?> flusher;

    FileSender(FileExporterConfig config, ScheduledExecutorService scheduler, Clock clock) {
        this.config = config;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void start(Host host) throws Exception {
        Path path = Path.of(config.path());
        if (config.createDirectory() && path.toAbsolutePath().getParent() != null) {
            createDirectory(path.toAbsolutePath().getParent());
        }
        synchronized (lock) {
            file = OutputFile.open(path, config.append(), config.rotation(), clock);
        }
        long every = config.flushInterval().toNanos();
        flusher = scheduler.scheduleAtFixedRate(this::flush, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        byte[] record = record(traces);
        synchronized (lock) {
            try {
                file.write(record);
            } catch (OutputFile.RecordTooLargeException e) {
                throw SendException.permanent("cannot write to " + config.path() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw SendException.retryable("cannot write to " + config.path() + ": " + e, null, e);
            }
        }
    }

    @Override
    public void shutdown() {
        if (flusher != null) {
            flusher.cancel(false);
        }
        synchronized (lock) {
            if (file == null) {
                return;
            }
            try {
                file.close();
            } catch (IOException e) {
                log.error("Cannot close {}: {}", config.path(), e.toString());
            }
            file = null;
        }
    }

    private void flush() {
        synchronized (lock) {
            try {
                if (file != null) {
                    file.flush();
                }
            } catch (IOException e) {
                log.warn("Cannot flush {}: {}", config.path(), e.toString());
            }
        }
    }

    private byte[] record(Traces traces) {
        boolean json = config.format() == FileExporterConfig.Format.JSON;
        byte[] message = json ? OtlpJsonEncoder.write(traces) : traces.encoded().toByteArray();
        if (json && !config.zstd()) {
            byte[] line = Arrays.copyOf(message, message.length + 1);
            line[message.length] = '\n';
            return line;
        }
        if (config.zstd()) {
            message = zstd(message);
        }
        return ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message).array();
    }

    private static byte[] zstd(byte[] message) {
        ZstdCompressor zstd = new ZstdCompressor();
        byte[] frame = new byte[zstd.maxCompressedLength(message.length)];
        int n = zstd.compress(message, 0, message.length, frame, 0, frame.length);
        return Arrays.copyOf(frame, n);
    }

    private void createDirectory(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(rwx(config.directoryMode()));
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
}
