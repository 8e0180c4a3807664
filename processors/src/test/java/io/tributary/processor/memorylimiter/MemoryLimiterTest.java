package io.tributary.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.core.component.ComponentId;
import io.tributary.testkit.Await;
import io.tributary.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The check itself, driven by hand: a fake heap and a clock the test moves. */
class MemoryLimiterTest {
    private final FakeHeap heap = new FakeHeap(1000);
    private final ManualClock clock = new ManualClock();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private MemoryLimiter limiter(String yaml) {
        return new MemoryLimiter(ComponentId.parse("memory_limiter"), Configs.bind(yaml), heap, timer, clock::nanoTime);
    }

    /** Moves the clock one check interval (1s in these tests) and checks. */
    private void tick(MemoryLimiter limiter) {
        clock.advance(Duration.ofSeconds(1));
        limiter.check();
    }

    @Test
    void refusesFromTheSoftLimitUp() {
        assertSoftLimitIs(limiter("{check_interval: 1s, limit_mib: 100, spike_limit_mib: 30}"), 70 * FakeHeap.MIB);
    }

    @Test
    void theSpikeLimitDefaultsToAFifthOfTheLimit() {
        assertSoftLimitIs(limiter("{check_interval: 1s, limit_mib: 100}"), 80 * FakeHeap.MIB);
    }

    @Test
    void percentagesAreOfTheMaxHeap() {
        // (50% - 10%) of the 1000 MiB heap.
        assertSoftLimitIs(limiter("{check_interval: 1s, limit_percentage: 50, spike_limit_percentage: 10}"), 400 * FakeHeap.MIB);
    }

    @Test
    void recoversOnceUsageFallsBelowTheSoftLimit() {
        MemoryLimiter limiter = limiter("{check_interval: 1s, limit_mib: 100}");
        heap.useMib(90);
        tick(limiter);
        assertThat(limiter.refusing()).isTrue();

        heap.useMib(79);
        tick(limiter);

        assertThat(limiter.refusing()).isFalse();
    }

    @Test
    void aboveTheHardLimitEveryCheckForcesAGcByDefault() {
        MemoryLimiter limiter = limiter("{check_interval: 1s, limit_mib: 100, max_gc_interval_when_hard_limited: 0}");
        heap.useMib(100);

        tick(limiter);
        tick(limiter);
        tick(limiter);

        assertThat(heap.collections()).isEqualTo(3);
        assertThat(limiter.refusing()).isTrue();
    }

    @Test
    void aGcThatFreesEnoughLetsDataThroughInTheSameCheck() {
        MemoryLimiter limiter = limiter("{check_interval: 1s, limit_mib: 100}");
        heap.useMib(120);
        heap.afterGc(30);

        tick(limiter);

        assertThat(heap.collections()).isEqualTo(1);
        assertThat(limiter.refusing()).isFalse();
    }

    @Test
    void aboveOnlyTheSoftLimitAGcIsForcedAtMostEveryMinGcIntervalWhenSoftLimited() {
        MemoryLimiter limiter = limiter("{check_interval: 1s, limit_mib: 100, min_gc_interval_when_soft_limited: 3s,"
                + " max_gc_interval_when_soft_limited: 0, max_gc_interval_when_hard_limited: 0}");
        heap.useMib(90);

        assertThat(gcSecondsOver(limiter, 10))
                .as("strictly more than 3s after the limiter was created, then after the last GC").containsExactly(4, 8);
        assertThat(limiter.refusing()).isTrue();
    }

    @Test
    void aboveTheHardLimitAGcIsForcedAtMostEveryMinGcIntervalWhenHardLimited() {
        MemoryLimiter limiter = limiter("{check_interval: 1s, limit_mib: 100, min_gc_interval_when_hard_limited: 2s,"
                + " max_gc_interval_when_soft_limited: 0, max_gc_interval_when_hard_limited: 0}");
        heap.useMib(100);

        assertThat(gcSecondsOver(limiter, 9)).containsExactly(3, 6, 9);
    }

    @Test
    void gcsThatFreeNothingBackOffExponentiallyUpToTheCap() {
        MemoryLimiter limiter = limiter("{check_interval: 1s, limit_mib: 100, max_gc_interval_when_hard_limited: 8s}");
        heap.useMib(100);

        // Waits after each futile GC: 1.9s (2 × 95% of check_interval), 3.8s, 7.6s, then the 8s cap.
        assertThat(gcSecondsOver(limiter, 40)).containsExactly(1, 3, 7, 15, 24, 33);
    }

    @Test
    void aDropInUsageEndsTheBackoff() {
        MemoryLimiter limiter = limiter("{check_interval: 1s, limit_mib: 100}");
        heap.useMib(100);
        assertThat(gcSecondsOver(limiter, 8)).containsExactly(1, 3, 7);

        heap.useMib(10);
        tick(limiter);
        heap.useMib(100);

        assertThat(gcSecondsOver(limiter, 1)).as("the next check over the hard limit forces a GC again").containsExactly(1);
    }

    @Test
    void eachTransitionIsLoggedOnce() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(MemoryLimiter.class);
        logger.addAppender(log);
        try {
            MemoryLimiter limiter = limiter("{check_interval: 1s, limit_mib: 100}");
            heap.useMib(85);
            tick(limiter);
            tick(limiter);
            tick(limiter);
            heap.useMib(10);
            tick(limiter);
            tick(limiter);
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("refusing data")).singleElement()
                .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("resuming normal operation")).singleElement()
                .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
    }

    @Test
    void startChecksAtOnceThenEveryCheckIntervalOnItsOwnDaemonThreadUntilStopped() {
        MemoryLimiter limiter = new MemoryLimiter(ComponentId.parse("memory_limiter"),
                Configs.bind("{check_interval: 5ms, limit_mib: 100}"), heap,
                Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "check");
                    thread.setDaemon(true);
                    return thread;
                }), System::nanoTime);
        heap.useMib(90);

        limiter.start();
        assertThat(limiter.refusing()).as("checked in start()").isTrue();
        heap.useMib(10);
        Await.until(() -> !limiter.refusing(), Duration.ofSeconds(10), () -> "the timer never saw the usage fall");
        Thread checkThread = heap.lastReader();
        assertThat(checkThread.getName()).isEqualTo("check");
        assertThat(checkThread.isDaemon()).isTrue();

        assertThat(limiter.stop()).isTrue();
        Await.until(() -> !checkThread.isAlive(), Duration.ofSeconds(10), () -> "the check thread outlived stop()");
    }

    /** Data flows one byte below {@code softLimit} and is refused from it. */
    private void assertSoftLimitIs(MemoryLimiter limiter, long softLimit) {
        heap.useBytes(softLimit - 1);
        tick(limiter);
        assertThat(limiter.refusing()).as("one byte below the soft limit").isFalse();

        heap.useBytes(softLimit);
        tick(limiter);
        assertThat(limiter.refusing()).as("at the soft limit").isTrue();
    }

    /** The seconds (1-based, one check each) at which a check forced a GC. */
    private List<Integer> gcSecondsOver(MemoryLimiter limiter, int seconds) {
        List<Integer> gcAt = new ArrayList<>();
        for (int second = 1; second <= seconds; second++) {
            int before = heap.collections();
            tick(limiter);
            if (heap.collections() > before) {
                gcAt.add(second);
            }
        }
        return gcAt;
    }
}
