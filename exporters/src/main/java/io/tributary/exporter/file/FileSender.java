package io.tributary.exporter.file;

import com.google.protobuf.Message;
import io.airlift.compress.zstd.ZstdCompressor;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.core.component.Host;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.translator.OtlpJsonEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each batch, of whichever signal, as one record, in otelcol's file format: OTLP/JSON
 * followed by a newline; or, for {@code proto} or any compression, a 4-byte big-endian length
 * then the message (with {@code zstd}, each message is one complete zstd frame: otelcol's
 * message-level compression, its default while its native file-level compression is behind a
 * feature gate). One sender serves every signal of the exporter, so the signals share its file,
 * as otelcol's exporter of one config is shared by its signals. With {@code group_by}, a batch
 * is cut by the resource attribute's value into one record per file ({@link GroupFiles}); a
 * resource without the attribute as a string is dropped, as otelcol drops it. The buffers are
 * flushed every {@code flush_interval} and at shutdown.
 */
final class FileSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(FileSender.class);

    private final FileExporterConfig config;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Object lock = new Object();
    /** The one file, without {@code group_by}. */
    private OutputFile file;
    /** The files by path segment, with {@code group_by}. */
    private GroupFiles groups;
    private ScheduledFuture<?> flusher;

    FileSender(FileExporterConfig config, ScheduledExecutorService scheduler, Clock clock) {
        this.config = config;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void start(Host host) throws Exception {
        synchronized (lock) {
            if (config.groupBy().enabled()) {
                groups = new GroupFiles(config.path(), config.groupBy().maxOpenFiles(), config.directoryMode(), this::open);
            } else {
                Path path = Path.of(config.path());
                if (config.createDirectory() && path.toAbsolutePath().getParent() != null) {
                    OutputFile.createDirectories(path.toAbsolutePath().getParent(), config.directoryMode());
                }
                file = open(path);
            }
        }
        long every = config.flushInterval().toNanos();
        flusher = scheduler.scheduleAtFixedRate(this::flush, every, every, TimeUnit.NANOSECONDS);
    }

    private OutputFile open(Path path) throws IOException {
        return OutputFile.open(path, config.append(), config.rotation(), clock);
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        send(Signal.TRACES, traces, timeout);
    }

    @Override
    public <D extends SignalData<D, ?>> void send(Signal<D> signal, D data, Duration timeout) throws SendException {
        if (config.groupBy().enabled()) {
            sendGrouped(data);
            return;
        }
        byte[] record = record(data);
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

    /** Every group written that can be; any failure is permanent, as otelcol's grouping exporter makes it. */
    private <D extends SignalData<D, ?>> void sendGrouped(D data) throws SendException {
        List<String> failures = new ArrayList<>();
        IOException first = null;
        for (Map.Entry<String, D> group : byPathSegment(data).entrySet()) {
            byte[] record = record(group.getValue());
            synchronized (lock) {
                try {
                    groups.file(group.getKey()).write(record);
                } catch (IOException e) {
                    failures.add(groups.fullPath(group.getKey()) + ": " + e.getMessage());
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw SendException.permanent("cannot write to " + String.join("; ", failures), first);
        }
    }

    /** The data's resources by the value of the {@code group_by} attribute, each group as data of its own, in order of appearance. */
    private <D extends SignalData<D, ?>> Map<String, D> byPathSegment(D data) {
        Map<String, List<Message>> entries = new LinkedHashMap<>();
        for (Message entry : data.resourceEntries()) {
            String segment = segment(resource(entry));
            if (segment != null) {
                entries.computeIfAbsent(segment, s -> new ArrayList<>()).add(entry);
            } else {
                log.debug("Resource does not contain {} attribute, dropping it", config.groupBy().resourceAttribute());
            }
        }
        Map<String, D> parts = new LinkedHashMap<>();
        entries.forEach((segment, list) -> parts.put(segment, data.withResourceEntries(ofEntryType(list))));
        return parts;
    }

    /** The entries as a list of the data's own entry type, which is what they are: taken from it. */
    @SuppressWarnings("unchecked")
    private static <E extends Message> List<E> ofEntryType(List<Message> entries) {
        return (List<E>) entries;
    }

    /** The attribute's value when it is a string (the first of that key), else null. */
    private String segment(Resource resource) {
        for (KeyValue attribute : resource.getAttributesList()) {
            if (attribute.getKey().equals(config.groupBy().resourceAttribute())) {
                AnyValue value = attribute.getValue();
                return value.getValueCase() == AnyValue.ValueCase.STRING_VALUE ? value.getStringValue() : null;
            }
        }
        return null;
    }

    private static Resource resource(Message entry) {
        if (entry instanceof ResourceSpans spans) {
            return spans.getResource();
        }
        if (entry instanceof ResourceMetrics metrics) {
            return metrics.getResource();
        }
        return ((ResourceLogs) entry).getResource();
    }

    @Override
    public void shutdown() {
        if (flusher != null) {
            flusher.cancel(false);
        }
        synchronized (lock) {
            if (groups != null) {
                groups.close();
                groups = null;
            }
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    log.error("Cannot close {}: {}", config.path(), e.toString());
                }
                file = null;
            }
        }
    }

    private void flush() {
        synchronized (lock) {
            try {
                if (file != null) {
                    file.flush();
                }
                if (groups != null) {
                    groups.flush();
                }
            } catch (IOException e) {
                log.warn("Cannot flush {}: {}", config.path(), e.toString());
            }
        }
    }

    private byte[] record(SignalData<?, ?> data) {
        boolean json = config.format() == FileExporterConfig.Format.JSON;
        byte[] message = json ? OtlpJsonEncoder.write(data) : data.encoded().toByteArray();
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
}
