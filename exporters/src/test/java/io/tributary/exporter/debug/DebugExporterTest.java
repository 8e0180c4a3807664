package io.tributary.exporter.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.Exporter;
import io.tributary.core.data.Traces;
import io.tributary.exporter.SampleTraces;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DebugExporterTest {
    private final TestRuntime runtime = new TestRuntime();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.tributary.exporter.debug");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Exporter> started = new ArrayList<>();
    private final Traces twoSpans = Traces.of(SampleTraces.request("checkout", 7, 2));

    @BeforeEach
    void captureLogs() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() throws Exception {
        started.forEach(Exporter::shutdown);
        logger.detachAppender(appender);
        runtime.close();
    }

    @Test
    void basicLogsOneLineWithTheCounts() {
        exporter("verbosity: basic").consume(twoSpans);

        assertThat(messages()).containsExactly("Traces: 1 resource spans, 2 spans");
        assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void normalLogsOneLinePerSpanWithItsIds() {
        exporter("verbosity: normal").consume(twoSpans);

        assertThat(messages()).hasSize(2);
        assertThat(messages().get(1).lines()).containsExactly(
                "GET /items/0 trace_id=0af7651916cd43dd0000000000000007 span_id=0000000000000064 parent_id= service=checkout",
                "GET /items/1 trace_id=0af7651916cd43dd0000000000000007 span_id=0000000000000065 "
                        + "parent_id=0000000000000064 service=checkout");
    }

    @Test
    void detailedDumpsEveryField() {
        exporter("verbosity: detailed").consume(twoSpans);

        String dump = messages().get(1);
        assertThat(dump)
                .contains("Resource attributes:", "     -> service.name: Str(checkout)", "     -> host.cores: Int(8)")
                .contains("InstrumentationScope io.example.http 1.2.3")
                .contains("    Trace ID       : 0af7651916cd43dd0000000000000007")
                .contains("    Parent ID      : 0000000000000064")
                .contains("    Kind           : Server")
                .contains("    Start time     : 2023-11-14T22:13:20Z")
                .contains("    Status code    : Error", "    Status message : boom")
                .contains("     -> tags: Slice([a,b])", "     -> ratio: Double(0.5)", "     -> sampled: Bool(true)")
                .contains("SpanEvent #0", "     -> Name: retry", "          -> attempt: Int(2)")
                .contains("SpanLink #0", "     -> TraceState: vendor=y", "          -> link.kind: Str(follows)");
    }

    @Test
    void legacyLoglevelDebugMeansDetailed() {
        exporter("loglevel: debug").consume(twoSpans);

        assertThat(messages().get(1)).contains("Span #1");
    }

    @Test
    void samplingLogsTheInitialBatchesThenEveryNthPerSecond() {
        Clock frozen = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
        Exporter exporter = started(new DebugExporterFactory().create(runtime.context("debug", frozen),
                config("verbosity: basic\nsampling_initial: 2\nsampling_thereafter: 3")));

        for (int i = 0; i < 8; i++) {
            exporter.consume(twoSpans);
        }

        assertThat(messages()).hasSize(4); // batches 1, 2, 5 and 8
    }

    @Test
    void countsWhatItLoggedAsSent() {
        exporter("verbosity: basic").consume(twoSpans);

        assertThat(runtime.exporterCounter("otelcol.exporter.sent.spans", "debug")).isEqualTo(2);
    }

    @Test
    void withoutASendingQueueBatchesAreWrittenOnTheCallersThread() {
        exporter("").consume(twoSpans);

        assertThat(appender.list).extracting(ILoggingEvent::getThreadName).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aSendingQueueKeyQueuesBatchesWithOtelcolsQueueDefaults() {
        Exporter exporter = exporter("sending_queue:");

        exporter.consume(twoSpans);

        Await.until(() -> appender.list.size() == 1, Duration.ofSeconds(10), () -> "the queue consumer writes the batch");
        assertThat(appender.list.get(0).getThreadName()).startsWith("exporter-debug-");
        Await.until(() -> runtime.exporterCounter("otelcol.exporter.sent.spans", "debug") == 2, Duration.ofSeconds(10),
                () -> "the batch is counted as sent");
    }

    @Test
    void basicIsTheDefaultAsInOtelcol() {
        exporter("").consume(twoSpans);

        assertThat(messages()).containsExactly("Traces: 1 resource spans, 2 spans");
    }

    @Test
    void withoutTheInternalLoggerEachOutputFileGetsOtelcolsConsoleLinesAppended(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        Files.writeString(first, "earlier\n");

        Exporter exporter = exporter("verbosity: normal\nuse_internal_logger: false\noutput_paths: [" + first + ", " + second + "]");
        exporter.consume(twoSpans);
        exporter.shutdown();

        String written = "Traces\t{\"resource spans\": 1, \"spans\": 2}\n" + TracesText.normal(twoSpans.resourceSpans()) + "\n";
        assertThat(Files.readString(first)).isEqualTo("earlier\n" + written);
        assertThat(Files.readString(second)).isEqualTo(written);
        assertThat(messages()).isEmpty();
    }

    @Test
    void withoutTheInternalLoggerTheDefaultOutputIsStdout() {
        assertThat(captured(System.out, System::setOut, () -> exporter("use_internal_logger: false").consume(twoSpans)))
                .isEqualTo("Traces\t{\"resource spans\": 1, \"spans\": 2}\n");
        assertThat(messages()).isEmpty();
    }

    @Test
    void stderrIsAnOutputPath() {
        assertThat(captured(System.err, System::setErr,
                () -> exporter("use_internal_logger: false\noutput_paths: [stderr]").consume(twoSpans)))
                .isEqualTo("Traces\t{\"resource spans\": 1, \"spans\": 2}\n");
    }

    @Test
    void anOutputFileThatCannotBeOpenedFailsTheStart(@TempDir Path dir) {
        Exporter exporter = new DebugExporterFactory().create(runtime.context("debug"),
                config("use_internal_logger: false\noutput_paths: [" + dir.resolve("missing/dir/out.log") + "]"));

        assertThatThrownBy(() -> exporter.start(id -> Optional.empty())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void outputPathsAreRejectedWithTheInternalLoggerAndMustNotBeEmptyWithout() {
        assertThatThrownBy(() -> config("output_paths: [stdout]"))
                .hasMessageContaining("exporters::debug: output_paths is not supported when use_internal_logger is true");
        assertThatThrownBy(() -> config("use_internal_logger: false\noutput_paths: []"))
                .hasMessageContaining("exporters::debug: output_paths must not be empty when use_internal_logger is false");
    }

    /** What {@code action} printed on the stream that {@code set} replaces (the exporter takes the stream when it starts). */
    private static String captured(PrintStream original, Consumer<PrintStream> set, Runnable action) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        set.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            set.accept(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Exporter exporter(String yaml) {
        return started(new DebugExporterFactory().create(runtime.context("debug"), config(yaml)));
    }

    private Exporter started(Exporter exporter) {
        try {
            exporter.start(id -> Optional.empty());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        started.add(exporter);
        return exporter;
    }

    private static DebugExporterConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml.isEmpty() ? "{}" : yaml, "test", name -> null),
                "exporters::debug", DebugExporterConfig.class, DebugExporterConfig.DEFAULT);
    }

    private List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
