package io.tributary.core.exporterhelper;

import static io.tributary.core.exporterhelper.TestBatches.batch;
import static io.tributary.core.exporterhelper.TestBatches.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentQueueTest {
    @TempDir
    Path dir;

    private final Counter corrupt = Counter.builder("corrupt").register(new SimpleMeterRegistry());
    private static final CallerContext CALLER = CallerContext.current();
    private final List<PersistentQueue<?>> opened = new ArrayList<>();

    @AfterEach
    void releaseAll() {
        opened.forEach(PersistentQueue::release);
    }

    private PersistentQueue<Traces> open(long capacity, Sizer sizer) throws IOException {
        return open(capacity, sizer, false);
    }

    private PersistentQueue<Traces> open(long capacity, Sizer sizer, boolean durable) throws IOException {
        return open(Signal.TRACES, capacity, sizer, durable);
    }

    private <D extends SignalData<D, ?>> PersistentQueue<D> open(Signal<D> signal, long capacity, Sizer sizer, boolean durable)
            throws IOException {
        PersistentQueue<D> queue = PersistentQueue.open(signal, new TestBatches.Directory(dir, false), capacity, sizer, false, durable,
                4096, corrupt);
        opened.add(queue);
        return queue;
    }

    /** Takes every batch ready now (closing the queue so that take does not wait), marking none done. */
    private static List<Traces> takeAll(PersistentQueue<Traces> queue) throws InterruptedException {
        queue.close();
        List<Traces> taken = new ArrayList<>();
        Queue.Taken<Traces> next;
        while ((next = queue.take()) != null) {
            taken.add(next.data());
        }
        return taken;
    }

    private long segmentBytesOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg2")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void offeredBatchIsTakenWhole() throws Exception {
        PersistentQueue<Traces> queue = open(10, Sizer.REQUESTS);
        Traces traces = batch("a", 3);

        queue.offer(traces, Queue.Completion.NONE, CALLER);

        assertThat(queue.take().data().encoded()).isEqualTo(traces.encoded());
    }

    @Test
    void fullQueueRefusesUntilTheOldestBatchIsDone() throws Exception {
        PersistentQueue<Traces> queue = open(2, Sizer.REQUESTS);
        assertThat(queue.offer(batch("a", 1), Queue.Completion.NONE, CALLER)).isTrue();
        assertThat(queue.offer(batch("b", 1), Queue.Completion.NONE, CALLER)).isTrue();

        assertThat(queue.offer(batch("c", 1), Queue.Completion.NONE, CALLER)).isFalse();
        queue.done(queue.take(), null);

        assertThat(queue.offer(batch("c", 1), Queue.Completion.NONE, CALLER)).isTrue();
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void diskUseStaysBoundedWhileTheQueueRefuses() throws Exception {
        PersistentQueue<Traces> queue = open(5, Sizer.REQUESTS);
        for (int i = 0; i < 1000; i++) {
            queue.offer(batch("a", 20), Queue.Completion.NONE, CALLER);
        }

        assertThat(segmentBytesOnDisk()).isLessThanOrEqualTo(5L * batch("a", 20).encoded().size() + 5L * QueueLog.HEADER_BYTES);
    }

    @Test
    void itemsSizerBoundsSpans() throws Exception {
        PersistentQueue<Traces> queue = open(10, Sizer.ITEMS);

        assertThat(queue.offer(batch("a", 6), Queue.Completion.NONE, CALLER)).isTrue();
        assertThat(queue.offer(batch("b", 5), Queue.Completion.NONE, CALLER)).isFalse();
        assertThat(queue.offer(batch("c", 4), Queue.Completion.NONE, CALLER)).isTrue();
        assertThat(queue.size()).isEqualTo(10);
    }

    @Test
    void bytesSizerBoundsEncodedBytes() throws Exception {
        Traces traces = batch("a", 4);
        PersistentQueue<Traces> queue = open(2L * traces.encoded().size(), Sizer.BYTES);

        assertThat(queue.offer(traces, Queue.Completion.NONE, CALLER)).isTrue();
        assertThat(queue.offer(traces, Queue.Completion.NONE, CALLER)).isTrue();
        assertThat(queue.offer(batch("b", 1), Queue.Completion.NONE, CALLER)).isFalse();
        assertThat(queue.size()).isEqualTo(2L * traces.encoded().size());
    }

    @Test
    void sizeCountsFromTheOldestBatchNotDone() throws Exception {
        PersistentQueue<Traces> queue = open(10, Sizer.REQUESTS);
        queue.offer(batch("a", 1), Queue.Completion.NONE, CALLER);
        queue.offer(batch("b", 1), Queue.Completion.NONE, CALLER);
        queue.offer(batch("c", 1), Queue.Completion.NONE, CALLER);
        Queue.Taken a = queue.take();
        Queue.Taken b = queue.take();
        Queue.Taken c = queue.take();

        queue.done(b, null);
        queue.done(c, null);
        assertThat(queue.size()).isEqualTo(3); // still on disk behind a

        queue.done(a, null);
        assertThat(queue.size()).isZero();
    }

    @Test
    void batchesNotDoneAreTakenAgainAfterReopening() throws Exception {
        PersistentQueue<Traces> queue = open(10, Sizer.REQUESTS);
        queue.offer(batch("a", 1), Queue.Completion.NONE, CALLER);
        queue.offer(batch("b", 2), Queue.Completion.NONE, CALLER);
        queue.offer(batch("c", 3), Queue.Completion.NONE, CALLER);
        queue.done(queue.take(), null); // a sent
        queue.take(); // b in flight when the process stops

        assertThat(queue.release()).isEmpty();
        PersistentQueue<Traces> reopened = open(10, Sizer.REQUESTS);

        assertThat(reopened.size()).isEqualTo(2);
        assertThat(names(takeAll(reopened))).containsExactly("b 0", "b 1", "c 0", "c 1", "c 2");
    }

    @Test
    void damagedRecordIsSkippedAndCountedAndTheRestTaken() throws Exception {
        PersistentQueue<Traces> queue = open(10, Sizer.REQUESTS);
        queue.offer(batch("a", 1), Queue.Completion.NONE, CALLER);
        queue.offer(batch("b", 1), Queue.Completion.NONE, CALLER);
        queue.release();
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".seg2")).findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(QueueLog.HEADER_BYTES + 2);
            file.write(0xff);
        }

        PersistentQueue<Traces> reopened = open(10, Sizer.REQUESTS);

        assertThat(names(takeAll(reopened))).containsExactly("b 0");
        assertThat(corrupt.count()).isEqualTo(1);
    }

    @Test
    void aQueueOfMetricsKeepsItsBatchesAcrossARestartCountedInDataPoints() throws Exception {
        PersistentQueue<Metrics> queue = open(Signal.METRICS, 100, Sizer.ITEMS, false);
        Metrics metrics = Metrics.of(TestMetrics.request(TestMetrics.resource("svc", TestMetrics.scope("s", TestMetrics.everyType(2)))));
        queue.offer(metrics.compact(), Queue.Completion.NONE, CALLER);
        assertThat(queue.size()).isEqualTo(10);
        queue.release();

        PersistentQueue<Metrics> reopened = open(Signal.METRICS, 100, Sizer.ITEMS, false);

        assertThat(reopened.size()).isEqualTo(10);
        Metrics taken = reopened.take().data();
        assertThat(taken.dataPointCount()).isEqualTo(10);
        assertThat(taken.toRequest()).isEqualTo(metrics.toRequest());
    }

    @Test
    void aRecordOfAnotherSignalIsSkippedAndCountedAsDamaged() throws Exception {
        try (QueueLog log = QueueLog.open(dir, 4096, false)) {
            log.append(Signal.LOGS, Logs.of(TestLogs.request(TestLogs.resource("svc", TestLogs.scope("s", TestLogs.records("x")))))
                    .encoded(), 1);
            log.append(Signal.TRACES, batch("b", 1).encoded(), 1);
        }

        PersistentQueue<Traces> queue = open(10, Sizer.REQUESTS);

        assertThat(names(takeAll(queue))).containsExactly("b 0");
        assertThat(corrupt.count()).isEqualTo(1);
    }

    @Test
    void closedQueueRefusesNewBatchesButHandsOutTheRest() throws Exception {
        PersistentQueue<Traces> queue = open(10, Sizer.REQUESTS);
        queue.offer(batch("a", 1), Queue.Completion.NONE, CALLER);
        queue.close();

        assertThat(queue.offer(batch("b", 1), Queue.Completion.NONE, CALLER)).isFalse();
        assertThat(names(takeAll(queue))).containsExactly("a 0");
    }

    @Test
    void concurrentDurableOffersAreAllKept() throws Exception {
        PersistentQueue<Traces> queue = open(100_000, Sizer.REQUESTS, true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String label = "w" + t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (!queue.offer(batch(label, 1), Queue.Completion.NONE, CALLER)) {
                            throw new AssertionError("refused");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        queue.release();

        assertThat(takeAll(open(100_000, Sizer.REQUESTS))).hasSize(800);
    }
}
