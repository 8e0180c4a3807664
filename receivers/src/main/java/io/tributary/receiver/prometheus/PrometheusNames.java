package io.tributary.receiver.prometheus;

import io.tributary.core.telemetry.PrometheusNaming;
import java.util.Arrays;
import java.util.List;

/**
 * Metric names and units between Prometheus and OpenTelemetry, as otelcol's Prometheus
 * translator writes them: family names without their sample suffixes, units as UCUM, and the
 * suffixes {@code trim_metric_suffixes} removes.
 */
final class PrometheusNames {
    /** The suffixes a sample name may carry beyond its family's name, in the order they are tried. */
    private static final List<String> SAMPLE_SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_info", "_created");
    private PrometheusNames() {
    }

    /** {@code name} without the first sample suffix it ends with ({@code x_bucket} → {@code x}); a bare suffix stays. */
    static String familyName(String name) {
        for (String suffix : SAMPLE_SUFFIXES) {
            if (name.endsWith(suffix) && !name.equals(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** A Prometheus unit word as UCUM: {@code seconds} → {@code s}, {@code meters_per_second} → {@code m/s}; others as written. */
    static String ucum(String unit) {
        int per = unit.indexOf("_per_");
        if (per < 0) {
            return PrometheusNaming.ucum(unit).orElse(unit);
        }
        String perUnit = unit.substring(per + "_per_".length());
        String base = PrometheusNaming.ucum(unit.substring(0, per)).orElse(unit.substring(0, per));
        return perUnit.isEmpty() ? base : base + "/" + PrometheusNaming.perUcum(perUnit).orElse(perUnit);
    }

    /** {@code trim_metric_suffixes}: a counter's {@code _total}, then the unit's words, off the end of the name. */
    static String trimSuffixes(String name, boolean counter, String unit) {
        String[] tokens = name.split("_", -1);
        if (tokens.length == 1) {
            return name;
        }
        int length = tokens.length;
        if (counter && tokens[length - 1].equals("total")) {
            length--;
        }
        String[] unitTokens = unit.split("_", -1);
        if (length > unitTokens.length) {
            boolean suffixed = true;
            for (int i = 0; i < unitTokens.length; i++) {
                if (!tokens[length - i - 1].equals(unitTokens[unitTokens.length - i - 1])) {
                    suffixed = false;
                    break;
                }
            }
            if (suffixed) {
                length -= unitTokens.length;
            }
        }
        return String.join("_", Arrays.copyOf(tokens, length));
    }
}
