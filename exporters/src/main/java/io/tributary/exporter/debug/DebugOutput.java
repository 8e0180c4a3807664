package io.tributary.exporter.debug;

import io.tributary.core.component.ComponentId;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Kind;
import io.tributary.core.data.Signal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/** Where the debug exporter writes: the collector's log, or its own output paths. */
interface DebugOutput extends AutoCloseable {
    /** False when nothing would be written, so the batch need not be rendered. */
    default boolean enabled() {
        return true;
    }

    /**
     * The line every sampled batch gets: {@code message} ({@code Traces}, {@code Metrics},
     * {@code Logs}) with its counts as fields, in order.
     */
    void counts(Signal<?> signal, String message, Map<String, Integer> counts);

    /** The text of a batch at {@code normal} or {@code detailed} verbosity. */
    void text(Signal<?> signal, String text);

    @Override
    void close();

    /**
     * {@code use_internal_logger: true}: INFO records of the collector's log, with otelcol's
     * component fields (exporter {@code id} and the signal) before the counts.
     */
    static DebugOutput internalLogger(ComponentId id) {
        Logger log = LoggerFactory.getLogger(DebugSender.LOGGER);
        return new DebugOutput() {
            @Override
            public boolean enabled() {
                return log.isInfoEnabled();
            }

            @Override
            public void counts(Signal<?> signal, String message, Map<String, Integer> counts) {
                LoggingEventBuilder event = ComponentLog.of(log.atInfo(), Kind.EXPORTER, id, signal);
                counts.forEach(event::addKeyValue);
                event.log(message);
            }

            @Override
            public void text(Signal<?> signal, String text) {
                ComponentLog.of(log.atInfo(), Kind.EXPORTER, id, signal).log(text);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * {@code use_internal_logger: false}: otelcol's console lines without time or level (the
     * message, then its fields as JSON; no component fields, as otelcol's own logger for these
     * paths has none) on each of {@code paths}: {@code stdout}, {@code stderr}, or a file,
     * created if missing and appended to.
     */
    static DebugOutput paths(List<String> paths) throws IOException {
        List<PrintStream> streams = new ArrayList<>();
        try {
            for (String path : paths) {
                switch (path) {
                    case "stdout" -> streams.add(System.out);
                    case "stderr" -> streams.add(System.err);
                    default -> {
                        OutputStream file = Files.newOutputStream(Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                                StandardOpenOption.WRITE);
                        streams.add(new PrintStream(file, false, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            new StreamOutput(streams).close();
            throw e;
        }
        return new StreamOutput(streams);
    }

    /** Writes whole lines, one writer at a time, so concurrent batches do not interleave. */
    final class StreamOutput implements DebugOutput {
        private final List<PrintStream> streams;

        private StreamOutput(List<PrintStream> streams) {
            this.streams = streams;
        }

        @Override
        public void counts(Signal<?> signal, String message, Map<String, Integer> counts) {
            write(message + counts.entrySet().stream().map(count -> "\"" + count.getKey() + "\": " + count.getValue())
                    .collect(Collectors.joining(", ", "\t{", "}\n")));
        }

        @Override
        public void text(Signal<?> signal, String text) {
            write(text + "\n");
        }

        private synchronized void write(String entry) {
            for (PrintStream stream : streams) {
                stream.print(entry);
                stream.flush();
            }
        }

        @Override
        public synchronized void close() {
            streams.stream().filter(stream -> stream != System.out && stream != System.err).forEach(PrintStream::close);
        }
    }
}
