package io.tributary.config;

import java.math.BigDecimal;
import java.math.BigInteger;
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

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid duration '" + text + "': " + why);
    }
}
