package io.tributary.receiver.prometheus;

import io.tributary.config.FromString;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte size as Prometheus reads one ({@code body_size_limit}): a byte count, or a number with a
 * unit where {@code KB}, {@code MB}, … are binary multiples like {@code KiB}, {@code MiB}.
 */
public record PromBytes(long bytes) {
    public static final PromBytes NONE = new PromBytes(0);

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([KMGTPE]i?B|B)?");
    private static final Map<Character, Integer> POWERS = Map.of('K', 1, 'M', 2, 'G', 3, 'T', 4, 'P', 5, 'E', 6);

    @FromString
    public static PromBytes parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("units: invalid " + text);
        }
        String unit = m.group(2);
        long perUnit = unit == null || unit.equals("B") ? 1 : 1L << (10 * POWERS.get(unit.charAt(0)));
        try {
            return new PromBytes(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(perUnit)).toBigInteger().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("units: invalid " + text);
        }
    }

    public boolean isZero() {
        return bytes == 0;
    }
}
