package io.tributary.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.core.component.ComponentId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryScrapeTest {
    private final Telemetry telemetry = Telemetry.forService("1.2.3", Map.of());

    @AfterEach
    void close() {
        telemetry.close();
    }

    @Test
    void receiverCounterCarriesItsLabelsAndTheServiceLabels() {
        telemetry.receiver(ComponentId.parse("otlp"), "grpc").accepted(3);

        assertThat(telemetry.scrape()).containsPattern(
                "(?m)^otelcol_receiver_accepted_spans_total\\{receiver=\"otlp\",service_instance_id=\"[0-9a-f-]{36}\","
                        + "service_name=\"tributary\",service_version=\"1.2.3\",transport=\"grpc\"} 3\\.0$");
    }

    @Test
    void resourceSettingsOverrideTheServiceLabels() {
        Telemetry named = Telemetry.forService("1.2.3", Map.of("service.name", "edge-collector", "service.instance.id", "pod-7"));
        try {
            named.receiver(ComponentId.parse("otlp"), "http").accepted(1);

            assertThat(named.scrape()).contains("otelcol_receiver_accepted_spans_total{receiver=\"otlp\",service_instance_id=\"pod-7\","
                    + "service_name=\"edge-collector\",service_version=\"1.2.3\",transport=\"http\"} 1.0");
        } finally {
            named.close();
        }
    }

    @Test
    void processMetricsAreRegistered() {
        String scrape = telemetry.scrape();

        assertThat(scrape).containsPattern("(?m)^otelcol_process_uptime_total\\{")
                .containsPattern("(?m)^otelcol_process_cpu_seconds_total\\{")
                .containsPattern("(?m)^otelcol_process_memory_rss\\{")
                .containsPattern("(?m)^otelcol_process_runtime_total_alloc_bytes_total\\{")
                .containsPattern("(?m)^otelcol_process_runtime_heap_alloc_bytes\\{")
                .containsPattern("(?m)^otelcol_process_runtime_total_sys_memory_bytes\\{")
                .containsPattern("(?m)^jvm_memory_used_bytes\\{")
                .containsPattern("(?m)^jvm_threads_live_threads\\{");
    }

    @Test
    void uptimeAndCpuTimeKeepCountingAfterAGarbageCollection() {
        System.gc(); // function meters whose state the registry holds weakly would read NaN or 0 now

        assertThat(sample("otelcol_process_uptime_total{")).isGreaterThan(0);
        assertThat(sample("otelcol_process_cpu_seconds_total{")).isGreaterThan(0);
    }

    @Test
    void queueGaugesKeepReadingTheirSuppliersAfterAGarbageCollection() {
        int[] size = {7};
        telemetry.exporter(ComponentId.parse("otlp"), () -> size[0], 1000);
        System.gc(); // a gauge whose supplier the registry held weakly would now read NaN

        assertThat(sample("otelcol_exporter_queue_size{")).isEqualTo(7);
        assertThat(sample("otelcol_exporter_queue_capacity{")).isEqualTo(1000);
    }

    private double sample(String prefix) {
        String line = telemetry.scrape().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void residentMemoryIsReadFromProcfs() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/statm")), "no procfs here");

        assertThat(sample("otelcol_process_memory_rss{")).isGreaterThan(0);
    }

    @Test
    void withoutTypeSuffixDropsTotalFromCounters() {
        telemetry.receiver(ComponentId.parse("otlp"), "grpc").accepted(3);

        String scrape = PrometheusText.withoutTypeSuffix(telemetry.scrape());

        assertThat(scrape).contains("# TYPE otelcol_receiver_accepted_spans counter")
                .containsPattern("(?m)^otelcol_receiver_accepted_spans\\{receiver=\"otlp\",.*} 3\\.0$")
                .doesNotContain("otelcol_receiver_accepted_spans_total")
                .containsPattern("(?m)^otelcol_process_memory_rss\\{");
    }

    @Test
    void scrapePassesPromtool(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(onPath("promtool"), "promtool is not installed");
        telemetry.receiver(ComponentId.parse("otlp"), "grpc").accepted(3);
        telemetry.exporter(ComponentId.parse("otlp"), () -> 0, 1000).sent(3);
        telemetry.batch(ComponentId.parse("batch")).sentOnSize(8192);
        Path scrape = Files.writeString(dir.resolve("scrape.prom"), telemetry.scrape());

        Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                .redirectInput(scrape.toFile()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
