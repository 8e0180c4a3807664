package io.tributary.extension.healthcheck;

import java.math.BigDecimal;
import java.time.Duration;

/** Formats a duration as Go's {@code time.Duration.String()} does ({@code 1h2m3.5s}), as otelcol's health body shows uptime. */
final class GoDuration {
    private GoDuration() {
    }

    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return belowOneSecond(d.toNanos());
        }
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        BigDecimal seconds = BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.toNanosPart(), 9));
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(seconds.stripTrailingZeros().toPlainString()).append('s').toString();
    }

    private static String belowOneSecond(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        boolean millis = nanos >= 1_000_000;
        BigDecimal value = BigDecimal.valueOf(nanos, millis ? 6 : 3);
        return value.stripTrailingZeros().toPlainString() + (millis ? "ms" : "\u00b5s");
    }
}
