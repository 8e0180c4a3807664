package io.tributary.exporter.configgrpc;

import java.time.Duration;

/** {@code keepalive}: HTTP/2 pings on an idle connection, with configgrpc's client defaults. */
public record KeepaliveConfig(Duration time, Duration timeout, boolean permitWithoutStream) {
    public static final KeepaliveConfig DEFAULT = new KeepaliveConfig(Duration.ofSeconds(10), Duration.ofSeconds(10), false);

    public KeepaliveConfig {
        if (time == null || time.isNegative() || timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("keepalive time and timeout must not be negative");
        }
    }
}
