package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The schedule against a clock that moves only when the test moves it. */
class PacerTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void sendsAreDueOneIntervalApart() {
        Pacer pacer = new Pacer(100, clock::nanoTime); // 10,000 spans/s in 100-span requests

        assertThat(pacer.nanosUntilDue()).isZero();
        pacer.sent();
        assertThat(pacer.nanosUntilDue()).isEqualTo(Duration.ofMillis(10).toNanos());
        clock.advance(Duration.ofMillis(4));
        assertThat(pacer.nanosUntilDue()).isEqualTo(Duration.ofMillis(6).toNanos());
        clock.advance(Duration.ofMillis(6));
        assertThat(pacer.nanosUntilDue()).isZero();
    }

    @Test
    void aLateSenderCatchesUpWithWhatItOwesAndNoMore() {
        Pacer pacer = new Pacer(100, clock::nanoTime); // an interval of 10 ms
        pacer.sent();

        clock.advance(Duration.ofMillis(35)); // held up: the sends due at 10, 20 and 30 ms are owed

        assertThat(sendsDueNow(pacer)).isEqualTo(3);
        assertThat(pacer.nanosUntilDue()).isEqualTo(Duration.ofMillis(5).toNanos());
    }

    @Test
    void aSenderHeldUpLongerThanTheMaximumLagForgetsWhatItOwes() {
        Pacer pacer = new Pacer(100, clock::nanoTime);
        pacer.sent();

        clock.advance(Pacer.MAX_LAG.plus(Duration.ofMillis(25))); // 12 sends owed, more than 100 ms late

        assertThat(sendsDueNow(pacer)).isEqualTo(1);
        assertThat(pacer.nanosUntilDue()).isEqualTo(Duration.ofMillis(10).toNanos());
    }

    @Test
    void aLagOfExactlyTheMaximumIsStillCaughtUp() {
        Pacer pacer = new Pacer(100, clock::nanoTime);
        pacer.sent();

        clock.advance(Duration.ofMillis(10).plus(Pacer.MAX_LAG)); // the send due at 10 ms is 100 ms late

        assertThat(sendsDueNow(pacer)).isEqualTo(11);
    }

    @Test
    void theScheduleDoesNotDriftOverManySends() {
        long start = clock.nanoTime();
        Pacer pacer = new Pacer(3, clock::nanoTime); // an interval of 333,333,333.3 ns: rounding must not add up

        for (int i = 0; i < 3_000; i++) {
            clock.advance(Duration.ofNanos(pacer.nanosUntilDue()));
            pacer.sent();
        }

        assertThat(clock.nanoTime() - start + pacer.nanosUntilDue()).isEqualTo(Duration.ofSeconds(1_000).toNanos());
    }

    @Test
    void rateZeroIsUnpaced() {
        Pacer pacer = new Pacer(0, clock::nanoTime);

        for (int i = 0; i < 1_000; i++) {
            assertThat(pacer.nanosUntilDue()).isLessThanOrEqualTo(0);
            pacer.sent();
        }
    }

    @Test
    void negativeRatesAreRefused() {
        assertThatThrownBy(() -> new Pacer(-1, clock::nanoTime)).hasMessageContaining("-1");
    }

    /** Makes every send that is due now, as a sender that is not held up would. */
    private static int sendsDueNow(Pacer pacer) {
        int sends = 0;
        while (pacer.nanosUntilDue() <= 0) {
            pacer.sent();
            sends++;
        }
        return sends;
    }
}
