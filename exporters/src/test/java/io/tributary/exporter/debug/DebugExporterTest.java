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
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.exporter.SampleSignals;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The debug exporter on traces, metrics and logs. What otelcol writes for the same requests is in
 * {@code src/test/resources/debug/<signal>-<verbosity>.txt}: the output file of otelcol v0.148.0's
 * debug exporter ({@code use_internal_logger: false}) given {@link SampleTraces#request},
 * {@link SampleSignals#metrics} and {@link SampleSignals#logs}.
 */
class DebugExporterTest {
    private final TestRuntime runtime = new TestRuntime();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.tributary.exporter.debug");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            // logback names an event's thread lazily, after whichever thread first asks: the writer's must be taken here
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private final List<Exporter> started = new ArrayList<>();
    private final Traces twoSpans = Traces.of(SampleTraces.request("checkout", 7, 2));
    private final Metrics metrics = Metrics.of(SampleSignals.metrics("checkout"));
    private final Logs logs = Logs.of(SampleSignals.logs("checkout"));

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "traces  | Traces  | resource spans=1, spans=2",
            "metrics | Metrics | resource metrics=2, metrics=7, data points=13",
            "logs    | Logs    | resource logs=1, log records=7"})
    void basicLogsOneInfoLinePerBatchWithOtelcolsMessageAndFields(String signal, String message, String counts) {
        send(exporter("verbosity: basic"), signal);

        assertThat(messages()).containsExactly(message);
        assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.INFO);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("otelcol.component.id", "debug");
        fields.put("otelcol.component.kind", "exporter");
        fields.put("otelcol.signal", signal);
        for (String count : counts.split(", ")) {
            fields.put(count.substring(0, count.indexOf('=')), Integer.parseInt(count.substring(count.indexOf('=') + 1)));
        }
        assertThat(fields(appender.list.get(0))).containsExactlyEntriesOf(fields);
    }

    @ParameterizedTest
    @CsvSource({"traces, basic", "traces, normal", "traces, detailed", "metrics, basic", "metrics, normal", "metrics, detailed",
            "logs, basic", "logs, normal", "logs, detailed"})
    void eachVerbosityWritesWhatOtelcolWrites(String signal, String verbosity, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("debug.log");
        Exporter exporter = exporter("verbosity: " + verbosity + "\nuse_internal_logger: false\noutput_paths: [" + out + "]");

        send(exporter, signal);
        exporter.shutdown();

        assertThat(Files.readString(out)).isEqualTo(otelcols(signal, verbosity));
    }

    @ParameterizedTest
    @ValueSource(strings = {"traces", "metrics", "logs"})
    void theCollectorsLogGetsTheSameTextAsOneRecordWithTheComponentFields(String signal) {
        send(exporter("verbosity: normal"), signal);

        String written = otelcols(signal, "normal");
        // The output file's lines: the count line, then the text, which ends in a newline of its own.
        String text = written.substring(written.indexOf('\n') + 1, written.length() - 1);
        assertThat(messages()).hasSize(2);
        assertThat(messages().get(1)).isEqualTo(text);
        assertThat(fields(appender.list.get(1))).containsEntry("otelcol.signal", signal).containsEntry("otelcol.component.id", "debug");
    }

    @Test
    void normalIsALinePerSpanDataPointAndLogRecord() {
        Exporter exporter = exporter("verbosity: normal");

        exporter.consume(twoSpans);
        exporter.consumer(Signal.METRICS).consume(metrics);
        exporter.consumer(Signal.LOGS).consume(logs);

        assertThat(messages().get(1).lines()).contains(
                "GET /items/1 0af7651916cd43dd0000000000000007 0000000000000065 http.method=GET http.status_code=200 sampled=true "
                        + "ratio=0.5 tags=[\"a\",\"b\"]");
        assertThat(messages().get(3).lines()).contains(
                "ResourceMetrics #0 [https://opentelemetry.io/schemas/1.24.0] service.name=checkout",
                "ScopeMetrics #0 io.example.metrics@2.0 [https://opentelemetry.io/schemas/1.24.0] scope.attr=s",
                "g{point=1} 1.5",
                "s{point=1} 10",
                "h{point=0} count=3 sum=6.5 min=1 max=4 le1=1 le5=2 0",
                "e{point=0} count=5 sum=12 le-255.99999999999994=1 zero=1 le0.003906250000000001=1 le0.0625=300",
                "q{point=0} count=4 sum=10.000000 q0.5=2 q1=4",
                "wide{k=v} 1.23456789e+07",
                "wide{} -1e-07",
                "ResourceMetrics #1",
                "ScopeMetrics #1");
        assertThat(messages().get(5).lines()).contains(
                "request served http.route=/items status=200",
                "42 ",
                "{\"app\":{\"ok\":true},\"zone\":\"eu\\u003c1\\u003e\"} ",
                "[\"a\",1.5] ",
                "AP8Q ",
                "lines ratio=0.25");
    }

    @Test
    void detailedWritesEveryFieldOfEveryMetricTypeAndLogRecord() {
        Exporter exporter = exporter("verbosity: detailed");

        exporter.consumer(Signal.METRICS).consume(metrics);
        exporter.consumer(Signal.LOGS).consume(logs);

        assertThat(messages().get(1))
                .contains("Metric #1\nDescriptor:\n     -> Name: s\n     -> Description: a sum\n     -> Unit: \n     -> DataType: Sum\n"
                        + "     -> IsMonotonic: true\n     -> AggregationTemporality: Cumulative\n")
                .contains("Value: 0.500000\nExemplars:\nExemplar #0\n     -> Trace ID: 00000000000000000000000000000001\n")
                .contains("     -> FilteredAttributes:\n          -> user: Str(u0)\n")
                .contains("ExplicitBounds #1: 5.000000\nBuckets #0, Count: 1\n")
                .contains("Bucket [-4096.000000, -256.000000), Count: 1\nBucket [0, 0], Count: 1\nBucket (0.000244, 0.003906], Count: 1\n")
                .contains("QuantileValue #1: Quantile 1.000000, Value 4.000000\n")
                .contains("Value: 12345678.900000\n", "Value: -0.000000\n");
        assertThat(messages().get(3))
                .contains("SeverityNumber: Warn2(14)\nEventName: cart.checkout\nBody: Str(two\nlines)\n")
                .contains("Body: Map({\"app\":{\"ok\":true},\"zone\":\"eu\\u003c1\\u003e\"})\n", "Body: Bytes(AP8Q)\n", "Body: Empty()\n")
                .contains("Trace ID: 0af7651916cd43dd8448eb211c80319c\nSpan ID: b7ad6b7169203331\nFlags: 1\n");
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
    void eachSignalIsSampledOnItsOwnAsOtelcolsLoggerPerSignal() {
        Clock frozen = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
        Exporter exporter = started(new DebugExporterFactory().create(runtime.context("debug", frozen),
                config("verbosity: basic\nsampling_initial: 1\nsampling_thereafter: 0")));

        exporter.consume(twoSpans);
        exporter.consume(twoSpans);
        exporter.consumer(Signal.METRICS).consume(metrics);
        exporter.consumer(Signal.LOGS).consume(logs);

        assertThat(messages()).containsExactly("Traces", "Metrics", "Logs");
    }

    @Test
    void countsWhatItLoggedAsSent() {
        Exporter exporter = exporter("verbosity: basic");

        exporter.consume(twoSpans);
        exporter.consumer(Signal.METRICS).consume(metrics);
        exporter.consumer(Signal.LOGS).consume(logs);

        assertThat(runtime.exporterCounter("otelcol.exporter.sent.spans", "debug")).isEqualTo(2);
        assertThat(runtime.exporterCounter("otelcol.exporter.sent.metric.points", "debug")).isEqualTo(13);
        assertThat(runtime.exporterCounter("otelcol.exporter.sent.log.records", "debug")).isEqualTo(7);
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

        assertThat(messages()).containsExactly("Traces");
    }

    @Test
    void withoutTheInternalLoggerEachOutputFileGetsOtelcolsConsoleLinesAppended(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        Files.writeString(first, "earlier\n");

        Exporter exporter = exporter("verbosity: normal\nuse_internal_logger: false\noutput_paths: [" + first + ", " + second + "]");
        exporter.consume(twoSpans);
        exporter.shutdown();

        String written = otelcols("traces", "normal");
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

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        event.getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
        return fields;
    }

    /** Sends the sample batch of {@code signal} through {@code exporter}. */
    private void send(Exporter exporter, String signal) {
        switch (signal) {
            case "traces" -> exporter.consume(twoSpans);
            case "metrics" -> exporter.consumer(Signal.METRICS).consume(metrics);
            default -> exporter.consumer(Signal.LOGS).consume(logs);
        }
    }

    /** What otelcol's debug exporter wrote to its output file for the sample batch of {@code signal}. */
    private static String otelcols(String signal, String verbosity) {
        try (InputStream in = DebugExporterTest.class.getResourceAsStream("/debug/" + signal + "-" + verbosity + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
