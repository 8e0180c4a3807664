package io.tributary.core.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenTelemetry metric and attribute names as Prometheus names, by the rules of Prometheus'
 * otlptranslator (v1.0.0), which both of otelcol's Prometheus outputs use: the self-metrics on
 * {@code /metrics} (through the OpenTelemetry Prometheus exporter) and the {@code prometheus}
 * exporter. With suffixes, a metric name gets its unit as words ({@code ms} →
 * {@code _milliseconds}, {@code By/s} → {@code _bytes_per_second}; a braced annotation such as
 * {@code {span}} adds nothing), {@code _total} when it is a monotonic counter and {@code _ratio}
 * when it is a gauge of unit {@code 1}. Escaping turns every character but letters, digits and
 * {@code :} into {@code _} (labels: letters and digits), as the classic Prometheus name rules
 * need; with UTF-8 allowed names pass through.
 */
public final class PrometheusNaming {
    /** The OpenTelemetry kind of a metric, which decides its suffixes. */
    public enum MetricType { UNKNOWN, NON_MONOTONIC_COUNTER, MONOTONIC_COUNTER, GAUGE, HISTOGRAM, EXPONENTIAL_HISTOGRAM, SUMMARY }

    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"), Map.entry("s", "seconds"),
            Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"),
            Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"), Map.entry("GiBy", "gibibytes"),
            Map.entry("TiBy", "tibibytes"), Map.entry("KBy", "kilobytes"), Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"),
            Map.entry("TBy", "terabytes"), Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"),
            Map.entry("J", "joules"), Map.entry("W", "watts"), Map.entry("g", "grams"), Map.entry("Cel", "celsius"),
            Map.entry("Hz", "hertz"), Map.entry("1", ""), Map.entry("%", "percent"));
    private static final Map<String, String> PER_UNITS = Map.of(
            "s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo", "month", "y", "year");

    private PrometheusNaming() {
    }

    /**
     * A Prometheus unit word as UCUM, the other way round of the names above ({@code seconds} →
     * {@code s}, {@code ratio} → {@code 1}); empty for a word that is not one of them.
     */
    public static Optional<String> ucum(String word) {
        return word.equals("ratio") ? Optional.of("1") : key(UNITS, word);
    }

    /** A rate's unit word as UCUM ({@code second} → {@code s}); empty for a word that is not one. */
    public static Optional<String> perUcum(String word) {
        return key(PER_UNITS, word);
    }

    private static Optional<String> key(Map<String, String> units, String word) {
        return word.isEmpty() ? Optional.empty()
                : units.entrySet().stream().filter(e -> e.getValue().equals(word)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * The Prometheus name of metric {@code name}, prefixed with {@code namespace} (when not empty).
     *
     * @param withSuffixes add the unit, {@code _total} and {@code _ratio} suffixes
     * @param utf8Allowed  keep the name's characters; else escape them to {@code _}
     * @throws IllegalArgumentException when nothing but underscores is left of the name
     */
    public static String metricName(String name, String unit, MetricType type, String namespace, boolean withSuffixes,
            boolean utf8Allowed) {
        String built = utf8Allowed ? utf8MetricName(name, unit, type, namespace, withSuffixes)
                : compliantMetricName(name, unit, type, namespace, withSuffixes);
        if (built.isEmpty()) {
            throw new IllegalArgumentException("normalization for metric \"" + name + "\" resulted in empty name");
        }
        if (!utf8Allowed && !built.equals(name) && onlyUnderscores(built)) {
            throw new IllegalArgumentException("normalization for metric \"" + name + "\" resulted in invalid name \"" + built + "\"");
        }
        return built;
    }

    /**
     * The Prometheus name of attribute {@code key}: each character but a letter or digit becomes
     * {@code _} (runs of underscores are kept), and a leading digit gets {@code key_} in front.
     *
     * @throws IllegalArgumentException for an empty key, or one that would be only underscores
     */
    public static String labelName(String key, boolean utf8Allowed) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("label name is empty");
        }
        if (utf8Allowed) {
            if (onlyUnderscores(key)) {
                throw new IllegalArgumentException("label name \"" + key + "\" contains only underscores");
            }
            return key;
        }
        StringBuilder out = new StringBuilder(key.length());
        key.codePoints().forEach(c -> out.append(asciiLetterOrDigit(c) ? (char) c : '_'));
        String sanitized = Character.isDigit(out.charAt(0)) ? "key_" + out : out.toString();
        if (onlyUnderscores(sanitized)) {
            throw new IllegalArgumentException("normalization for label name \"" + key + "\" resulted in invalid name \"" + sanitized + "\"");
        }
        return sanitized;
    }

    /**
     * The words a unit adds to an escaped name: {@code seconds}, {@code bytes_per_second},
     * {@code per_second} for {@code {request}/s}, empty for {@code 1} and annotations.
     */
    public static String unitWords(String unit) {
        String[] words = unitSuffixes(unit);
        String main = cleanUp(words[0]);
        String per = cleanUp(words[1]);
        String joined = !main.isEmpty() && !per.isEmpty() ? main + "_" + per : main.isEmpty() ? per : main;
        if (joined.startsWith("_")) {
            joined = joined.substring(1);
        }
        return joined.endsWith("_") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static String compliantMetricName(String name, String unit, MetricType type, String namespace, boolean withSuffixes) {
        if (withSuffixes) {
            return normalizedName(name, unit, type, namespace);
        }
        String metricName = String.join("_", metricTokens(name, true));
        if (!namespace.isEmpty()) {
            return String.join("_", metricTokens(namespace, true)) + "_" + metricName;
        }
        return !metricName.isEmpty() && Character.isDigit(metricName.charAt(0)) ? "_" + metricName : metricName;
    }

    /** The full normalization: the name's valid runs as tokens, then the unit, {@code total} and {@code ratio} tokens. */
    private static String normalizedName(String name, String unit, MetricType type, String namespace) {
        List<String> tokens = metricTokens(name, false);
        String[] suffixes = unitSuffixes(unit);
        String main = cleanUp(suffixes[0]);
        String per = cleanUp(suffixes[1]);
        if (tokens.contains(main)) {
            main = "";
        }
        if (per.equals("per_")) {
            per = "";
        } else {
            per = trimTrailingUnderscore(per);
            if (tokens.contains(per)) {
                per = "";
            }
        }
        if (!per.isEmpty()) {
            main = trimTrailingUnderscore(main);
        }
        if (!main.isEmpty()) {
            tokens.add(main);
        }
        if (!per.isEmpty()) {
            tokens.add(per);
        }
        if (type == MetricType.MONOTONIC_COUNTER) {
            tokens.removeIf("total"::equals);
            tokens.add("total");
        }
        // otlptranslator adds _ratio to gauges only: some receivers give counters of objects the unit "1".
        if (unit.equals("1") && type == MetricType.GAUGE) {
            tokens.removeIf("ratio"::equals);
            tokens.add("ratio");
        }
        if (!namespace.isEmpty()) {
            tokens.add(0, namespace);
        }
        String normalized = String.join("_", tokens);
        return !normalized.isEmpty() && Character.isDigit(normalized.charAt(0)) ? "_" + normalized : normalized;
    }

    /** With UTF-8 allowed only the suffixes are added, each once, innermost first: unit, per-unit, {@code total}, {@code ratio}. */
    private static String utf8MetricName(String name, String unit, MetricType type, String namespace, boolean withSuffixes) {
        String built = namespace.isEmpty() ? name : namespace + "_" + name;
        if (!withSuffixes) {
            return built;
        }
        boolean ratio = unit.equals("1") && type == MetricType.GAUGE;
        boolean total = type == MetricType.MONOTONIC_COUNTER;
        if (ratio) {
            built = trimSuffix(built, "ratio");
        }
        if (total) {
            built = trimSuffix(built, "total");
        }
        String[] suffixes = unitSuffixes(unit);
        String per = suffixes[1];
        if (!per.isEmpty()) {
            built = trimSuffix(built, per);
        }
        if (!suffixes[0].isEmpty() && !built.endsWith(suffixes[0])) {
            built = built + "_" + suffixes[0];
        }
        if (!per.isEmpty()) {
            built = built + "_" + per;
        }
        if (total) {
            built = built + "_total";
        }
        return ratio ? built + "_ratio" : built;
    }

    private static String trimSuffix(String name, String suffix) {
        return name.endsWith(suffix) && name.length() > suffix.length() + 1 ? name.substring(0, name.length() - suffix.length() - 1) : name;
    }

    /**
     * The runs of valid characters of {@code name}: letters, digits and {@code :}, and {@code _}
     * too when {@code keepUnderscores} (otherwise underscores split, so runs of them collapse).
     */
    private static List<String> metricTokens(String name, boolean keepUnderscores) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (asciiLetterOrDigit(c) || c == ':' || (keepUnderscores && c == '_')) {
                token.appendCodePoint(c);
            } else if (token.length() > 0) {
                tokens.add(token.toString());
                token.setLength(0);
            }
        });
        if (token.length() > 0) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    /** The main unit's and the per-unit's words ({@code per_second}), each empty when absent or an annotation. */
    private static String[] unitSuffixes(String unit) {
        int slash = unit.indexOf('/');
        String mainUnit = (slash < 0 ? unit : unit.substring(0, slash)).strip();
        String main = !mainUnit.isEmpty() && !annotation(mainUnit) ? UNITS.getOrDefault(mainUnit, mainUnit) : "";
        String per = "";
        if (slash >= 0 && slash + 1 < unit.length()) {
            String perUnit = unit.substring(slash + 1).strip();
            if (!perUnit.isEmpty() && !annotation(perUnit)) {
                per = "per_" + PER_UNITS.getOrDefault(perUnit, perUnit);
            }
        }
        return new String[] {main, per};
    }

    private static boolean annotation(String unit) {
        return unit.indexOf('{') >= 0 || unit.indexOf('}') >= 0;
    }

    /** Invalid characters to {@code _}, runs of {@code _} collapsed, a leading one dropped. */
    private static String cleanUp(String unit) {
        StringBuilder out = new StringBuilder(unit.length());
        unit.codePoints().forEach(c -> {
            char replaced = asciiLetterOrDigit(c) || c == ':' ? (char) c : '_';
            if (replaced != '_' || out.length() == 0 || out.charAt(out.length() - 1) != '_') {
                out.append(replaced);
            }
        });
        return out.length() > 0 && out.charAt(0) == '_' ? out.substring(1) : out.toString();
    }

    private static String trimTrailingUnderscore(String text) {
        return text.endsWith("_") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean asciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean onlyUnderscores(String text) {
        return text.chars().allMatch(c -> c == '_');
    }
}
