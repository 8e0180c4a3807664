package io.tributary.core.telemetry;

import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites Micrometer's Prometheus text into what otelcol's OpenTelemetry Prometheus exporter
 * writes for the same meters: no {@code <histogram>_max} gauge (Micrometer adds one to every
 * histogram), and, for otelcol's default reader, counters without {@code _total}.
 */
final class PrometheusText {
    private static final String TYPE = "# TYPE ";
    private static final String HELP = "# HELP ";
    private static final String TOTAL = "_total";

    private PrometheusText() {
    }

    static String asOpenTelemetryExporter(String exposition, boolean counterSuffix) {
        String[] lines = exposition.split("\n", -1);
        Set<String> counters = new HashSet<>();
        Set<String> maxima = new HashSet<>();
        for (String line : lines) {
            if (!line.startsWith(TYPE)) {
                continue;
            }
            String[] nameAndType = line.substring(TYPE.length()).split(" ");
            if (nameAndType[1].equals("counter") && nameAndType[0].endsWith(TOTAL) && !counterSuffix) {
                counters.add(nameAndType[0]);
            } else if (nameAndType[1].equals("histogram")) {
                maxima.add(nameAndType[0] + "_max");
            }
        }
        StringBuilder out = new StringBuilder(exposition.length());
        for (String line : lines) {
            String prefix = line.startsWith(TYPE) ? TYPE : line.startsWith(HELP) ? HELP : "";
            if (line.startsWith("#") && prefix.isEmpty()) {
                out.append(line).append('\n');
                continue;
            }
            int end = nameEnd(line, prefix.length());
            String name = line.substring(prefix.length(), end);
            if (maxima.contains(name)) {
                continue;
            }
            if (counters.contains(name)) {
                line = prefix + name.substring(0, name.length() - TOTAL.length()) + line.substring(end);
            }
            out.append(line).append('\n');
        }
        // The split kept the text's final newline as an empty last line.
        return out.substring(0, out.length() - 1);
    }

    private static int nameEnd(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        return i;
    }
}
