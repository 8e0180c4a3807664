package io.tributary.receiver.prometheus;

import static io.tributary.receiver.prometheus.ScrapeFixture.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.tributary.core.data.Metrics;
import io.tributary.core.net.EventLoops;
import io.tributary.core.telemetry.MetricsServer;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.Await;
import io.tributary.testkit.Executables;
import io.tributary.testkit.LocalPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The receiver on its own schedule (a one-second interval, waited on with a deadline) against
 * real exporters: Tributary's own {@code /metrics}, as the Helm chart's self-scrape reads it,
 * and the Prometheus node exporter.
 */
class PrometheusEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static ScrapeFixture scraping(String job, String target, Telemetry telemetry) {
        return new ScrapeFixture("""
                config:
                  scrape_configs:
                    - job_name: %s
                      scrape_interval: 1s
                      static_configs: [{targets: ['%s']}]
                """.formatted(job, target), name -> null, telemetry);
    }

    /** The metrics of the latest request that has {@code name}, once one has arrived. */
    private static Metric awaitMetric(ScrapeFixture fixture, String name) {
        Await.until(() -> latest(fixture, name).isPresent(), DEADLINE, () -> "no scrape brought " + name + " in " + DEADLINE);
        return latest(fixture, name).orElseThrow();
    }

    private static Optional<Metric> latest(ScrapeFixture fixture, String name) {
        List<Metrics> batches = fixture.consumer.batches();
        for (int i = batches.size() - 1; i >= 0; i--) {
            Metric metric = ScrapeFixture.metrics(batches.get(i)).get(name);
            if (metric != null) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }

    @Test
    void scrapesTributarysOwnMetricsEndpoint() throws Exception {
        EventLoopGroup loops = EventLoops.newGroup(new DefaultThreadFactory("self-scrape", true));
        ExecutorService workers = Executors.newFixedThreadPool(2);
        Telemetry telemetry = new Telemetry();
        DistributionSummary sizes = telemetry.meter("test").histogram("otelcol_test_batch_size", "Sizes of test batches.", "{item}",
                new double[] {10, 100}, Tags.of("processor", "batch"));
        sizes.record(5);
        sizes.record(50);
        sizes.record(500);
        // The receiver reports into the telemetry the endpoint serves, as a collector's self-scrape does.
        MetricsServer server = MetricsServer.start(telemetry, loops, new InetSocketAddress("127.0.0.1", 0), workers);
        try (ScrapeFixture fixture = scraping("opentelemetry-collector", "127.0.0.1:" + server.address().getPort(), telemetry)) {
            fixture.start();

            Metric accepted = awaitMetric(fixture, "otelcol_receiver_accepted_metric_points_total");
            assertThat(accepted.getSum().getIsMonotonic()).isTrue();
            NumberDataPoint point = accepted.getSum().getDataPoints(0);
            assertThat(attributes(point.getAttributesList())).containsEntry("receiver", "prometheus").containsEntry("transport", "http");
            assertThat(point.getAsDouble()).as("the points of the scrapes before").isPositive();

            Metric histogram = awaitMetric(fixture, "otelcol_test_batch_size");
            assertThat(histogram.getDescription()).isEqualTo("Sizes of test batches.");
            HistogramDataPoint buckets = histogram.getHistogram().getDataPoints(0);
            assertThat(buckets.getExplicitBoundsList()).containsExactly(10.0, 100.0);
            assertThat(buckets.getBucketCountsList()).containsExactly(1L, 1L, 1L);
            assertThat(buckets.getCount()).isEqualTo(3);
            assertThat(buckets.getSum()).isEqualTo(555);

            assertThat(awaitMetric(fixture, "up").getGauge().getDataPoints(0).getAsDouble()).isEqualTo(1);
            ResourceMetrics resource = fixture.consumer.batches().get(0).resourceMetrics().get(0);
            assertThat(attributes(resource.getResource().getAttributesList())).containsEntry("service.name", "opentelemetry-collector")
                    .containsEntry("service.instance.id", "127.0.0.1:" + server.address().getPort());
        } finally {
            server.close();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownNow();
        }
    }

    @Test
    void scrapesTheNodeExporter() throws Exception {
        Optional<Path> binary = Executables.onPath("prometheus-node-exporter");
        assumeTrue(binary.isPresent(), "prometheus-node-exporter is not installed");
        int port = LocalPorts.free();
        Process exporter = new ProcessBuilder(binary.get().toString(), "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.cpu", "--collector.loadavg")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (ScrapeFixture fixture = scraping("node", "127.0.0.1:" + port, new Telemetry())) {
            Await.until(() -> listening(port), DEADLINE, () -> "the node exporter does not listen on " + port);
            fixture.start();

            Metric cpu = awaitMetric(fixture, "node_cpu_seconds_total");
            assertThat(cpu.getSum().getIsMonotonic()).isTrue();
            assertThat(cpu.getDescription()).isNotEmpty();
            assertThat(cpu.getSum().getDataPointsList()).allSatisfy(point ->
                    assertThat(attributes(point.getAttributesList())).containsKeys("cpu", "mode").doesNotContainKeys("job", "instance"));
            assertThat(cpu.getSum().getDataPointsList()).extracting(p -> attributes(p.getAttributesList()).get("mode")).contains("idle", "user");

            Metric up = awaitMetric(fixture, "up");
            assertThat(up.getGauge().getDataPoints(0).getAsDouble()).isEqualTo(1);
            Metric load = awaitMetric(fixture, "node_load1");
            assertThat(load.hasGauge()).isTrue();
            Metric gc = awaitMetric(fixture, "go_gc_duration_seconds");
            assertThat(gc.hasSummary()).isTrue();
            Map<String, String> resource = attributes(fixture.consumer.batches().get(0).resourceMetrics().get(0).getResource().getAttributesList());
            assertThat(resource).containsEntry("service.name", "node").containsEntry("server.port", String.valueOf(port));
        } finally {
            exporter.destroy();
            exporter.waitFor();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
