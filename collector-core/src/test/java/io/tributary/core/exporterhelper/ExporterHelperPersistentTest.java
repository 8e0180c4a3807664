package io.tributary.core.exporterhelper;

import static io.tributary.core.exporterhelper.TestBatches.batch;
import static io.tributary.core.exporterhelper.TestBatches.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Extension;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.component.StorageDirectory;
import io.tributary.core.component.StorageExtension;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.Await;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterHelperPersistentTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RetryConfig HOURLY_FOREVER = new RetryConfig(true, Duration.ofHours(1), 0, 1.5, Duration.ofHours(1), Duration.ZERO);
    /** Merges queued entries into batches of at least 5 spans, never flushed by time during a test. */
    private static final QueueConfig BATCHED = new QueueConfig(true, 2, 10, Sizer.REQUESTS, "file_storage/q", false, false, false,
            new QueueBatchConfig(Duration.ofHours(1), Sizer.ITEMS, 5, 0));
    private static final SendException UNAVAILABLE = SendException.retryable("UNAVAILABLE", null, null);

    @TempDir
    Path dir;

    private final List<String> opened = new ArrayList<>();
    private final StorageExtension storage = new StorageExtension() {
        @Override
        public StorageDirectory open(Kind kind, ComponentId owner, String name) {
            opened.add(kind + " " + owner + " " + name);
            return new TestBatches.Directory(dir.resolve(name), false);
        }

        @Override
        public void shutdown() {
        }
    };
    private final Host host = id -> id.equals(ComponentId.parse("file_storage/q")) ? Optional.of(storage) : Optional.empty();
    private Telemetry telemetry = new Telemetry();
    private final List<ExporterHelper> helpers = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutDown() {
        helpers.forEach(ExporterHelper::shutdown);
        scheduler.shutdownNow();
    }

    private static QueueConfig persistent(long size, String storage) {
        return new QueueConfig(true, 2, size, Sizer.REQUESTS, storage, false, false, false, null);
    }

    private ExporterHelper started(QueueConfig queue, RetryConfig retry, FakeSender sender) throws Exception {
        telemetry = new Telemetry();
        ComponentContext context = new ComponentContext(ComponentId.parse("otlp"), telemetry, null, null, scheduler, Clock.systemUTC());
        ExporterHelper helper = new ExporterHelper(context, TIMEOUT, queue, retry, sender, Clock.systemUTC(),
                ExporterHelper.UNTIL_CANCELLED, System::nanoTime, Duration.ofMillis(100), 4096);
        helpers.add(helper);
        helper.start(host);
        return helper;
    }

    /** A persistent queue holding {@code batches} whose backend is down: both consumers wait to retry, the rest is queued. */
    private ExporterHelper retryingWith(Traces... batches) throws Exception {
        FakeSender down = new FakeSender().failAlways(UNAVAILABLE);
        ExporterHelper helper = started(persistent(10, "file_storage/q"), HOURLY_FOREVER, down);
        for (Traces traces : batches) {
            helper.consume(traces);
        }
        Await.until(() -> down.attempts.get() == 2, WAIT, () -> "both consumers are retrying");
        return helper;
    }

    private double metric(String name) {
        // Counters appear on first use, as otelcol's do: one never touched reads 0.
        var meter = telemetry.registry().find(name).tag("exporter", "otlp").meter();
        return meter == null ? 0 : meter.measure().iterator().next().getValue();
    }

    @Test
    void queueLivesInTheStorageDirectoryNamedForTheExporterAndSignal() throws Exception {
        started(persistent(10, "file_storage/q"), HOURLY_FOREVER, new FakeSender());

        assertThat(opened).containsExactly("EXPORTER otlp traces");
    }

    @Test
    void eachSignalHasAQueueOfItsOwnInItsOwnStorageAndMetricsSurviveARestart() throws Exception {
        Metrics metrics = Metrics.of(TestMetrics.request(TestMetrics.resource("svc", TestMetrics.scope("m", TestMetrics.everyType(2)))));
        FakeSender down = new FakeSender().failAlways(UNAVAILABLE);
        ExporterHelper first = startedForEverySignal(down);
        first.consumer(Signal.METRICS).consume(metrics);
        first.consumer(Signal.LOGS).consume(Logs.of(TestLogs.request(TestLogs.resource("svc", TestLogs.scope("l", TestLogs.records("x"))))));
        Await.until(() -> down.attempts.get() == 2, WAIT, () -> "both signals are retrying");

        first.shutdown();
        assertThat(opened).containsExactly("EXPORTER otlp metrics", "EXPORTER otlp logs");
        assertThat(metric("otelcol.exporter.send.failed.metric.points")).isZero();

        FakeSender up = new FakeSender();
        startedForEverySignal(up);
        Await.until(() -> up.deliveredData.size() == 2, WAIT, () -> "both batches are sent after the restart");
        assertThat(up.deliveredData).filteredOn(Metrics.class::isInstance).singleElement()
                .satisfies(sent -> assertThat(((Metrics) sent).toRequest()).isEqualTo(metrics.toRequest()));
        assertThat(up.deliveredData).filteredOn(Logs.class::isInstance).singleElement()
                .satisfies(sent -> assertThat(TestLogs.bodies(((Logs) sent).resourceLogs())).containsExactly("x"));
        Await.until(() -> metric("otelcol.exporter.sent.metric.points") == 10, WAIT, () -> "sent points counted");
        assertThat(telemetry.registry().get("otelcol.exporter.queue.size").tag("data_type", "logs").gauge()).isNotNull();
    }

    /** A persistent helper of every signal whose pipelines ask for the metrics and logs consumers before it starts, as the service does. */
    private ExporterHelper startedForEverySignal(FakeSender sender) throws Exception {
        telemetry = new Telemetry();
        ComponentContext context = new ComponentContext(ComponentId.parse("otlp"), telemetry, null, null, scheduler, Clock.systemUTC());
        ExporterHelper helper = new ExporterHelper(context, Set.copyOf(Signal.all()), new ExporterHelper.Settings(TIMEOUT,
                persistent(10, "file_storage/q"), HOURLY_FOREVER, Clock.systemUTC(), ExporterHelper.UNTIL_CANCELLED, System::nanoTime,
                Duration.ofMillis(100), 4096), sender);
        helpers.add(helper);
        helper.consumer(Signal.METRICS);
        helper.consumer(Signal.LOGS);
        helper.start(host);
        return helper;
    }

    @Test
    void batchesUnsentAtShutdownStayOnDiskUncountedAndAreSentAfterTheRestart() throws Exception {
        ExporterHelper first = retryingWith(batch("a", 2), batch("b", 3), batch("c", 4));

        first.shutdown();
        assertThat(metric("otelcol.exporter.send.failed.spans")).isZero();

        FakeSender up = new FakeSender();
        started(persistent(10, "file_storage/q"), HOURLY_FOREVER, up);
        Await.until(() -> up.delivered.size() == 3, WAIT, () -> "the three batches are sent after the restart");
        assertThat(names(up.delivered)).containsExactlyInAnyOrder("a 0", "a 1", "b 0", "b 1", "b 2", "c 0", "c 1", "c 2", "c 3");
    }

    @Test
    void shutdownHandingBackGivesAwayEveryUnsentBatchAndLeavesNoneOnDisk() throws Exception {
        ExporterHelper first = retryingWith(batch("a", 2), batch("b", 1), batch("c", 1));

        List<Traces> handedBack = new CopyOnWriteArrayList<>();
        first.shutdown(handedBack::add);

        assertThat(names(handedBack)).containsExactlyInAnyOrder("a 0", "a 1", "b 0", "c 0");
        assertThat(metric("otelcol.exporter.send.failed.spans")).isZero();
        FakeSender up = new FakeSender();
        ExporterHelper second = started(persistent(10, "file_storage/q"), HOURLY_FOREVER, up);
        second.consume(batch("d", 1));
        Await.until(() -> up.delivered.size() == 1, WAIT, () -> "the new batch is sent after the restart");
        assertThat(names(up.delivered)).containsExactly("d 0");
    }

    @Test
    void batchedEntriesWhoseMergedBatchIsUnsentAtShutdownStayOnDiskAndAreSentAfterTheRestart() throws Exception {
        FakeSender down = new FakeSender().failAlways(UNAVAILABLE);
        ExporterHelper first = started(BATCHED, HOURLY_FOREVER, down);
        first.consume(batch("a", 3));
        first.consume(batch("b", 3));
        Await.until(() -> down.attempts.get() == 1, WAIT, () -> "the merged batch is being retried");

        first.shutdown();
        assertThat(metric("otelcol.exporter.send.failed.spans")).isZero();

        FakeSender up = new FakeSender();
        started(BATCHED, HOURLY_FOREVER, up);
        Await.until(() -> up.delivered.size() == 1, WAIT, () -> "the entries are merged and sent after the restart");
        assertThat(names(up.delivered)).containsExactly("a 0", "a 1", "a 2", "b 0", "b 1", "b 2");
    }

    @Test
    void batchedEntriesLeaveTheDiskOnceTheirBatchWasSent() throws Exception {
        FakeSender sender = new FakeSender();
        ExporterHelper first = started(BATCHED, HOURLY_FOREVER, sender);
        first.consume(batch("a", 3));
        first.consume(batch("b", 3));
        Await.until(() -> sender.delivered.size() == 1, WAIT, () -> "the merged batch is sent");
        Await.until(() -> metric("otelcol.exporter.queue.size") == 0, WAIT, () -> "both entries are done");
        first.shutdown();

        FakeSender after = new FakeSender();
        started(BATCHED, HOURLY_FOREVER, after).shutdown();
        assertThat(after.attempts).hasValue(0);
    }

    @Test
    void permanentlyFailedBatchIsCountedAndNotSentAgainAfterTheRestart() throws Exception {
        FakeSender refusing = new FakeSender().failNext(1, SendException.permanent("INVALID_ARGUMENT", null));
        ExporterHelper first = started(persistent(10, "file_storage/q"), HOURLY_FOREVER, refusing);
        first.consume(batch("bad", 2));
        Await.until(() -> metric("otelcol.exporter.send.failed.spans") == 2, WAIT, () -> "the batch is dropped");
        first.consume(batch("good", 1));
        Await.until(() -> refusing.delivered.size() == 1, WAIT, () -> "the next batch is sent");
        first.shutdown();

        FakeSender after = new FakeSender();
        started(persistent(10, "file_storage/q"), HOURLY_FOREVER, after).shutdown();

        assertThat(after.attempts).hasValue(0);
    }

    @Test
    void fullPersistentQueueRefusesRetryablyAndCountsEnqueueFailed() throws Exception {
        ExporterHelper helper = started(new QueueConfig(true, 1, 2, Sizer.REQUESTS, "file_storage/q", false, false, false, null), HOURLY_FOREVER,
                new FakeSender().failAlways(UNAVAILABLE));
        helper.consume(batch("a", 1));
        helper.consume(batch("b", 1));

        RetryableException refused = catchThrowableOfType(RetryableException.class, () -> helper.consume(batch("c", 5)));

        assertThat(refused).hasMessageContaining("full");
        assertThat(metric("otelcol.exporter.enqueue.failed.spans")).isEqualTo(5);
    }

    @Test
    void queueGaugesReportThePersistentQueue() throws Exception {
        ExporterHelper helper = started(new QueueConfig(true, 1, 7, Sizer.ITEMS, "file_storage/q", false, false, false, null), HOURLY_FOREVER,
                new FakeSender().failAlways(UNAVAILABLE));
        helper.consume(batch("a", 2));
        helper.consume(batch("b", 3));

        assertThat(metric("otelcol.exporter.queue.size")).isEqualTo(5);
        assertThat(metric("otelcol.exporter.queue.capacity")).isEqualTo(7);
    }

    @Test
    void damagedRecordIsSkippedAndCountedInTributaryMetricAndTheRestSent() throws Exception {
        ExporterHelper first = started(persistent(10, "file_storage/q"), HOURLY_FOREVER, new FakeSender().failAlways(UNAVAILABLE));
        first.consume(batch("a", 1));
        first.consume(batch("b", 1));
        first.shutdown();
        try (var segments = Files.list(dir.resolve("traces")); var file = new RandomAccessFile(
                segments.filter(p -> p.toString().endsWith(".seg2")).findFirst().orElseThrow().toFile(), "rw")) {
            file.seek(QueueLog.HEADER_BYTES + 2);
            file.write(0xff);
        }

        FakeSender up = new FakeSender();
        started(persistent(10, "file_storage/q"), HOURLY_FOREVER, up);

        Await.until(() -> up.delivered.size() == 1, WAIT, () -> "the intact batch is sent");
        assertThat(names(up.delivered)).containsExactly("b 0");
        assertThat(telemetry.registry().get("tributary.exporter.queue.corrupt.records")
                .tags("exporter", "otlp", "data_type", "traces").counter().count()).isEqualTo(1);
    }

    @Test
    void durableAckReturnsOnlyAcceptedBatchesThatSurviveAReopen() throws Exception {
        FakeSender down = new FakeSender().failAlways(UNAVAILABLE);
        ExporterHelper first = started(new QueueConfig(true, 1, 100, Sizer.REQUESTS, "file_storage/q", true, false, false, null), HOURLY_FOREVER, down);
        for (int i = 0; i < 20; i++) {
            first.consume(batch("d" + i, 1));
        }
        first.shutdown();

        FakeSender up = new FakeSender();
        started(persistent(100, "file_storage/q"), HOURLY_FOREVER, up);
        Await.until(() -> up.delivered.size() == 20, WAIT, () -> "every acknowledged batch is sent");
    }

    @Test
    void unknownStorageExtensionFailsStartNamingTheKey() {
        assertThatThrownBy(() -> started(persistent(10, "file_storage/other"), HOURLY_FOREVER, new FakeSender()))
                .hasMessageContaining("sending_queue::storage")
                .hasMessageContaining("file_storage/other");
    }

    @Test
    void extensionThatIsNotAStorageFailsStart() {
        Extension notStorage = () -> { };
        Host other = id -> Optional.of(notStorage);
        ComponentContext context = new ComponentContext(ComponentId.parse("otlp"), telemetry, null, null, null, Clock.systemUTC());
        ExporterHelper helper = new ExporterHelper(context, TIMEOUT, persistent(10, "health_check"), HOURLY_FOREVER, new FakeSender());
        helpers.add(helper);

        assertThatThrownBy(() -> helper.start(other)).hasMessageContaining("'health_check' is not a storage extension");
    }
}
