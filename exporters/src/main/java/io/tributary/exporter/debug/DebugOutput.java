package io.tributary.exporter.debug;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the debug exporter writes: the collector's log, or its own output paths. */
interface DebugOutput extends AutoCloseable {
    /** False when nothing would be written, so the batch need not be rendered. */
    default boolean enabled() {
        return true;
    }

    /** The line every sampled batch gets. */
    void counts(int resourceSpans, int spans);

    /** The text of a batch at {@code normal} or {@code detailed} verbosity. */
    void text(String text);

    @Override
    void close();

    /** {@code use_internal_logger: true}: INFO records of the collector's log. */
    static DebugOutput internalLogger() {
        Logger log = LoggerFactory.getLogger(DebugSender.LOGGER);
        return new DebugOutput() {
            @Override
            public boolean enabled() {
                return log.isInfoEnabled();
            }

            @Override
            public void counts(int resourceSpans, int spans) {
                log.info("Traces: {} resource spans, {} spans", resourceSpans, spans);
            }

            @Override
            public void text(String text) {
                log.info(text);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * {@code use_internal_logger: false}: otelcol's console lines without time or level (the
     * message, then its fields as JSON) on each of {@code paths}: {@code stdout}, {@code stderr},
     * or a file, created if missing and appended to.
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
        public void counts(int resourceSpans, int spans) {
            write("Traces\t{\"resource spans\": " + resourceSpans + ", \"spans\": " + spans + "}\n");
        }

        @Override
        public void text(String text) {
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
