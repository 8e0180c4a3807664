package io.tributary.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Tags;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentId;
import io.tributary.core.data.Signal;
import io.tributary.testkit.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exposition against otelcol v0.148.0's own: the expected families and label names below are
 * those of a scrape of otelcol (otlp receiver → batch → debug exporter, two spans posted over
 * OTLP/HTTP) with its default reader and with an explicit Prometheus pull reader.
 */
class TelemetryScrapeTest {
    private static final String EXPLICIT_READER = """
            metrics:
              readers:
                - pull:
                    exporter:
                      prometheus:
                        host: localhost
                        port: 0
            """;
    private static final String SCOPE = "otel_scope_name,otel_scope_schema_url,otel_scope_version";
    private static final String RESOURCE = "service_instance_id,service_name,service_version";
    private static final String COMPONENT_SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/processor/filterprocessor";

    private Telemetry telemetry;

    @AfterEach
    void close() {
        if (telemetry != null) {
            telemetry.close();
        }
    }

    private static TelemetryConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), "service::telemetry",
                TelemetryConfig.class, TelemetryConfig.DEFAULT);
    }

    /** The traffic of the reference run: two spans in over HTTP, one batch out on its timeout, sent by debug. */
    private String scrapeAfterTwoSpans(TelemetryConfig config) {
        telemetry = Telemetry.forService("0.148.0", config);
        telemetry.group().receiver(ComponentId.parse("otlp"), "http").accepted(2);
        telemetry.group().batch(ComponentId.parse("batch"), Signal.TRACES, () -> 1).sentOnTimeout(2);
        telemetry.group().exporter(ComponentId.parse("debug"), Signal.TRACES, null, 0).sent(2);
        return telemetry.scrape();
    }

    /** Each family in the scrape with the label names of its samples (histogram buckets without {@code le}). */
    private static Map<String, String> families(String scrape) {
        Map<String, String> families = new TreeMap<>();
        Matcher type = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(scrape);
        while (type.find()) {
            String family = type.group(1);
            String sampleName = type.group(2).equals("histogram") ? family + "_count" : family;
            Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(sampleName) + "\\{([^}]*)}").matcher(scrape);
            TreeSet<String> labels = new TreeSet<>();
            if (sample.find()) {
                for (String pair : sample.group(1).split(",(?=[a-z_]+=)")) {
                    labels.add(pair.substring(0, pair.indexOf('=')));
                }
            }
            families.put(family, String.join(",", labels));
        }
        return families;
    }

    @Test
    void defaultReaderExposesOtelcolsBareNamesWithTheResourceOnEveryMetric() {
        Map<String, String> families = families(scrapeAfterTwoSpans(TelemetryConfig.DEFAULT));

        assertThat(families).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("otelcol_exporter_sent_spans", "exporter," + RESOURCE),
                Map.entry("otelcol_process_cpu_seconds", RESOURCE),
                Map.entry("otelcol_process_memory_rss", RESOURCE),
                Map.entry("otelcol_process_runtime_heap_alloc_bytes", RESOURCE),
                Map.entry("otelcol_process_runtime_total_alloc_bytes", RESOURCE),
                Map.entry("otelcol_process_runtime_total_sys_memory_bytes", RESOURCE),
                Map.entry("otelcol_process_uptime", RESOURCE),
                Map.entry("otelcol_processor_batch_batch_send_size", "processor," + RESOURCE),
                Map.entry("otelcol_processor_batch_metadata_cardinality", "processor," + RESOURCE),
                Map.entry("otelcol_processor_batch_timeout_trigger_send", "processor," + RESOURCE),
                Map.entry("otelcol_receiver_accepted_spans", "receiver," + RESOURCE + ",transport"),
                Map.entry("otelcol_receiver_failed_spans", "receiver," + RESOURCE + ",transport"),
                Map.entry("otelcol_receiver_refused_spans", "receiver," + RESOURCE + ",transport"),
                Map.entry("target_info", RESOURCE)));
    }

    @Test
    void explicitPrometheusReaderAddsUnitAndTotalSuffixesAndScopeLabels() {
        Map<String, String> families = families(scrapeAfterTwoSpans(config(EXPLICIT_READER)));

        assertThat(families).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("otelcol_exporter_sent_spans_total", "exporter," + SCOPE),
                Map.entry("otelcol_process_cpu_seconds_total", SCOPE),
                Map.entry("otelcol_process_memory_rss_bytes", SCOPE),
                Map.entry("otelcol_process_runtime_heap_alloc_bytes", SCOPE),
                Map.entry("otelcol_process_runtime_total_alloc_bytes_total", SCOPE),
                Map.entry("otelcol_process_runtime_total_sys_memory_bytes", SCOPE),
                Map.entry("otelcol_process_uptime_seconds_total", SCOPE),
                Map.entry("otelcol_processor_batch_batch_send_size", SCOPE + ",processor"),
                Map.entry("otelcol_processor_batch_metadata_cardinality", SCOPE + ",processor"),
                Map.entry("otelcol_processor_batch_timeout_trigger_send_total", SCOPE + ",processor"),
                Map.entry("otelcol_receiver_accepted_spans_total", SCOPE + ",receiver,transport"),
                Map.entry("otelcol_receiver_failed_spans_total", SCOPE + ",receiver,transport"),
                Map.entry("otelcol_receiver_refused_spans_total", SCOPE + ",receiver,transport"),
                Map.entry("target_info", RESOURCE)));
    }

    @Test
    void everyMetricOfTheTableIsNamedOnTheScrapeAsItsEntrySays() {
        telemetry = Telemetry.forService("0.148.0", config(EXPLICIT_READER));
        Telemetry group = telemetry.group();
        group.receiver(ComponentId.parse("otlp"), "grpc").refused(1);
        group.receiver(ComponentId.parse("otlp"), "grpc", Signal.METRICS).refused(1);
        group.receiver(ComponentId.parse("otlp"), "http", Signal.LOGS).accepted(1);
        for (Signal<?> signal : Signal.all()) {
            ProcessorMetrics processor = group.processor(ComponentId.parse("filter"), signal);
            processor.incoming(3);
            processor.outgoing(2);
            processor.dropped(1);
            ExporterMetrics exporter = group.exporter(ComponentId.parse("otlp"), signal, () -> 4, 1000);
            exporter.sendFailed(5);
            exporter.enqueueFailed(6);
        }
        BatchMetrics batch = group.batch(ComponentId.parse("batch"), Signal.TRACES, () -> 1);
        batch.sentOnSize(8192);
        batch.sentOnTimeout(1);
        batch.dropped(1);
        group.receiverRefusedMessages(ComponentId.parse("jaeger"), "udp_thrift_compact", "undecodable").increment();
        group.queueCorruptRecords(ComponentId.parse("otlp"), Signal.TRACES).increment();

        assertThat(families(telemetry.scrape()).keySet()).containsAll(Arrays.stream(SelfMetric.values())
                .map(metric -> metric.prometheusName(true)).toList());
    }

    /**
     * A contrib component's own counter, gauge and histogram through its meter, named after its Go
     * package as otelcol's filter processor's is; otelcol v0.148.0 labels such a series (its
     * {@code otelcol_processor_filter_spans_filtered_total}, {@code otelcol_loadbalancer_num_backends},
     * {@code otelcol_loadbalancer_backend_latency}) with that name and an empty version and schema URL.
     */
    private void recordThroughAComponentMeter() {
        ScopeMeter meter = telemetry.group().meter(COMPONENT_SCOPE);
        meter.counter("otelcol_processor_filter_spans_filtered", "Number of spans dropped by the filter processor", "1",
                Tags.of("filter", "filter")).increment(2);
        meter.gauge("otelcol_component_backends", "Current number of backends.", "{backends}", Tags.empty(), 3, Integer::doubleValue);
        meter.histogram("otelcol_component_latency", "Latency.", "", new double[] {1, 10}, Tags.empty()).record(5);
    }

    @Test
    void explicitReaderLabelsAComponentsOwnMetricsWithItsMetersScope() {
        telemetry = Telemetry.forService("0.148.0", config(EXPLICIT_READER));

        recordThroughAComponentMeter();

        String scrape = telemetry.scrape();
        assertThat(scrape).contains("otelcol_processor_filter_spans_filtered_total{filter=\"filter\",otel_scope_name=\""
                + COMPONENT_SCOPE + "\",otel_scope_schema_url=\"\",otel_scope_version=\"\"} 2.0\n");
        assertThat(families(scrape)).containsEntry("otelcol_component_backends", SCOPE)
                .containsEntry("otelcol_component_latency", SCOPE);
    }

    @Test
    void defaultReaderShowsNoScopeOnAComponentsOwnMetrics() {
        telemetry = Telemetry.forService("0.148.0", TelemetryConfig.DEFAULT);

        recordThroughAComponentMeter();

        String scrape = telemetry.scrape();
        assertThat(scrape).doesNotContain("otel_scope");
        assertThat(families(scrape)).containsEntry("otelcol_processor_filter_spans_filtered", "filter," + RESOURCE)
                .containsEntry("otelcol_component_backends", RESOURCE)
                .containsEntry("otelcol_component_latency", RESOURCE);
    }

    @Test
    void bothWithoutFlagsRemoveTheSuffixesAndResourceConstantLabelsChooseTheLabels() {
        Map<String, String> families = families(scrapeAfterTwoSpans(config("""
                resource:
                  deployment.environment: lab
                metrics:
                  readers:
                    - pull:
                        exporter:
                          prometheus:
                            host: localhost
                            port: 0
                            without_units: true
                            without_type_suffix: true
                            without_scope_info: true
                            with_resource_constant_labels:
                              included: [service.name, deployment.environment]
                """)));

        assertThat(families).containsEntry("otelcol_process_uptime", "deployment_environment,service_name")
                .containsEntry("otelcol_receiver_accepted_spans", "deployment_environment,receiver,service_name,transport")
                .containsEntry("target_info", "deployment_environment," + RESOURCE);
    }

    @Test
    void withoutTypeSuffixAloneKeepsTheSuffixesAsOtelcolDoes() {
        Map<String, String> families = families(scrapeAfterTwoSpans(config("""
                metrics:
                  readers:
                    - pull:
                        exporter:
                          prometheus: {host: localhost, port: 0, without_type_suffix: true}
                """)));

        assertThat(families).containsKey("otelcol_process_uptime_seconds_total");
    }

    @Test
    void recordersOtelcolHasNotRecordedToAreNotShown() {
        scrapeAfterTwoSpans(TelemetryConfig.DEFAULT);

        assertThat(telemetry.scrape()).doesNotContain("otelcol_exporter_send_failed_spans")
                .doesNotContain("otelcol_exporter_enqueue_failed_spans")
                .doesNotContain("otelcol_processor_batch_batch_size_trigger_send")
                .doesNotContain("otelcol_exporter_queue_size");
    }

    @Test
    void resourceSettingsReplaceOrRemoveTheServiceAttributes() {
        telemetry = Telemetry.forService("1.2.3", config("""
                resource:
                  service.name: edge-collector
                  service.instance.id: pod-7
                  service.version: ""
                """));

        assertThat(telemetry.scrape()).contains("target_info{service_instance_id=\"pod-7\",service_name=\"edge-collector\"} 1\n")
                .containsPattern("(?m)^otelcol_process_uptime\\{service_instance_id=\"pod-7\",service_name=\"edge-collector\"}");
    }

    @Test
    void closingAGroupRemovesItsMetersButNotTheSameMetersOfAnotherGroup() {
        telemetry = new Telemetry();
        Telemetry first = telemetry.group();
        Telemetry second = telemetry.group();
        Telemetry other = telemetry.group();
        // The same processor ID in two pipelines: two groups, one shared series.
        first.processor(ComponentId.parse("filter")).incoming(1);
        second.processor(ComponentId.parse("filter")).incoming(2);
        other.processor(ComponentId.parse("filter/other")).incoming(4);
        first.exporter(ComponentId.parse("otlp"), Signal.TRACES, () -> 1, 10);

        first.close();

        assertThat(telemetry.scrape()).contains("otelcol_processor_incoming_items_total{otel_signal=\"traces\",processor=\"filter\"} 3.0")
                .contains("otelcol_processor_incoming_items_total{otel_signal=\"traces\",processor=\"filter/other\"} 4.0")
                .doesNotContain("otelcol_exporter_queue_size");

        second.close();

        assertThat(telemetry.scrape()).doesNotContain("processor=\"filter\"")
                .contains("processor=\"filter/other\"");
    }

    @Test
    void closingTheServiceTelemetryClosesEveryGroup() {
        telemetry = new Telemetry();
        telemetry.group().receiver(ComponentId.parse("otlp"), "grpc").accepted(1);

        telemetry.close();

        assertThat(telemetry.registry().getMeters()).isEmpty();
    }

    @Test
    void uptimeAndCpuTimeKeepCountingAfterAGarbageCollection() {
        telemetry = Telemetry.forService("1.2.3", TelemetryConfig.DEFAULT);
        System.gc(); // function meters whose state the registry holds weakly would read NaN or 0 now

        assertThat(sample("otelcol_process_uptime{")).isGreaterThan(0);
        assertThat(sample("otelcol_process_cpu_seconds{")).isGreaterThan(0);
    }

    @Test
    void queueGaugesKeepReadingTheirSuppliersAfterAGarbageCollection() {
        telemetry = new Telemetry();
        int[] size = {7};
        telemetry.exporter(ComponentId.parse("otlp"), Signal.TRACES, () -> size[0], 1000);
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
        telemetry = Telemetry.forService("1.2.3", TelemetryConfig.DEFAULT);

        assertThat(sample("otelcol_process_memory_rss{")).isGreaterThan(0);
    }

    /** otelcol's default shape has counters without {@code _total}, which the linter flags in otelcol's own scrape too. */
    @Test
    void explicitReaderScrapePassesPromtool(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Executables.onPath("promtool").isPresent(), "promtool is not installed");
        scrapeAfterTwoSpans(config(EXPLICIT_READER));
        telemetry.group().batch(ComponentId.parse("batch"), Signal.TRACES, () -> 1).sentOnSize(8192);
        Path scrape = Files.writeString(dir.resolve("scrape.prom"), telemetry.scrape());

        Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                .redirectInput(scrape.toFile()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
    }
}
