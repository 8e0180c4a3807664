package io.tributary.core.exporterhelper;

import static io.tributary.core.exporterhelper.TestBatches.batch;
import static io.tributary.core.exporterhelper.TestBatches.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.Await;
import io.tributary.testkit.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code sending_queue}'s {@code wait_for_result}, {@code block_on_overflow} and {@code batch}, through a real ExporterHelper. */
class ExporterHelperQueueOptionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough that the real flush timer never fires in a test that drives time itself. */
    private static final Duration NEVER = Duration.ofHours(1);
    private static final RetryConfig NO_RETRY = new RetryConfig(false, Duration.ofSeconds(5), 0, 1.5, Duration.ofSeconds(30), Duration.ZERO);

    private final Telemetry telemetry = new Telemetry();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ComponentContext context =
            new ComponentContext(ComponentId.parse("otlp"), telemetry, null, workers, scheduler, Clock.systemUTC());
    /** The batcher's time; its reads are counted, since the batcher reads it when its buffer gets its first spans. */
    private final ManualClock clock = new ManualClock();
    private final AtomicInteger timeReads = new AtomicInteger();
    private final CountDownLatch backendUp = new CountDownLatch(1);
    private final FakeSender sender = new FakeSender();
    private ExporterHelper helper;

    @AfterEach
    void stop() {
        backendUp.countDown();
        if (helper != null) {
            helper.shutdown();
        }
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    private ExporterHelper started(QueueConfig queue) throws Exception {
        helper = new ExporterHelper(context, TIMEOUT, queue, NO_RETRY, sender, Clock.systemUTC(), ExporterHelper.UNTIL_CANCELLED,
                () -> {
                    timeReads.incrementAndGet();
                    return clock.nanoTime();
                }, ExporterHelper.DRAIN_TIMEOUT, QueueLog.SEGMENT_BYTES);
        helper.start(id -> java.util.Optional.empty());
        return helper;
    }

    private static QueueConfig queue(int consumers, long size, boolean waitForResult, boolean blockOnOverflow, QueueBatchConfig batch) {
        return new QueueConfig(true, consumers, size, null, null, false, waitForResult, blockOnOverflow, batch);
    }

    private static QueueBatchConfig items(long min, long max) {
        return new QueueBatchConfig(NEVER, Sizer.ITEMS, min, max);
    }

    private double counter(String name) {
        // Counters appear on first use, as otelcol's do: one never touched reads 0.
        var counter = telemetry.registry().find(name).tag("exporter", "otlp").counter();
        return counter == null ? 0 : counter.count();
    }

    private static final boolean BLOCK_ON_OVERFLOW = true;
    private static final boolean REFUSE_ON_OVERFLOW = false;

    /** Starts with a queue of one batch, which a consumer holds while the backend is slow: the queue is full. */
    private void sendingOneOfOne(boolean blockOnOverflow) throws Exception {
        sender.holdUntil(backendUp);
        started(queue(1, 1, false, blockOnOverflow, null));
        helper.consume(batch("a", 1));
        Await.until(() -> sender.attempts.get() == 1, WAIT, () -> "the consumer holds the first batch");
    }

    private CompletableFuture<Void> consumeAsync(Traces traces) {
        return CompletableFuture.runAsync(() -> helper.consume(traces), workers);
    }

    /** Consumes on a thread of its own, returned once that thread waits (for room in the queue). */
    private CompletableFuture<Void> consumeUntilItWaits(Traces traces) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                helper.consume(traces);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        caller.start();
        Await.until(() -> caller.getState() == Thread.State.WAITING || done.isDone(), WAIT, () -> "the caller waits");
        return done;
    }

    /** Runs {@code consume} in a gRPC call context whose deadline is {@code deadline} away, as a receiver's handler does. */
    private void consumeWithDeadline(Traces traces, Duration deadline) {
        Context.CancellableContext call = Context.current().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS, scheduler);
        try {
            call.run(() -> helper.consume(traces));
        } finally {
            call.cancel(null);
        }
    }

    @Test
    void waitForResultReturnsOnlyOnceAQueueConsumerSentTheBatch() throws Exception {
        sender.holdUntil(backendUp);
        started(queue(1, 10, true, false, null));

        CompletableFuture<Void> consumed = consumeAsync(batch("a", 2));
        Await.until(() -> sender.attempts.get() == 1, WAIT, () -> "the consumer is sending");
        assertThat(consumed).isNotDone();
        backendUp.countDown();

        consumed.get(10, TimeUnit.SECONDS);
        assertThat(names(sender.delivered)).containsExactly("a 0", "a 1");
        assertThat(sender.threads).containsExactly("exporter-otlp-traces-0");
        assertThat(counter("otelcol.exporter.sent.spans")).isEqualTo(2);
    }

    @Test
    void waitForResultHandsTheSendFailureBackToTheCaller() throws Exception {
        sender.failAlways(SendException.permanent("INVALID_ARGUMENT: bad span", null));
        started(queue(1, 10, true, false, null));

        assertThatThrownBy(() -> helper.consume(batch(3)))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("INVALID_ARGUMENT: bad span");
        assertThat(counter("otelcol.exporter.send.failed.spans")).isEqualTo(3);
    }

    @Test
    void waitForResultGivesUpRetryablyAtTheCallersDeadline() throws Exception {
        sender.holdUntil(backendUp);
        started(queue(1, 10, true, false, null));

        assertThatThrownBy(() -> consumeWithDeadline(batch(1), Duration.ofMillis(100)))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("the caller stopped waiting (deadline or cancellation) before exporter otlp sent the batch");
    }

    @Test
    void withoutBlockOnOverflowAFullQueueRefusesAtOnce() throws Exception {
        sendingOneOfOne(REFUSE_ON_OVERFLOW);

        // The batch being sent still counts, as in otelcol, so the queue of one is full.
        assertThatThrownBy(() -> helper.consume(batch("b", 1)))
                .isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.resourceExhausted()).isTrue());
        assertThat(counter("otelcol.exporter.enqueue.failed.spans")).isEqualTo(1);
    }

    @Test
    void blockOnOverflowWaitsForRoomInsteadOfRefusing() throws Exception {
        sendingOneOfOne(BLOCK_ON_OVERFLOW);

        CompletableFuture<Void> blocked = consumeUntilItWaits(batch("b", 1));
        assertThat(blocked).isNotDone();
        backendUp.countDown();

        blocked.get(10, TimeUnit.SECONDS);
        Await.until(() -> sender.delivered.size() == 2, WAIT, () -> "both batches are sent");
        assertThat(names(sender.delivered)).containsExactly("a 0", "b 0");
        assertThat(counter("otelcol.exporter.enqueue.failed.spans")).isZero();
    }

    @Test
    void blockOnOverflowIsBoundedByTheCallersDeadline() throws Exception {
        sendingOneOfOne(BLOCK_ON_OVERFLOW);

        assertThatThrownBy(() -> consumeWithDeadline(batch("b", 2), Duration.ofMillis(100)))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("the caller stopped waiting for room");
        assertThat(counter("otelcol.exporter.enqueue.failed.spans")).isEqualTo(2);
    }

    @Test
    void shutdownReleasesAnOfferWaitingForRoom() throws Exception {
        sendingOneOfOne(BLOCK_ON_OVERFLOW);
        CompletableFuture<Void> blocked = consumeUntilItWaits(batch("b", 1));
        assertThat(blocked).isNotDone();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(helper::shutdown);
        assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RetryableException.class).hasMessageContaining("shutting down");
        backendUp.countDown();
        stopping.get(10, TimeUnit.SECONDS);
    }

    @Test
    void batchMergesQueuedBatchesUpToMinSize() throws Exception {
        started(queue(4, 100, false, false, items(10, 0)));

        helper.consume(batch("a", 4));
        helper.consume(batch("b", 4));
        helper.consume(batch("c", 4));

        Await.until(() -> !sender.delivered.isEmpty(), WAIT, () -> "a batch is sent");
        assertThat(sender.delivered).extracting(Traces::spanCount).containsExactly(12);
        assertThat(names(sender.delivered)).startsWith("a 0", "a 1", "a 2", "a 3", "b 0");
        assertThat(counter("otelcol.exporter.sent.spans")).isEqualTo(12);
        assertThat(sender.threads).allSatisfy(thread -> assertThat(thread).startsWith("exporter-otlp-traces-send-"));
    }

    @Test
    void batchSplitsAtMaxSizeAndSendsTheRestAfterFlushTimeout() throws Exception {
        started(queue(2, 100, false, false, items(10, 10)));

        helper.consume(batch("a", 25));
        Await.until(() -> sender.delivered.size() == 2, WAIT, () -> "the two full batches are sent");
        QueueBatcher batcher = helper.batcher();
        long due = clock.nanoTime() + NEVER.toNanos();
        batcher.flushIfDue(due - 1);
        assertThat(sender.delivered).hasSize(2);

        batcher.flushIfDue(due);
        Await.until(() -> sender.delivered.size() == 3, WAIT, () -> "the remainder is sent at its flush_timeout");
        assertThat(sender.delivered).extracting(Traces::spanCount).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(counter("otelcol.exporter.sent.spans")).isEqualTo(25);
    }

    @Test
    void spansWaitingInTheBatcherHoldTheirRoomInTheQueueUntilSent() throws Exception {
        started(queue(1, 1, false, false, items(100, 0)));

        helper.consume(batch("a", 1));
        Await.until(() -> timeReads.get() > 0, WAIT, () -> "the batcher buffers the spans");
        assertThatThrownBy(() -> helper.consume(batch("b", 1))).isInstanceOf(RetryableException.class);

        helper.batcher().flushIfDue(clock.nanoTime() + NEVER.toNanos());
        Await.until(() -> sender.delivered.size() == 1, WAIT, () -> "the buffered spans go out at their flush_timeout");
        Await.until(() -> {
            try {
                helper.consume(batch("b", 1));
                return true;
            } catch (RetryableException e) {
                return false;
            }
        }, WAIT, () -> "the queue has room again");
    }

    @Test
    void waitForResultWithBatchReturnsWhenTheMergedBatchWasSent() throws Exception {
        started(queue(2, 100, true, false, items(10, 0)));

        CompletableFuture<Void> first = consumeAsync(batch("a", 5));
        Await.until(() -> timeReads.get() > 0, WAIT, () -> "the first spans wait in the batcher");
        assertThat(first).isNotDone();
        helper.consume(batch("b", 5));

        first.get(10, TimeUnit.SECONDS);
        assertThat(sender.delivered).extracting(Traces::spanCount).containsExactly(10);
    }

    @Test
    void waitForResultWithBatchReportsAFailedMergedBatchToEveryCaller() throws Exception {
        sender.failAlways(SendException.permanent("INVALID_ARGUMENT", null));
        started(queue(2, 100, true, false, items(10, 0)));

        CompletableFuture<Void> first = consumeAsync(batch("a", 5));
        Await.until(() -> timeReads.get() > 0, WAIT, () -> "the first spans wait in the batcher");
        assertThatThrownBy(() -> helper.consume(batch("b", 5))).isInstanceOf(PermanentException.class);
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(PermanentException.class);
        assertThat(counter("otelcol.exporter.send.failed.spans")).isEqualTo(10);
    }

    @Test
    void shutdownSendsWhatTheBatcherHolds() throws Exception {
        started(queue(2, 100, false, false, items(100, 0)));
        helper.consume(batch("a", 3));
        Await.until(() -> timeReads.get() > 0, WAIT, () -> "the spans wait in the batcher");

        helper.shutdown();

        assertThat(names(sender.delivered)).containsExactly("a 0", "a 1", "a 2");
        assertThat(counter("otelcol.exporter.sent.spans")).isEqualTo(3);
        assertThat(counter("otelcol.exporter.send.failed.spans")).isZero();
    }

    @Test
    void aRealFlushTimerSendsAHalfFullBatch() throws Exception {
        helper = new ExporterHelper(context, TIMEOUT, queue(1, 100, false, false, new QueueBatchConfig(Duration.ofMillis(20), Sizer.ITEMS, 100, 0)),
                NO_RETRY, sender);
        helper.start(id -> java.util.Optional.empty());

        helper.consume(batch("a", 3));

        Await.until(() -> sender.delivered.size() == 1, WAIT, () -> "the flush timer sends the batch");
        assertThat(sender.delivered.get(0).spanCount()).isEqualTo(3);
    }
}
