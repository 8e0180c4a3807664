package io.tributary.receiver.jaeger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A WARN at most once per interval, saying how many were suppressed since: a client sending
 * garbage at line rate must not flood the log.
 */
final class RateLimitedLog {
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Logger log;
    private final Clock clock;
    private final AtomicLong nextAllowedMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void warn(String what, Exception cause) {
        long now = clock.millis();
        long allowed = nextAllowedMillis.get();
        if (now < allowed || !nextAllowedMillis.compareAndSet(allowed, now + INTERVAL.toMillis())) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        log.warn("{}: {}{}", what, cause.toString(),
                skipped == 0 ? "" : " (" + skipped + " similar messages suppressed in the last " + INTERVAL.toSeconds() + "s)");
    }
}
