package io.tributary.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The side-by-side table of {@code compat/perf.sh}: reads the {@code result.properties} of every
 * run under a directory (written by {@code bench/run-load.sh}, plus the {@code scenario} perf.sh
 * adds) and prints, per scenario and load, each daemon's median with the range in brackets and
 * the Tributary / otelcol ratio of the medians, as markdown. Scenarios and loads keep the order
 * of their first run (directory names sort in run order).
 *
 * <pre>java -cp bench/target/tributary-bench.jar io.tributary.bench.PerfTable bench/results/&lt;time&gt;-perf</pre>
 */
public final class PerfTable {
    private static final String OTELCOL = "otelcol";
    private static final String TRIBUTARY = "tributary";

    /** A column: the result key, its heading, and the decimals it is printed with. */
    private record Metric(String key, String heading, int decimals) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("cpu_us_per_item", "CPU-µs/span", 2),
            new Metric("items_per_s", "Spans/s", 0),
            new Metric("peak_rss_mib", "Peak RSS (MiB)", 0),
            new Metric("idle_cpu_ms_per_s", "Idle CPU-ms/s", 2),
            new Metric("exported_percent", "Exported % of accepted", 1));

    private PerfTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PerfTable <directory holding one result.properties per run>");
            System.exit(2);
        }
        List<Map<String, String>> runs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(args[0]), 2)) {
            for (Path file : files.filter(f -> f.endsWith("result.properties")).sorted().toList()) {
                runs.add(read(file));
            }
        }
        System.out.print(render(runs));
    }

    private static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> run = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> run.put(key, properties.getProperty(key)));
        return run;
    }

    /** The markdown table of these runs. */
    static String render(List<Map<String, String>> runs) {
        Map<String, Map<String, List<Map<String, String>>>> byRow = new LinkedHashMap<>();
        for (Map<String, String> run : runs) {
            String row = run.get("scenario") + " | " + load(run.get("target_items_per_s"));
            byRow.computeIfAbsent(row, r -> new LinkedHashMap<>())
                    .computeIfAbsent(run.get("daemon"), d -> new ArrayList<>())
                    .add(run);
        }
        StringBuilder table = new StringBuilder("| Scenario | Load | Daemon | Runs |");
        METRICS.forEach(m -> table.append(' ').append(m.heading()).append(" |"));
        table.append(" Failed requests |\n|---|---|---|---|");
        METRICS.forEach(m -> table.append("---|"));
        table.append("---|\n");
        byRow.forEach((row, byDaemon) -> {
            for (String daemon : List.of(OTELCOL, TRIBUTARY)) {
                List<Map<String, String>> daemonRuns = byDaemon.getOrDefault(daemon, List.of());
                table.append("| ").append(row).append(" | ").append(daemon).append(" | ").append(daemonRuns.size()).append(" |");
                METRICS.forEach(m -> table.append(' ').append(medianAndRange(values(daemonRuns, m.key()), m.decimals())).append(" |"));
                long failed = daemonRuns.stream().mapToLong(r -> Long.parseLong(r.getOrDefault("failed_requests", "0"))).sum();
                table.append(' ').append(failed).append(" |\n");
            }
            table.append("| ").append(row).append(" | **Tributary / otelcol** | |");
            METRICS.forEach(m -> table.append(' ').append(ratio(
                    values(byDaemon.getOrDefault(TRIBUTARY, List.of()), m.key()),
                    values(byDaemon.getOrDefault(OTELCOL, List.of()), m.key()))).append(" |"));
            table.append(" |\n");
        });
        return table.toString();
    }

    private static String load(String targetSpansPerSecond) {
        long target = Long.parseLong(targetSpansPerSecond);
        return target == 0 ? "saturation" : String.format(Locale.ROOT, "%,d spans/s", target);
    }

    /** The runs' values of one figure; runs without it (e.g. no idle measurement) are left out. */
    private static List<Double> values(List<Map<String, String>> runs, String key) {
        return runs.stream()
                .map(r -> r.getOrDefault(key, ""))
                .filter(v -> !v.isEmpty())
                .map(Double::valueOf)
                .sorted()
                .toList();
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String medianAndRange(List<Double> sorted, int decimals) {
        if (sorted.isEmpty()) {
            return "–";
        }
        String median = number(median(sorted), decimals);
        if (sorted.size() == 1) {
            return median;
        }
        return median + " (" + number(sorted.get(0), decimals) + "–" + number(sorted.get(sorted.size() - 1), decimals) + ")";
    }

    private static String ratio(List<Double> tributary, List<Double> otelcol) {
        if (tributary.isEmpty() || otelcol.isEmpty() || median(otelcol) == 0) {
            return "–";
        }
        return number(median(tributary) / median(otelcol), 2);
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
