package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerfTableTest {
    @Test
    void eachDaemonGetsItsMedianWithTheRangeAndThePairItsRatio() {
        List<Map<String, String>> runs = new ArrayList<>();
        for (String[] figures : new String[][] {{"8.0", "50000", "170", "1.5", "99.0"}, {"9.0", "40000", "180", "0.5", "99.5"}, {"8.5", "45000", "175", "1.0", "99.2"}}) {
            runs.add(run("gzip", "0", "otelcol", figures));
        }
        for (String[] figures : new String[][] {{"4.4", "90000", "400", "2.0", "99.6"}, {"4.0", "100000", "410", "3.0", "99.1"}, {"5.0", "80000", "420", "4.0", "98.0"}}) {
            runs.add(run("gzip", "0", "tributary", figures));
        }

        assertThat(PerfTable.render(runs).lines()).containsExactly(
                "| Scenario | Load | Daemon | Runs | CPU-µs/span | Spans/s | Peak RSS (MiB) | Idle CPU-ms/s | Exported % of accepted | Failed requests |",
                "|---|---|---|---|---|---|---|---|---|---|",
                "| gzip | saturation | otelcol | 3 | 8.50 (8.00–9.00) | 45,000 (40,000–50,000) | 175 (170–180) | 1.00 (0.50–1.50) | 99.2 (99.0–99.5) | 0 |",
                "| gzip | saturation | tributary | 3 | 4.40 (4.00–5.00) | 90,000 (80,000–100,000) | 410 (400–420) | 3.00 (2.00–4.00) | 99.1 (98.0–99.6) | 0 |",
                "| gzip | saturation | **Tributary / otelcol** | | 0.52 | 2.00 | 2.34 | 3.00 | 1.00 | |");
    }

    @Test
    void rowsKeepTheOrderOfTheirFirstRunAndAnEvenCountTakesTheMeanOfTheMiddleTwo() {
        List<Map<String, String>> runs = List.of(
                run("tail_sampling", "10000", "otelcol", "3.0", "10000", "100", "", "16.0"),
                run("tail_sampling", "10000", "tributary", "6.0", "10000", "300", "", "15.0"),
                run("none", "0", "otelcol", "2.0", "70000", "150", "", ""),
                run("tail_sampling", "10000", "otelcol", "5.0", "10000", "120", "", "18.0"));

        assertThat(PerfTable.render(runs).lines().skip(2)).containsExactly(
                "| tail_sampling | 10,000 spans/s | otelcol | 2 | 4.00 (3.00–5.00) | 10,000 (10,000–10,000) | 110 (100–120) | – | 17.0 (16.0–18.0) | 0 |",
                "| tail_sampling | 10,000 spans/s | tributary | 1 | 6.00 | 10,000 | 300 | – | 15.0 | 0 |",
                "| tail_sampling | 10,000 spans/s | **Tributary / otelcol** | | 1.50 | 1.00 | 2.73 | – | 0.88 | |",
                "| none | saturation | otelcol | 1 | 2.00 | 70,000 | 150 | – | – | 0 |",
                "| none | saturation | tributary | 0 | – | – | – | – | – | 0 |",
                "| none | saturation | **Tributary / otelcol** | | – | – | – | – | – | |");
    }

    @Test
    void failedRequestsAddUpOverTheRuns() {
        Map<String, String> first = new HashMap<>(run("gzip", "0", "tributary", "4.0", "1", "1", "1", "100.0"));
        first.put("failed_requests", "2");
        Map<String, String> second = new HashMap<>(first);
        second.put("failed_requests", "5");

        assertThat(PerfTable.render(List.of(first, second))).contains("| gzip | saturation | tributary | 2 | 4.00 (4.00–4.00) | 1 (1–1) | 1 (1–1) | 1.00 (1.00–1.00) | 100.0 (100.0–100.0) | 7 |");
    }

    private static Map<String, String> run(String scenario, String target, String daemon, String... figures) {
        return Map.of("scenario", scenario, "target_items_per_s", target, "daemon", daemon, "failed_requests", "0",
                "cpu_us_per_item", figures[0], "items_per_s", figures[1], "peak_rss_mib", figures[2], "idle_cpu_ms_per_s", figures[3],
                "exported_percent", figures[4]);
    }
}
