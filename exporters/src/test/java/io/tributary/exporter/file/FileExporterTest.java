package io.tributary.exporter.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.zstd.ZstdInputStream;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.data.Traces;
import io.tributary.exporter.SampleTraces;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.Await;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.OtlpJsonReader;
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

class FileExporterTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<ExportTraceServiceRequest> BATCHES = List.of(
            SampleTraces.request("a", 1, 2), SampleTraces.request("b", 2, 1), SampleTraces.request("c", 3, 3));

    private final TestRuntime runtime = new TestRuntime();
    /** Each reading one second later than the last, so every rotation has its own backup name. */
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
            "group_by: {enabled: true}|group_by is not supported yet",
            "encoding: otlp_encoding|encoding (encoding extensions) is not supported yet",
            "directory_permissions: \"0755\"|requires create_directory",
            "create_directory: true\ndirectory_permissions: \"0999\"|valid octal",
            "flush_interval: -1s|flush_interval",
            "format: csv|format"})
    void invalidSettingsAreRefused(String yamlAndMessage) {
        String[] parts = yamlAndMessage.split("\\|");
        assertThatThrownBy(() -> config("path: x\n" + parts[0])).isInstanceOf(ConfigException.class).hasMessageContaining(parts[1]);
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
