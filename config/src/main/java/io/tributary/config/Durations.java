package io.tributary.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written the way otelcol (Go's {@code time.ParseDuration}) reads them. */
public final class Durations {
    private static final Pattern BARE_INTEGER = Pattern.compile("[-+]?\\d[\\d_]*");
    private static final Pattern BARE_NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern SEGMENT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([^\\d.]*)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final String UNITS = "ns, us, ms, s, m, h";

    private Durations() {
    }

    /**
     * Parses {@code 200ms}, {@code 1m30s}, {@code 1.5h}, {@code 300us}, {@code -2s}. A bare integer
     * counts nanoseconds, as when otelcol decodes a YAML integer into a {@code time.Duration}.
     *
     * @throws IllegalArgumentException with a message fit for a config error
     */
    public static Duration parse(String text) {
        String s = text.strip();
        if (BARE_INTEGER.matcher(s).matches()) {
            try {
                return Duration.ofNanos(Long.parseLong(s.replace("_", "")));
            } catch (NumberFormatException e) {
                throw invalid(text, "out of range");
            }
        }
        if (BARE_NUMBER.matcher(s).matches()) {
            throw invalid(text, "missing unit, e.g. 5s (units: " + UNITS + ")");
        }
        boolean negative = s.startsWith("-");
        int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (start == s.length()) {
            throw invalid(text, "expected a number with a unit, e.g. 5s");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = SEGMENT.matcher(s);
        for (int pos = start; pos < s.length(); pos = m.end()) {
            m.region(pos, s.length());
            if (!m.lookingAt()) {
                throw invalid(text, "expected a number with a unit, e.g. 5s");
            }
            String unit = m.group(2);
            if (unit.isEmpty()) {
                throw invalid(text, "missing unit after '" + m.group(1) + "' (units: " + UNITS + ")");
            }
            Long perUnit = NANOS_PER_UNIT.get(unit);
            if (perUnit == null) {
                throw invalid(text, "unknown unit '" + unit + "' (units: " + UNITS + ")");
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(perUnit)));
        }
        BigInteger whole = nanos.toBigInteger();
        if (whole.bitLength() > 63) {
            throw invalid(text, "out of range");
        }
        return Duration.ofNanos(negative ? -whole.longValue() : whole.longValue());
    }

    /** Formats as Go's {@code time.Duration.String()} does: {@code 1h2m3.5s}, {@code 1.5ms}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
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

    /**
     * A short form for log lines ({@code 4.3s}, {@code 250ms}, {@code 1m30s}): Go's format of the
     * duration rounded to a millisecond below one second, a tenth of a second below a minute, and
     * a second above, as {@code d.Round(unit).String()} would print it.
     */
    public static String formatShort(Duration d) {
        Duration magnitude = d.abs();
        int scale = magnitude.compareTo(Duration.ofSeconds(1)) < 0 ? 3 : magnitude.compareTo(Duration.ofMinutes(1)) < 0 ? 1 : 0;
        BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                .setScale(scale, RoundingMode.HALF_UP); // half away from zero, as Go's Round
        return format(Duration.ofSeconds(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue()));
    }

    private static String belowOneSecond(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        boolean millis = nanos >= 1_000_000;
        BigDecimal value = BigDecimal.valueOf(nanos, millis ? 6 : 3);
        return value.stripTrailingZeros().toPlainString() + (millis ? "ms" : "\u00b5s");
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid duration '" + text + "': " + why);
    }
}
