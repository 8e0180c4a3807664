package io.tributary.core.net;

import java.time.Duration;

/**
 * confighttp's server timeouts, with otelcol's defaults: {@code read_timeout} (whole request, 0 =
 * none), {@code read_header_timeout} (request line and headers, 1m), {@code write_timeout} (30s)
 * and {@code idle_timeout} (a kept-alive connection waiting for its next request, 1m). A zero
 * header or idle timeout falls back to the read timeout, as in Go's {@code http.Server}.
 */
public record HttpServerTimeouts(Duration readTimeout, Duration readHeaderTimeout, Duration writeTimeout, Duration idleTimeout) {
    public static final HttpServerTimeouts DEFAULT =
            new HttpServerTimeouts(Duration.ZERO, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1));

    /** Null means the default; negative durations are refused naming the key. */
    public HttpServerTimeouts {
        readTimeout = orDefault("read_timeout", readTimeout, Duration.ZERO);
        readHeaderTimeout = orDefault("read_header_timeout", readHeaderTimeout, Duration.ofMinutes(1));
        writeTimeout = orDefault("write_timeout", writeTimeout, Duration.ofSeconds(30));
        idleTimeout = orDefault("idle_timeout", idleTimeout, Duration.ofMinutes(1));
    }

    private static Duration orDefault(String key, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative");
        }
        return value;
    }

    /** How long the request line and headers may take; zero for no limit. */
    Duration headerDeadline() {
        return readHeaderTimeout.isZero() ? readTimeout : readHeaderTimeout;
    }

    /**
     * How long a kept-alive connection may wait for its next request's headers. Go counts the idle
     * wait and the header read separately; one timer here bounds both, by the idle timeout, or the
     * header deadline when idle has no limit (so a connection never waits unbounded).
     */
    Duration idleDeadline() {
        if (!idleTimeout.isZero()) {
            return idleTimeout;
        }
        return headerDeadline();
    }
}
