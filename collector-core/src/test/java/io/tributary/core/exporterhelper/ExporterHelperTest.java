package io.tributary.core.exporterhelper;

import static io.tributary.core.exporterhelper.TestBatches.batch;
import static io.tributary.core.exporterhelper.TestBatches.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExporterHelperTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final QueueConfig NO_QUEUE = new QueueConfig(false, 0, 0, null);
    private static final RetryConfig EXACT_RETRY = new RetryConfig(
            true, Duration.ofSeconds(5), 0, 1.5, Duration.ofSeconds(30), Duration.ofSeconds(300));
    private static final SendException UNAVAILABLE = SendException.retryable("UNAVAILABLE", null, null);
    private static final SendException INVALID = SendException.permanent("INVALID_ARGUMENT", null);

    private final Telemetry telemetry = new Telemetry();
    private final ComponentContext context =
            new ComponentContext(ComponentId.parse("otlp"), telemetry, null, null, null, Clock.systemUTC());
    private final ManualClock clock = new ManualClock();
    /** Each wait the helper asked for; time moves by it at once. */
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final ExporterHelper.Sleeper sleeper = (duration, cancelled) -> {
        sleeps.add(duration);
        clock.advance(duration);
        return cancelled.getCount() == 0;
    };
    private final FakeSender sender = new FakeSender();
    private ExporterHelper helper;

    @AfterEach
    void shutDown() {
        if (helper != null) {
            helper.shutdown();
        }
    }

    private ExporterHelper helper(QueueConfig queue, RetryConfig retry) {
        helper = new ExporterHelper(context, TIMEOUT, queue, retry, sender, clock, sleeper, System::nanoTime, ExporterHelper.DRAIN_TIMEOUT, QueueLog.SEGMENT_BYTES);
        return helper;
    }

    private static QueueConfig memory(int consumers, long size) {
        return new QueueConfig(true, consumers, size, null);
    }

    private double counter(String name) {
        // Counters appear on first use, as otelcol's do: one never touched reads 0.
        var counter = telemetry.registry().find(name).tag("exporter", "otlp").counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        return telemetry.registry().get(name).tag("exporter", "otlp").gauge().value();
    }

    private static List<Duration> seconds(double... values) {
        return Arrays.stream(values).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toList();
    }

    @Test
    void queuedBatchIsSentByANamedConsumerThreadAndCounted() throws Exception {
        ExporterHelper exporter = helper(memory(2, 10), EXACT_RETRY);
        exporter.start(null);
        Traces traces = batch(3);

        exporter.consume(traces);

        Await.until(() -> counter("otelcol.exporter.sent.spans") == 3, WAIT, () -> "3 spans are counted as sent");
        assertThat(sender.delivered).singleElement().satisfies(sent -> assertThat(sent.encoded()).isEqualTo(traces.encoded()));
        assertThat(sender.threads.get(0)).matches("exporter-otlp-traces-[01]");
        assertThat(sender.starts).hasValue(1);
    }

    @Test
    void fullQueueRefusesWithResourceExhaustedAndCountsEnqueueFailed() {
        ExporterHelper exporter = helper(memory(1, 2), EXACT_RETRY); // not started: nothing drains
        exporter.consume(batch(1));
        exporter.consume(batch(1));

        RetryableException refused = catchThrowableOfType(RetryableException.class, () -> exporter.consume(batch(4)));

        assertThat(refused.resourceExhausted()).isTrue();
        assertThat(counter("otelcol.exporter.enqueue.failed.spans")).isEqualTo(4);
    }

    @Test
    void queueGaugesReportSizeAndCapacity() {
        ExporterHelper exporter = helper(memory(1, 7), EXACT_RETRY);
        exporter.consume(batch(1));
        exporter.consume(batch(1));

        assertThat(gauge("otelcol.exporter.queue.size")).isEqualTo(2);
        assertThat(gauge("otelcol.exporter.queue.capacity")).isEqualTo(7);
    }

    @Test
    void withoutQueueThereAreNoQueueGauges() {
        helper(NO_QUEUE, EXACT_RETRY);

        assertThat(telemetry.registry().find("otelcol.exporter.queue.size").gauge()).isNull();
        assertThat(telemetry.registry().find("otelcol.exporter.queue.capacity").gauge()).isNull();
    }

    @Test
    void retryableErrorsAreRetriedWithExponentialBackoffUntilDelivered() {
        sender.failNext(3, UNAVAILABLE);
        Traces traces = batch(2);

        helper(NO_QUEUE, EXACT_RETRY).consume(traces);

        assertThat(sleeps).isEqualTo(seconds(5, 7.5, 11.25));
        assertThat(sender.delivered).singleElement().satisfies(sent -> assertThat(sent.encoded()).isEqualTo(traces.encoded()));
        assertThat(counter("otelcol.exporter.sent.spans")).isEqualTo(2);
        assertThat(counter("otelcol.exporter.send.failed.spans")).isZero();
    }

    @Test
    void backoffIsCappedAtMaxInterval() {
        sender.failNext(4, UNAVAILABLE);
        RetryConfig retry = new RetryConfig(true, Duration.ofSeconds(10), 0, 2, Duration.ofSeconds(30), Duration.ofMinutes(5));

        helper(NO_QUEUE, retry).consume(batch(1));

        assertThat(sleeps).isEqualTo(seconds(10, 20, 30, 30));
    }

    @Test
    void waitsAreRandomizedWithinTheFactor() {
        sender.failNext(5, UNAVAILABLE);

        helper(NO_QUEUE, RetryConfig.DEFAULT).consume(batch(1));

        double[] nominal = {5, 7.5, 11.25, 16.875, 25.3125};
        assertThat(sleeps).hasSize(5);
        for (int i = 0; i < nominal.length; i++) {
            assertThat(sleeps.get(i)).isBetween(seconds(nominal[i] * 0.5).get(0), seconds(nominal[i] * 1.5).get(0));
        }
    }

    @Test
    void serverRetryDelayIsHonouredWhenLongerThanTheBackoff() {
        sender.failNext(1, SendException.retryable("RESOURCE_EXHAUSTED", Duration.ofSeconds(20), null));

        helper(NO_QUEUE, EXACT_RETRY).consume(batch(1));

        assertThat(sleeps).isEqualTo(seconds(20));
        assertThat(sender.delivered).hasSize(1);
    }

    @Test
    void permanentErrorIsNotRetriedAndPropagatesWithoutQueue() {
        sender.failNext(1, INVALID);
        ExporterHelper exporter = helper(NO_QUEUE, EXACT_RETRY);

        assertThatThrownBy(() -> exporter.consume(batch(3)))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("INVALID_ARGUMENT");
        assertThat(sender.attempts).hasValue(1);
        assertThat(sleeps).isEmpty();
        assertThat(counter("otelcol.exporter.send.failed.spans")).isEqualTo(3);
    }

    @Test
    void permanentErrorOfAQueuedBatchIsCountedFailed() throws Exception {
        sender.failNext(1, INVALID);
        ExporterHelper exporter = helper(memory(1, 10), EXACT_RETRY);
        exporter.start(null);

        exporter.consume(batch(4));

        Await.until(() -> counter("otelcol.exporter.send.failed.spans") == 4, WAIT, () -> "4 spans are counted as failed");
        assertThat(sender.attempts).hasValue(1);
    }

    @Test
    void retriesStopWhenTheNextWaitWouldPassMaxElapsedTime() {
        sender.failAlways(SendException.retryable("UNAVAILABLE", Duration.ofSeconds(1), null));
        RetryConfig retry = new RetryConfig(true, Duration.ofSeconds(5), 0, 1.5, Duration.ofSeconds(20), Duration.ofSeconds(20));
        ExporterHelper exporter = helper(NO_QUEUE, retry);

        RetryableException refused = catchThrowableOfType(RetryableException.class, () -> exporter.consume(batch(2)));

        assertThat(sleeps).isEqualTo(seconds(5, 7.5)); // 5 + 7.5 + 11.25 would pass 20s
        assertThat(sender.attempts).hasValue(3);
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(refused.resourceExhausted()).isFalse();
        assertThat(counter("otelcol.exporter.send.failed.spans")).isEqualTo(2);
    }

    @Test
    void zeroMaxElapsedTimeRetriesUntilDelivered() {
        sender.failNext(50, UNAVAILABLE);
        RetryConfig forever = new RetryConfig(true, Duration.ofSeconds(5), 0, 1.5, Duration.ofSeconds(30), Duration.ZERO);

        helper(NO_QUEUE, forever).consume(batch(1));

        assertThat(sender.attempts).hasValue(51);
        assertThat(sleeps).hasSize(50);
        assertThat(sender.delivered).hasSize(1);
    }

    @Test
    void disabledRetryMakesOneAttemptAndPropagatesTheServerDelay() {
        sender.failNext(1, SendException.retryable("UNAVAILABLE", Duration.ofSeconds(7), null));
        RetryConfig disabled = new RetryConfig(false, Duration.ofSeconds(5), 0.5, 1.5, Duration.ofSeconds(30), Duration.ofSeconds(300));
        ExporterHelper exporter = helper(NO_QUEUE, disabled);

        RetryableException refused = catchThrowableOfType(RetryableException.class, () -> exporter.consume(batch(1)));

        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(sender.attempts).hasValue(1);
        assertThat(counter("otelcol.exporter.send.failed.spans")).isEqualTo(1);
    }

    @Test
    void shutdownDrainsQueuedBatchesToTheSender() throws Exception {
        ExporterHelper exporter = helper(memory(2, 10), EXACT_RETRY);
        exporter.consume(batch(1));
        exporter.consume(batch(2));
        exporter.consume(batch(3));
        exporter.start(null);

        exporter.shutdown();

        assertThat(sender.delivered).extracting(Traces::spanCount).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(counter("otelcol.exporter.sent.spans")).isEqualTo(6);
        assertThat(sender.shutdowns).hasValue(1);
    }

    @Test
    void shutdownAbandonsRetryingAndQueuedBatchesAfterTheDrainTimeout() throws Exception {
        sender.failAlways(UNAVAILABLE);
        RetryConfig hourly = new RetryConfig(true, Duration.ofHours(1), 0, 1.5, Duration.ofHours(1), Duration.ZERO);
        helper = new ExporterHelper(context, TIMEOUT, memory(1, 10), hourly, sender,
                Clock.systemUTC(), ExporterHelper.UNTIL_CANCELLED, System::nanoTime, Duration.ofMillis(50), QueueLog.SEGMENT_BYTES);
        helper.start(null);
        helper.consume(batch(2));
        Await.until(() -> sender.attempts.get() == 1, WAIT, () -> "the first batch is being retried");
        helper.consume(batch(5));

        helper.shutdown();

        assertThat(counter("otelcol.exporter.send.failed.spans")).isEqualTo(7);
        assertThat(gauge("otelcol.exporter.queue.size")).isZero();
        assertThat(sender.shutdowns).hasValue(1);
    }

    @Test
    void shutdownCutsASynchronousRetryWaitShort() throws Exception {
        sender.failAlways(UNAVAILABLE);
        RetryConfig hourly = new RetryConfig(true, Duration.ofHours(1), 0, 1.5, Duration.ofHours(1), Duration.ZERO);
        helper = new ExporterHelper(context, TIMEOUT, NO_QUEUE, hourly, sender,
                Clock.systemUTC(), ExporterHelper.UNTIL_CANCELLED, System::nanoTime, ExporterHelper.DRAIN_TIMEOUT, QueueLog.SEGMENT_BYTES);
        ExporterHelper exporter = helper;
        Thread caller = new Thread(() -> catchThrowableOfType(RetryableException.class, () -> exporter.consume(batch(1))));
        caller.start();
        Await.until(() -> sender.attempts.get() == 1, WAIT, () -> "the caller is waiting to retry");

        exporter.shutdown();

        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(counter("otelcol.exporter.send.failed.spans")).isEqualTo(1);
    }

    @Test
    void shutdownTwiceIsSafe() throws Exception {
        ExporterHelper exporter = helper(memory(1, 10), EXACT_RETRY);
        exporter.start(null);

        exporter.shutdown();
        exporter.shutdown();

        assertThat(sender.shutdowns).hasValue(1);
    }

    @Test
    void consumeAfterShutdownRefuses() throws Exception {
        ExporterHelper exporter = helper(memory(1, 10), EXACT_RETRY);
        exporter.start(null);
        exporter.shutdown();

        RetryableException refused = catchThrowableOfType(RetryableException.class, () -> exporter.consume(batch(1)));

        assertThat(refused).hasMessageContaining("shutting down");
        assertThat(refused.resourceExhausted()).isFalse();
        assertThat(sender.attempts).hasValue(0);
    }

    @Test
    void shutdownHandingBackGivesAwayTheBatchBeingSentAndTheQueuedOnesUncounted() throws Exception {
        sender.holdUntil(new CountDownLatch(1)); // a backend that never answers
        ExporterHelper exporter = helper(memory(1, 10), EXACT_RETRY);
        exporter.start(null);
        exporter.consume(batch("a", 1));
        exporter.consume(batch("b", 2));
        Await.until(() -> sender.attempts.get() == 1, WAIT, () -> "the consumer is sending the first batch");

        List<Traces> handedBack = new CopyOnWriteArrayList<>();
        exporter.shutdown(handedBack::add);

        assertThat(names(handedBack)).containsExactly("a 0", "b 0", "b 1");
        assertThat(sender.attempts.get()).isEqualTo(1);
        assertThat(sender.shutdowns.get()).isEqualTo(1);
        assertThat(counter("otelcol.exporter.sent.spans")).isZero();
        assertThat(counter("otelcol.exporter.send.failed.spans")).isZero();
        assertThatThrownBy(() -> exporter.consume(batch("c", 1))).isInstanceOf(RetryableException.class);
    }
}
