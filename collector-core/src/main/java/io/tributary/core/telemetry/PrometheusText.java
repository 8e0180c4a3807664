package io.tributary.core.telemetry;

import java.util.HashSet;
import java.util.Set;

/** Rewrites of the Prometheus text exposition for otelcol's reader options. */
final class PrometheusText {
    private static final String TYPE = "# TYPE ";
    private static final String HELP = "# HELP ";
    private static final String TOTAL = "_total";

    private PrometheusText() {
    }

    /**
     * Drops {@code _total} from every counter family's name (HELP, TYPE and samples), as
     * {@code without_type_suffix: true} does for dashboards built against it.
     */
    static String withoutTypeSuffix(String exposition) {
        String[] lines = exposition.split("\n", -1);
        Set<String> counters = new HashSet<>();
        for (String line : lines) {
            if (line.startsWith(TYPE) && line.endsWith(" counter")) {
                String name = line.substring(TYPE.length(), line.length() - " counter".length());
                if (name.endsWith(TOTAL)) {
                    counters.add(name);
                }
            }
        }
        StringBuilder out = new StringBuilder(exposition.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(rewrite(lines[i], counters));
        }
        return out.toString();
    }

    private static String rewrite(String line, Set<String> counters) {
        String prefix = line.startsWith(TYPE) ? TYPE : line.startsWith(HELP) ? HELP : "";
        if (line.startsWith("#") && prefix.isEmpty()) {
            return line;
        }
        int end = nameEnd(line, prefix.length());
        String name = line.substring(prefix.length(), end);
        if (!counters.contains(name)) {
            return line;
        }
        return prefix + name.substring(0, name.length() - TOTAL.length()) + line.substring(end);
    }

    private static int nameEnd(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        return i;
    }
}
