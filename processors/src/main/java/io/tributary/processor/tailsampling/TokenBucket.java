package io.tributary.processor.tailsampling;

import java.util.function.LongSupplier;

/**
 * golang.org/x/time/rate's limiter as otelcol's {@code rate_limiting} and {@code bytes_limiting}
 * use it: starts full, refills continuously at {@code rate} per second up to {@code burst}; a
 * request of {@code n} passes when {@code n} tokens are there (and {@code n <= burst}), taking them.
 */
final class TokenBucket {
    private final double rate;
    private final long burst;
    private final LongSupplier millis;
    private double tokens;
    private long last;

    TokenBucket(long rate, long burst, LongSupplier millis) {
        this.rate = rate;
        this.burst = burst;
        this.millis = millis;
        this.tokens = burst;
        this.last = millis.getAsLong();
    }

    boolean allow(long n) {
        long now = millis.getAsLong();
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * rate / 1000.0);
            last = now;
        }
        if (n > burst || tokens < n) {
            return false;
        }
        tokens -= n;
        return true;
    }
}
