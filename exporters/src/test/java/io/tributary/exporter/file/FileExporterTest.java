package io.tributary.exporter.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static io.tributary.testkit.TestTraces.attribute;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.airlift.compress.zstd.ZstdInputStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.exporter.SampleSignals;
import io.tributary.exporter.SampleTraces;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.Await;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.OtlpJsonReader;
import io.tributary.testkit.TestMetrics;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file exporter on every signal. What otelcol writes as a JSON line for the sample requests
 * ({@link SampleTraces#request}, {@link SampleSignals}) is in
 * {@code src/test/resources/file/<signal>.json}: pdata v1.54's JSON marshaler (otelcol v0.148.0's
 * fileexporter's) given the same requests.
 */
class FileExporterTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final ExportTraceServiceRequest TRACES = SampleTraces.request("checkout", 7, 2);
    private static final ExportMetricsServiceRequest METRICS = SampleSignals.metrics("checkout");
    private static final ExportLogsServiceRequest LOGS = SampleSignals.logs("checkout");
    private static final List<ExportTraceServiceRequest> BATCHES = List.of(
            SampleTraces.request("a", 1, 2), SampleTraces.request("b", 2, 1), SampleTraces.request("c", 3, 3));

    private final TestRuntime runtime = new TestRuntime();
    /** Each reading a second after the last, so every rotation gets its own backup name. */
    private final ManualClock clock = ManualClock.ticking(T0, Duration.ofSeconds(1));
    @TempDir
    Path dir;
    private Exporter exporter;

    @AfterEach
    void tearDown() throws Exception {
        if (exporter != null) {
            exporter.shutdown();
        }
        runtime.close();
    }

    static FileExporterConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "exporters::file",
                FileExporterConfig.class, FileExporterConfig.DEFAULT);
    }

    private Path start(String... yaml) throws Exception {
        Path file = dir.resolve("spans.json");
        exporter = new FileExporterFactory().create(runtime.context("file", clock),
                config("path: " + file + "\n" + String.join("\n", yaml)));
        exporter.start(id -> Optional.empty());
        return file;
    }

    /** group_by on {@code service.name}, path {@code <dir>/groups/*.json}; {@code more} continues the group_by section. */
    private void startGrouped(String more) throws Exception {
        exporter = new FileExporterFactory().create(runtime.context("file", clock), config("path: " + dir.resolve("groups/*.json")
                + "\ngroup_by:\n  enabled: true\n  resource_attribute: service.name" + more));
        exporter.start(id -> Optional.empty());
    }

    private void send(String signal) {
        switch (signal) {
            case "traces" -> exporter.consume(Traces.of(TRACES));
            case "metrics" -> exporter.consumer(Signal.METRICS).consume(Metrics.of(METRICS));
            default -> exporter.consumer(Signal.LOGS).consume(Logs.of(LOGS));
        }
    }

    /** The JSON otelcol writes for the sample request of {@code signal}, without its newline. */
    private static String otelcols(String signal) throws IOException {
        try (InputStream in = FileExporterTest.class.getResourceAsStream("/file/" + signal + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A size-prefixed message of {@code format} ({@code json} or {@code proto}, maybe zstd) read as {@code empty}'s type. */
    private static <M extends Message> M message(byte[] message, String format, M empty) throws IOException {
        byte[] plain = format.contains("zstd") ? unzstd(message) : message;
        if (format.startsWith("json")) {
            return OtlpJsonReader.read(new String(plain, StandardCharsets.UTF_8), empty);
        }
        try {
            @SuppressWarnings("unchecked")
            M parsed = (M) empty.getParserForType().parseFrom(plain);
            return parsed;
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static <M extends Message> List<M> jsonLines(Path file, M empty) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> OtlpJsonReader.read(line, empty)).toList();
    }

    private void writeAll(List<ExportTraceServiceRequest> batches) {
        batches.forEach(b -> exporter.consume(Traces.of(b)));
    }

    private void stop() {
        exporter.shutdown();
        exporter = null;
    }

    private static List<ExportTraceServiceRequest> jsonLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(OtlpJsonReader::read).toList();
    }

    /** otelcol's framing: each message preceded by its length as a 4-byte big-endian unsigned integer. */
    private static List<byte[]> sizePrefixed(Path file) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    return messages;
                }
                messages.add(in.readNBytes(length));
            }
        }
    }

    private static int lineCount(Path file) {
        try {
            return Files.readAllLines(file).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unzstd(byte[] frame) throws IOException {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(frame))) {
            return in.readAllBytes();
        }
    }

    @Test
    void jsonIsOneOtlpJsonRequestPerLine() throws Exception {
        Path file = start();

        writeAll(BATCHES);
        stop();

        assertThat(jsonLines(file)).containsExactlyElementsOf(BATCHES);
        assertThat(Files.readString(file)).contains("\"traceId\":\"0af7651916cd43dd0000000000000001\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"traces", "metrics", "logs"})
    void eachSignalIsTheJsonLineOtelcolWrites(String signal) throws Exception {
        Path file = start();

        send(signal);
        stop();

        assertThat(Files.readString(file)).isEqualTo(otelcols(signal) + "\n");
    }

    @Test
    void theSignalsOfOneExporterShareItsFileInTheOrderTheyCame() throws Exception {
        Path file = start();

        send("metrics");
        send("traces");
        send("logs");
        stop();

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(OtlpJsonReader.read(lines.get(0), ExportMetricsServiceRequest.getDefaultInstance())).isEqualTo(METRICS);
        assertThat(OtlpJsonReader.read(lines.get(1))).isEqualTo(TRACES);
        assertThat(OtlpJsonReader.read(lines.get(2), ExportLogsServiceRequest.getDefaultInstance())).isEqualTo(LOGS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"proto", "json\ncompression: zstd", "proto\ncompression: zstd"})
    void metricsAndLogsAreSizePrefixedMessagesThatReadBack(String format) throws Exception {
        Path file = start("format: " + format);

        send("metrics");
        send("logs");
        stop();

        List<byte[]> messages = sizePrefixed(file);
        assertThat(messages).hasSize(2);
        assertThat(message(messages.get(0), format, ExportMetricsServiceRequest.getDefaultInstance())).isEqualTo(METRICS);
        assertThat(message(messages.get(1), format, ExportLogsServiceRequest.getDefaultInstance())).isEqualTo(LOGS);
    }

    @Test
    void sentMetricPointsAndLogRecordsAreCounted() throws Exception {
        start();

        send("metrics");
        send("logs");

        assertThat(runtime.exporterCounter("otelcol.exporter.sent.metric.points", "file")).isEqualTo(13);
        assertThat(runtime.exporterCounter("otelcol.exporter.sent.log.records", "file")).isEqualTo(7);
    }

    @Test
    void groupByWritesEachResourceToThePathItsAttributeNamesAndDropsAResourceWithout() throws Exception {
        startGrouped("");
        ResourceMetrics a = TestMetrics.resource("a", TestMetrics.scope("s", List.of(TestMetrics.gauge("ga", 1))));
        ResourceMetrics b = TestMetrics.resource("b", TestMetrics.scope("s", List.of(TestMetrics.gauge("gb", 1))));
        ResourceMetrics a2 = TestMetrics.resource("a", TestMetrics.scope("s", List.of(TestMetrics.sum("sa", 1, false,
                io.opentelemetry.proto.metrics.v1.AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA))));
        ResourceMetrics intValued = a.toBuilder().setResource(a.getResource().toBuilder().clearAttributes()
                .addAttributes(attribute("service.name", AnyValue.newBuilder().setIntValue(7)))).build();
        ResourceMetrics without = ResourceMetrics.newBuilder().addScopeMetrics(TestMetrics.scope("s", List.of(TestMetrics.gauge("g", 1)))).build();

        exporter.consumer(Signal.METRICS).consume(Metrics.of(TestMetrics.request(a, b, without, a2, intValued)));
        exporter.consumer(Signal.LOGS).consume(Logs.of(SampleSignals.logs("b")));
        stop();

        assertThat(jsonLines(dir.resolve("groups/a.json"), ExportMetricsServiceRequest.getDefaultInstance()))
                .containsExactly(TestMetrics.request(a, a2));
        List<String> bLines = Files.readAllLines(dir.resolve("groups/b.json"));
        assertThat(bLines).hasSize(2);
        assertThat(OtlpJsonReader.read(bLines.get(0), ExportMetricsServiceRequest.getDefaultInstance())).isEqualTo(TestMetrics.request(b));
        assertThat(OtlpJsonReader.read(bLines.get(1), ExportLogsServiceRequest.getDefaultInstance())).isEqualTo(SampleSignals.logs("b"));
        try (Stream<Path> files = Files.list(dir.resolve("groups"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("a.json", "b.json");
        }
        assertThat(runtime.exporterCounter("otelcol.exporter.sent.metric.points", "file")).isEqualTo(5);
    }

    @Test
    void groupByKeepsEveryFileInsideTheDirectoryBeforeTheStar() throws Exception {
        startGrouped("");

        exporter.consume(Traces.of(SampleTraces.request("../../escape", 1, 1)));
        exporter.consume(Traces.of(SampleTraces.request("team/api", 2, 1)));
        stop();

        assertThat(dir.resolve("groups/escape.json")).exists();
        assertThat(dir.resolve("groups/team/api.json")).exists();
    }

    @Test
    void groupByClosesTheLeastRecentlyWrittenFileBeyondMaxOpenFilesAndTruncatesItWhenOpenedAgainAsOtelcol() throws Exception {
        startGrouped("\n  max_open_files: 1");

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 1)));
        exporter.consume(Traces.of(SampleTraces.request("b", 2, 1)));
        assertThat(lineCount(dir.resolve("groups/a.json"))).as("closed, so flushed").isEqualTo(1);
        exporter.consume(Traces.of(SampleTraces.request("a", 3, 1)));
        stop();

        assertThat(jsonLines(dir.resolve("groups/a.json"))).containsExactly(SampleTraces.request("a", 3, 1));
        assertThat(jsonLines(dir.resolve("groups/b.json"))).containsExactly(SampleTraces.request("b", 2, 1));
    }

    @Test
    void groupByWithAppendKeepsWhatAReopenedFileHeld() throws Exception {
        startGrouped("\n  max_open_files: 1\nappend: true");

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 1)));
        exporter.consume(Traces.of(SampleTraces.request("b", 2, 1)));
        exporter.consume(Traces.of(SampleTraces.request("a", 3, 1)));
        stop();

        assertThat(jsonLines(dir.resolve("groups/a.json"))).containsExactly(SampleTraces.request("a", 1, 1), SampleTraces.request("a", 3, 1));
    }

    @Test
    void groupByFlushesEveryOpenFileAtTheInterval() throws Exception {
        startGrouped("\nflush_interval: 10ms");

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 1)));
        exporter.consume(Traces.of(SampleTraces.request("b", 2, 1)));

        Await.until(() -> lineCount(dir.resolve("groups/a.json")) == 1 && lineCount(dir.resolve("groups/b.json")) == 1,
                Duration.ofSeconds(10), () -> "both files flushed");
    }

    @Test
    void groupByMaxOpenFilesMustBePositiveToStartAsInOtelcol() {
        exporter = new FileExporterFactory().create(runtime.context("file", clock), config("path: " + dir.resolve("groups/*.json")
                + "\ngroup_by:\n  enabled: true\n  max_open_files: 0"));

        assertThatThrownBy(() -> exporter.start(id -> Optional.empty())).hasMessageContaining("must provide a positive size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"|.", "a//b/./c/|a/b/c", "/../a|/a", "../../a/../b|../../b", "a/..|.", "/|/", "./|.", "a/b/../../..|..",
            "/tmp/out//../etc/passwd.json|/tmp/etc/passwd.json"})
    void groupPathsAreCleanedAsGosPathClean(String pathAndCleaned) {
        String[] parts = pathAndCleaned.split("\\|", -1);
        assertThat(GroupFiles.clean(parts[0])).isEqualTo(parts[1]);
    }

    @Test
    void anExistingFileIsTruncated() throws Exception {
        Files.writeString(dir.resolve("spans.json"), "old\n");
        Path file = start();

        writeAll(BATCHES.subList(0, 1));
        stop();

        assertThat(jsonLines(file)).containsExactly(BATCHES.get(0));
    }

    @Test
    void appendKeepsWhatTheFileHeld() throws Exception {
        Path file = start("append: true");
        writeAll(BATCHES.subList(0, 1));
        stop();

        start("append: true");
        writeAll(BATCHES.subList(1, 2));
        stop();

        assertThat(jsonLines(file)).containsExactlyElementsOf(BATCHES.subList(0, 2));
    }

    @Test
    void protoIsSizePrefixedMessages() throws Exception {
        Path file = start("format: proto");

        writeAll(BATCHES);
        stop();

        List<ExportTraceServiceRequest> read = new ArrayList<>();
        for (byte[] message : sizePrefixed(file)) {
            read.add(ExportTraceServiceRequest.parseFrom(message));
        }
        assertThat(read).containsExactlyElementsOf(BATCHES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "proto"})
    void zstdMakesEachMessageAZstdFrameBehindItsSize(String format) throws Exception {
        Path file = start("format: " + format, "compression: zstd");

        writeAll(BATCHES);
        stop();

        List<ExportTraceServiceRequest> read = new ArrayList<>();
        for (byte[] frame : sizePrefixed(file)) {
            byte[] message = unzstd(frame);
            read.add(format.equals("json") ? OtlpJsonReader.read(new String(message, StandardCharsets.UTF_8))
                    : ExportTraceServiceRequest.parseFrom(message));
        }
        assertThat(read).containsExactlyElementsOf(BATCHES);
    }

    @Test
    void writesStayBufferedUntilAFlush() throws Exception {
        Path file = start("flush_interval: 1h");

        writeAll(BATCHES);

        assertThat(Files.size(file)).isZero();
        stop();
        assertThat(jsonLines(file)).hasSize(3);
    }

    @Test
    void theFlushIntervalFlushesWhileRunning() throws Exception {
        Path file = start("flush_interval: 10ms");

        writeAll(BATCHES);

        Await.until(() -> lineCount(file) == 3, Duration.ofSeconds(10), () -> "lines on disk: " + lineCount(file));
        assertThat(jsonLines(file)).containsExactlyElementsOf(BATCHES);
    }

    @Test
    void writtenSpansAreCountedAsSent() throws Exception {
        start();

        writeAll(BATCHES);

        assertThat(runtime.exporterCounter("otelcol.exporter.sent.spans", "file")).isEqualTo(6);
    }

    @Test
    void rotationMovesAFullFileAsideAndNoRecordIsSplit() throws Exception {
        Path file = start("rotation: {max_megabytes: 1}");
        List<ExportTraceServiceRequest> big = bigBatches(5);

        writeAll(big);
        stop();

        List<Path> backups = backups();
        assertThat(backups).isNotEmpty().allSatisfy(b -> assertThat(b.getFileName().toString())
                .matches("spans-2026-03-01T12-00-\\d\\d\\.000-size\\.json"));
        List<ExportTraceServiceRequest> read = new ArrayList<>();
        for (Path backup : backups) { // sorted by name, which is by time
            assertThat(Files.size(backup)).isLessThanOrEqualTo(1024 * 1024);
            read.addAll(jsonLines(backup));
        }
        read.addAll(jsonLines(file));
        assertThat(read).containsExactlyElementsOf(big);
    }

    @Test
    void maxBackupsKeepsTheNewest() throws Exception {
        Path file = start("rotation: {max_megabytes: 1, max_backups: 1}");
        List<ExportTraceServiceRequest> big = bigBatches(6);

        writeAll(big);
        stop();

        List<Path> backups = backups();
        assertThat(backups).hasSize(1);
        List<ExportTraceServiceRequest> kept = new ArrayList<>(jsonLines(backups.get(0)));
        kept.addAll(jsonLines(file));
        assertThat(kept).isEqualTo(big.subList(big.size() - kept.size(), big.size()));
    }

    @Test
    void maxDaysRemovesBackupsOlderThanThatAtTheNextRotation() throws Exception {
        Path old = Files.writeString(dir.resolve("spans-2026-02-20T12-00-00.000-size.json"), "{}\n");
        Path recent = Files.writeString(dir.resolve("spans-2026-02-27T12-00-00.000-size.json"), "{}\n");
        start("rotation: {max_megabytes: 1, max_days: 3, max_backups: 0}");

        writeAll(bigBatches(3));
        stop();

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    void aBatchLargerThanTheRotationSizeIsRefusedAndCountedAsFailed() throws Exception {
        start("rotation: {max_megabytes: 1}");
        Traces huge = Traces.of(SampleTraces.request("big", 1, 3000));

        assertThatThrownBy(() -> exporter.consume(huge)).isInstanceOf(PermanentException.class)
                .hasMessageContaining("exceeds maximum file size");
        assertThat(runtime.exporterCounter("otelcol.exporter.send.failed.spans", "file")).isEqualTo(3000);
    }

    @Test
    void createDirectoryMakesTheParentWithItsPermissions() throws Exception {
        Path file = dir.resolve("a/b/spans.json");
        exporter = new FileExporterFactory().create(runtime.context("file", clock),
                config("path: " + file + "\ncreate_directory: true\ndirectory_permissions: \"0750\""));
        exporter.start(id -> Optional.empty());

        assertThat(file.getParent()).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwxr-x---");
    }

    @Test
    void defaultsMatchOtelcol() {
        FileExporterConfig config = config("path: ./spans.json");

        assertThat(config.format()).isEqualTo(FileExporterConfig.Format.JSON);
        assertThat(config.rotation()).isNull();
        assertThat(config.compression()).isEmpty();
        assertThat(config.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.append()).isFalse();
    }

    @Test
    void aBareRotationKeyTurnsRotationOnWithItsDefaults() {
        assertThat(config("path: x\nrotation:").rotation()).isEqualTo(new FileExporterConfig.Rotation(100, 0, 100, false));
    }

    @Test
    void aPathIsRequired() {
        assertThatThrownBy(() -> config("format: json")).isInstanceOf(ConfigException.class).hasMessageContaining("path must be non-empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "compression: gzip|compression \"gzip\" is not supported",
            "append: true\ncompression: zstd|append and compression",
            "append: true\nrotation: {max_megabytes: 5}|append and rotation",
            "group_by: {enabled: true}|path must contain exactly one * when group_by is enabled",
            "group_by: {enabled: true, resource_attribute: \"\"}\npath: x/*|resource_attribute must not be empty",
            "encoding: otlp_encoding|encoding (encoding extensions) is not supported yet",
            "directory_permissions: \"0755\"|requires create_directory",
            "create_directory: true\ndirectory_permissions: \"0999\"|valid octal",
            "flush_interval: -1s|flush_interval",
            "format: csv|format"})
    void invalidSettingsAreRefused(String yamlAndMessage) {
        String[] parts = yamlAndMessage.split("\\|");
        String yaml = parts[0].contains("path:") ? parts[0] : "path: x\n" + parts[0];
        assertThatThrownBy(() -> config(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x/*/y/*|exactly one *", "*.json|must not start with *"})
    void aGroupByPathNeedsOneStarAfterADirectory(String pathAndMessage) {
        String[] parts = pathAndMessage.split("\\|");
        assertThatThrownBy(() -> config("path: \"" + parts[0] + "\"\ngroup_by: {enabled: true}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(parts[1]);
    }

    @Test
    void theFactoryIsDiscoveredAsFile() {
        assertThat(ServiceLoader.load(ExporterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f).isInstanceOf(FileExporterFactory.class).extracting(ExporterFactory::type).isEqualTo("file"));
    }

    /** Batches of about 400 KB of JSON each: two fit in a 1 MiB file, three do not. */
    private static List<ExportTraceServiceRequest> bigBatches(int count) {
        return Stream.iterate(1, i -> i + 1).limit(count).map(i -> SampleTraces.request("svc-" + i, i, 450)).toList();
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().equals("spans.json")).sorted().toList();
        }
    }
}
