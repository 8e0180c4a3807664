package io.tributary.receiver.prometheus;

import io.tributary.config.FromString;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A duration in Prometheus' syntax ({@code 10s}, {@code 1m30s}, {@code 1d}, {@code 2w}; units
 * {@code y w d h m s ms} from the largest to the smallest, integers only, {@code 0} without a
 * unit), which the Prometheus config takes where the rest of the collector's config takes Go's.
 */
public record PromDuration(Duration value) {
    private static final Map<String, Long> MILLIS_PER_UNIT = units();

    private static Map<String, Long> units() {
        Map<String, Long> units = new LinkedHashMap<>();
        units.put("y", 365L * 24 * 3_600_000);
        units.put("w", 7L * 24 * 3_600_000);
        units.put("d", 24L * 3_600_000);
        units.put("h", 3_600_000L);
        units.put("m", 60_000L);
        units.put("s", 1_000L);
        units.put("ms", 1L);
        return units;
    }

    public static PromDuration of(Duration value) {
        return new PromDuration(value);
    }

    /** @throws IllegalArgumentException with prometheus/common's wording */
    @FromString
    public static PromDuration parse(String text) {
        if (text.equals("0")) {
            return new PromDuration(Duration.ZERO);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        long millis = 0;
        int lastUnitRank = -1;
        int i = 0;
        while (i < text.length()) {
            int digits = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (digits == unitStart || unitStart == i) {
                throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
            }
            String unit = text.substring(unitStart, i);
            Long perUnit = MILLIS_PER_UNIT.get(unit);
            if (perUnit == null) {
                throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            int rank = rankOf(unit);
            if (rank <= lastUnitRank) {
                throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
            }
            lastUnitRank = rank;
            try {
                millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(text.substring(digits, unitStart)), perUnit));
                Math.multiplyExact(millis, 1_000_000L);
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration out of range");
            }
        }
        return new PromDuration(Duration.ofMillis(millis));
    }

    private static int rankOf(String unit) {
        return MILLIS_PER_UNIT.keySet().stream().toList().indexOf(unit);
    }

    public boolean isZero() {
        return value.isZero();
    }

    /** As Prometheus prints it ({@code 1m30s}, {@code 0s}): the value of a target's {@code __scrape_interval__} label. */
    @Override
    public String toString() {
        long ms = value.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> unit : MILLIS_PER_UNIT.entrySet()) {
            long per = unit.getValue();
            // Years and weeks only when they divide evenly, as 90d reads better than 12w6d.
            boolean exactOnly = unit.getKey().equals("y") || unit.getKey().equals("w");
            if (exactOnly && ms % per != 0) {
                continue;
            }
            if (ms / per > 0) {
                out.append(ms / per).append(unit.getKey());
                ms %= per;
            }
        }
        return out.toString();
    }
}
