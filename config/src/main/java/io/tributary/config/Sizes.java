package io.tributary.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@link ByteSize} text: a plain byte count or a number with a decimal or binary unit. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d[\\d_]*(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Map<String, Long> BYTES_PER_UNIT = Map.of(
            "", 1L,
            "b", 1L,
            "kb", 1_000L,
            "kib", 1L << 10,
            "mb", 1_000_000L,
            "mib", 1L << 20,
            "gb", 1_000_000_000L,
            "gib", 1L << 30,
            "tb", 1_000_000_000_000L,
            "tib", 1L << 40);
    private static final String UNITS = "B, KB, KiB, MB, MiB, GB, GiB, TB, TiB";

    private Sizes() {
    }

    static ByteSize parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw invalid(text, "expected a byte count or a number with a unit (" + UNITS + ")");
        }
        Long perUnit = BYTES_PER_UNIT.get(m.group(2).toLowerCase(Locale.ROOT));
        if (perUnit == null) {
            throw invalid(text, "unknown unit '" + m.group(2) + "' (units: " + UNITS + ")");
        }
        BigDecimal bytes = new BigDecimal(m.group(1).replace("_", "")).multiply(BigDecimal.valueOf(perUnit));
        try {
            // A fraction of a byte (1.1KB) is dropped rather than rejected.
            return new ByteSize(bytes.toBigInteger().longValueExact());
        } catch (ArithmeticException e) {
            throw invalid(text, "out of range");
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid size '" + text + "': " + why);
    }
}
