package io.tributary.receiver.prometheus;

import static io.tributary.receiver.prometheus.ScrapeFixture.attributes;
import static io.tributary.receiver.prometheus.ScrapeFixture.gauge;
import static io.tributary.receiver.prometheus.ScrapeFixture.inOrder;
import static io.tributary.receiver.prometheus.ScrapeFixture.metric;
import static io.tributary.receiver.prometheus.ScrapeFixture.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Metrics;
import io.tributary.receiver.LogCapture;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.PrometheusScrape;
import io.tributary.testkit.TestHttpServer;
import io.tributary.testkit.TestHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real scrapes of an in-test HTTP server serving hand-written expositions, each run when the
 * test says at a time of a manual clock: what otelcol's prometheusreceiver would hand on.
 */
class PrometheusScrapeTest {
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final long SCRAPE_NANOS = ManualClock.START.toEpochMilli() * 1_000_000L;

    private final AtomicReference<Reply> reply = new AtomicReference<>(Reply.of(200));
    private final TestHttpServer server = TestHttpServer.start("/", request -> reply.get());
    private ScrapeFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
        server.close();
    }

    private void serve(String contentType, String body) {
        reply.set(new Reply(200, contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    private String target() {
        return server.url().substring("http://".length());
    }

    /** A receiver with one job scraping the test server, with {@code more} keys in the scrape config. */
    private ScrapeFixture receiver(String more) {
        fixture = new ScrapeFixture("""
                config:
                  scrape_configs:
                    - job_name: app
                      scrape_interval: 1h
                      static_configs:
                        - targets: ['%s']
                %s
                """.formatted(target(), more.indent(6)));
        return fixture;
    }

    @Test
    void textExpositionBecomesOtelcolsMetricsWithTheScrapeReport() {
        serve(TEXT, """
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027
                http_requests_total{method="post",code="400"} 3
                # HELP temperature_celsius Current temperature.
                # TYPE temperature_celsius gauge
                temperature_celsius{room="lab"} 21.5
                # TYPE request_duration_seconds histogram
                request_duration_seconds_bucket{le="0.5"} 8
                request_duration_seconds_bucket{le="0.1"} 5
                request_duration_seconds_bucket{le="+Inf"} 10
                request_duration_seconds_sum 3.25
                request_duration_seconds_count 10
                # TYPE rpc_seconds summary
                rpc_seconds{quantile="0.99"} 0.3
                rpc_seconds{quantile="0.5"} 0.05
                rpc_seconds_sum 12
                rpc_seconds_count 100
                untyped_thing 7
                """);
        Metrics scraped = receiver("").scrape();

        assertThat(scraped.resourceMetrics()).hasSize(1);
        ResourceMetrics resource = scraped.resourceMetrics().get(0);
        String port = target().substring(target().indexOf(':') + 1);
        assertThat(attributes(resource.getResource().getAttributesList())).containsExactlyEntriesOf(inOrder(
                "service.name", "app", "service.instance.id", target(), "server.port", port, "url.scheme", "http"));
        assertThat(resource.getScopeMetricsList()).singleElement().satisfies(scope -> {
            assertThat(scope.getScope().getName()).isEqualTo("github.com/open-telemetry/opentelemetry-collector-contrib/receiver/prometheusreceiver");
            assertThat(scope.getScope().getVersion()).isNotEmpty();
        });

        Metric counter = metric(scraped, "http_requests_total");
        assertThat(counter.getDescription()).isEqualTo("The total number of HTTP requests.");
        assertThat(attributes(counter.getMetadataList())).containsExactlyEntriesOf(Map.of("prometheus.type", "counter"));
        assertThat(counter.getSum().getIsMonotonic()).isTrue();
        assertThat(counter.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        assertThat(counter.getSum().getDataPointsList()).extracting(NumberDataPoint::getAsDouble).containsExactly(1027.0, 3.0);
        NumberDataPoint first = counter.getSum().getDataPoints(0);
        assertThat(attributes(first.getAttributesList())).containsExactlyEntriesOf(inOrder("code", "200", "method", "post"));
        assertThat(first.getTimeUnixNano()).isEqualTo(SCRAPE_NANOS);
        assertThat(first.getStartTimeUnixNano()).as("otelcol v0.148 sets no start time without _created").isZero();

        Metric temperature = metric(scraped, "temperature_celsius");
        assertThat(temperature.getGauge().getDataPoints(0).getAsDouble()).isEqualTo(21.5);
        assertThat(attributes(temperature.getGauge().getDataPoints(0).getAttributesList())).containsExactlyEntriesOf(Map.of("room", "lab"));

        Metric histogram = metric(scraped, "request_duration_seconds");
        assertThat(histogram.getHistogram().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        HistogramDataPoint point = histogram.getHistogram().getDataPoints(0);
        assertThat(point.getExplicitBoundsList()).containsExactly(0.1, 0.5);
        assertThat(point.getBucketCountsList()).containsExactly(5L, 3L, 2L);
        assertThat(point.getCount()).isEqualTo(10);
        assertThat(point.getSum()).isEqualTo(3.25);
        assertThat(point.getAttributesList()).isEmpty();

        SummaryDataPoint summary = metric(scraped, "rpc_seconds").getSummary().getDataPoints(0);
        assertThat(summary.getQuantileValuesList()).extracting(SummaryDataPoint.ValueAtQuantile::getQuantile).containsExactly(0.5, 0.99);
        assertThat(summary.getQuantileValuesList()).extracting(SummaryDataPoint.ValueAtQuantile::getValue).containsExactly(0.05, 0.3);
        assertThat(summary.getCount()).isEqualTo(100);
        assertThat(summary.getSum()).isEqualTo(12);

        Metric untyped = metric(scraped, "untyped_thing");
        assertThat(untyped.getGauge().getDataPoints(0).getAsDouble()).isEqualTo(7);
        assertThat(attributes(untyped.getMetadataList())).containsEntry("prometheus.type", "unknown");

        assertThat(gauge(scraped, "up")).isEqualTo(1);
        assertThat(metric(scraped, "up").getDescription()).isEqualTo("The scraping was successful");
        assertThat(gauge(scraped, "scrape_samples_scraped")).isEqualTo(13);
        assertThat(gauge(scraped, "scrape_samples_post_metric_relabeling")).isEqualTo(13);
        assertThat(gauge(scraped, "scrape_series_added")).isEqualTo(13);
        assertThat(metric(scraped, "scrape_duration_seconds").getUnit()).isEqualTo("s");
        assertThat(gauge(scraped, "scrape_duration_seconds")).isPositive();
        assertThat(attributes(metric(scraped, "up").getGauge().getDataPoints(0).getAttributesList())).isEmpty();
        assertThat(scraped.dataPointCount()).isEqualTo(2 + 1 + 1 + 1 + 1 + 5);

        assertThat(gauge(fixture.scrape(), "scrape_series_added")).as("nothing new the second time").isZero();
    }

    @Test
    void asksForOpenMetricsFirstAsPrometheusDoes() {
        serve(TEXT, "x 1\n");
        receiver("").scrape();

        TestHttpServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/metrics");
        assertThat(request.header("Accept")).isEqualTo("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
        assertThat(request.header("Accept-Encoding")).isEqualTo("gzip");
        assertThat(request.header("X-Prometheus-Scrape-Timeout-Seconds")).isEqualTo("10");
        assertThat(request.header("User-Agent")).startsWith("tributary/");
    }

    @Test
    void openMetricsCountersTakeTheirStartTimeFromCreatedAndCarryExemplars() {
        serve(OPENMETRICS, """
                # TYPE rpc_duration_seconds counter
                # UNIT rpc_duration_seconds seconds
                # HELP rpc_duration_seconds Time spent.
                rpc_duration_seconds_total{path="/a"} 17 # {trace_id="5b8efff798038103d269b633813fc60c",span_id="eee19b7ec3c1b174",user="x"} 0.25 1700000000.5
                rpc_duration_seconds_created{path="/a"} 1600000000.25
                # TYPE build info
                build_info{version="1.2"} 1
                # TYPE feature stateset
                feature{feature="a"} 1
                feature{feature="b"} 0
                # TYPE latency histogram
                latency_bucket{le="1"} 2 # {trace_id="0abc"} 0.5
                latency_bucket{le="+Inf"} 3
                latency_count 3
                latency_sum 4
                latency_created 1600000000
                # EOF
                """);
        Metrics scraped = receiver("").scrape();

        Metric counter = metric(scraped, "rpc_duration_seconds_total");
        assertThat(counter.getUnit()).isEqualTo("s");
        assertThat(counter.getDescription()).isEqualTo("Time spent.");
        NumberDataPoint point = counter.getSum().getDataPoints(0);
        assertThat(point.getAsDouble()).isEqualTo(17);
        assertThat(point.getStartTimeUnixNano()).isEqualTo(1_600_000_000_250_000_000L);
        assertThat(counter.getSum().getDataPointsCount()).as("_created is no point of its own").isOne();
        Exemplar exemplar = point.getExemplars(0);
        assertThat(HexFormat.of().formatHex(exemplar.getTraceId().toByteArray())).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(HexFormat.of().formatHex(exemplar.getSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b174");
        assertThat(attributes(exemplar.getFilteredAttributesList())).containsExactlyEntriesOf(Map.of("user", "x"));
        assertThat(exemplar.getAsDouble()).isEqualTo(0.25);
        assertThat(exemplar.getTimeUnixNano()).isEqualTo(1_700_000_000_500_000_000L);

        Metric info = metric(scraped, "build");
        assertThat(info.getSum().getIsMonotonic()).isFalse();
        assertThat(attributes(info.getSum().getDataPoints(0).getAttributesList())).containsEntry("version", "1.2");
        assertThat(metric(scraped, "feature").getSum().getDataPointsCount()).isEqualTo(2);

        HistogramDataPoint histogram = metric(scraped, "latency").getHistogram().getDataPoints(0);
        assertThat(histogram.getStartTimeUnixNano()).isEqualTo(1_600_000_000_000_000_000L);
        assertThat(histogram.getBucketCountsList()).containsExactly(2L, 1L);
        Exemplar short64 = histogram.getExemplars(0);
        assertThat(HexFormat.of().formatHex(short64.getTraceId().toByteArray())).as("a short ID is right-aligned")
                .isEqualTo("0000000000000000000000000000" + "0abc");
        assertThat(short64.getTimeUnixNano()).as("no timestamp of its own: the sample's").isEqualTo(SCRAPE_NANOS);
    }

    @Test
    void timestampsOfTheExpositionAreHonoredUnlessTurnedOff() {
        serve(TEXT, "a 1 1500000000000\n");
        assertThat(metric(receiver("").scrape(), "a").getGauge().getDataPoints(0).getTimeUnixNano()).isEqualTo(1_500_000_000_000_000_000L);
        fixture.close();

        assertThat(metric(receiver("honor_timestamps: false").scrape(), "a").getGauge().getDataPoints(0).getTimeUnixNano())
                .isEqualTo(SCRAPE_NANOS);
    }

    @Test
    void aSeriesThatDisappearsGetsOnePointWithoutRecordedValue() {
        serve(TEXT, "# TYPE requests_total counter\nrequests_total{path=\"/a\"} 1\nrequests_total{path=\"/b\"} 2\n");
        ScrapeFixture receiver = receiver("");
        receiver.scrape();

        serve(TEXT, "# TYPE requests_total counter\nrequests_total{path=\"/a\"} 3\n");
        Metrics second = receiver.scrape();

        List<NumberDataPoint> points = metric(second, "requests_total").getSum().getDataPointsList();
        assertThat(points).hasSize(2);
        assertThat(points.get(0).getAsDouble()).isEqualTo(3);
        NumberDataPoint stale = points.get(1);
        assertThat(attributes(stale.getAttributesList())).containsEntry("path", "/b");
        assertThat(stale.getFlags()).as("no recorded value").isEqualTo(1);
        assertThat(stale.getValueCase()).isEqualTo(NumberDataPoint.ValueCase.VALUE_NOT_SET);

        assertThat(metric(receiver.scrape(), "requests_total").getSum().getDataPointsList()).as("marked stale once").hasSize(1);
    }

    @Test
    void aTargetThatGoesDownReportsUpZeroAndItsSeriesStale() {
        serve(TEXT, "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\ng 5\n");
        ScrapeFixture receiver = receiver("");
        receiver.scrape();

        reply.set(Reply.of(503));
        Metrics failed;
        try (LogCapture logs = new LogCapture()) {
            failed = receiver.scrape();
            assertThat(logs.warnings()).anyMatch(message -> message.equals("Failed to scrape Prometheus endpoint"));
        }

        assertThat(gauge(failed, "up")).isZero();
        assertThat(gauge(failed, "scrape_samples_scraped")).isZero();
        assertThat(metric(failed, "g").getGauge().getDataPoints(0).getFlags()).isEqualTo(1);
        HistogramDataPoint stale = metric(failed, "h").getHistogram().getDataPoints(0);
        assertThat(stale.getFlags()).isEqualTo(1);
        assertThat(stale.getBucketCountsList()).containsExactly(0L, 0L);
        assertThat(stale.getCount()).isZero();

        server.close();
        Metrics unreachable = receiver.scrape();
        assertThat(gauge(unreachable, "up")).isZero();
        assertThat(names(unreachable)).as("nothing left to mark stale").doesNotContain("g", "h");
    }

    @Test
    void anExpositionThatDoesNotParseFailsTheScrape() {
        serve(TEXT, "good 1\nbad{ 1\n");
        Metrics scraped = receiver("").scrape();

        assertThat(gauge(scraped, "up")).isZero();
        assertThat(names(scraped)).doesNotContain("good");
    }

    @Test
    void openMetricsWithoutEofFailsTheScrape() {
        serve(OPENMETRICS, "good 1\n");

        assertThat(gauge(receiver("").scrape(), "up")).isZero();
    }

    @Test
    void aResponseWithoutContentTypeIsReadAsTheTextFormat() {
        serve(null, "good 1\n");

        assertThat(gauge(receiver("").scrape(), "good")).isEqualTo(1);
    }

    @Test
    void targetRelabelingSetsLabelsAndDropsTargets() {
        serve(TEXT, "a{x=\"1\"} 1\n");
        ScrapeFixture receiver = receiver("""
                relabel_configs:
                  - target_label: env
                    replacement: prod
                  - source_labels: [__address__]
                    regex: '(.+):(\\d+)'
                    target_label: port
                    replacement: p$2
                """);
        Metrics scraped = receiver.scrape();
        String port = target().substring(target().indexOf(':') + 1);

        assertThat(attributes(metric(scraped, "a").getGauge().getDataPoints(0).getAttributesList()))
                .containsExactlyEntriesOf(inOrder("env", "prod", "port", "p" + port, "x", "1"));
        assertThat(attributes(metric(scraped, "up").getGauge().getDataPoints(0).getAttributesList()))
                .containsExactlyEntriesOf(inOrder("env", "prod", "port", "p" + port));
        fixture.close();

        assertThat(receiver("relabel_configs: [{source_labels: [job], regex: app, action: drop}]").receiver.loops()).isEmpty();
    }

    @Test
    void metricRelabelingDropsAndRewritesSamples() {
        serve(TEXT, "keep_me{a=\"1\",secret=\"s\",src_x=\"t\"} 1\ndrop_me 2\nx_count{shard=\"b\"} 3\n");
        Metrics scraped = receiver("""
                metric_relabel_configs:
                  - source_labels: [__name__]
                    regex: drop_.*
                    action: drop
                  - regex: secret
                    action: labeldrop
                  - regex: src_(.+)
                    action: labelmap
                  - source_labels: [__name__]
                    target_label: bucket
                    modulus: 10
                    action: hashmod
                """).scrape();

        assertThat(names(scraped)).contains("keep_me", "x_count").doesNotContain("drop_me");
        assertThat(attributes(metric(scraped, "keep_me").getGauge().getDataPoints(0).getAttributesList()))
                .containsOnlyKeys("a", "src_x", "x", "bucket").containsEntry("x", "t");
        assertThat(gauge(scraped, "scrape_samples_scraped")).isEqualTo(3);
        assertThat(gauge(scraped, "scrape_samples_post_metric_relabeling")).isEqualTo(2);
    }

    @Test
    void relabelTemplatesSurviveTheConfigsEnvironmentExpansionWhenEscaped() {
        serve(TEXT, "a{x=\"val\"} 1\n");
        Metrics scraped = receiver("""
                metric_relabel_configs:
                  - source_labels: [x]
                    regex: (v)(.*)
                    target_label: y
                    replacement: $$1-$${2}-$2
                """).scrape();

        assertThat(attributes(metric(scraped, "a").getGauge().getDataPoints(0).getAttributesList())).containsEntry("y", "v-al-al");
    }

    @Test
    void exposedLabelsThatClashWithTargetLabelsBecomeExportedUnlessHonored() {
        serve(TEXT, "a{job=\"other\",instance=\"i\"} 1\n");
        Metrics scraped = receiver("").scrape();

        assertThat(attributes(metric(scraped, "a").getGauge().getDataPoints(0).getAttributesList()))
                .containsExactlyEntriesOf(inOrder("exported_instance", "i", "exported_job", "other"));
        fixture.close();

        Metrics honored = receiver("honor_labels: true").scrape();
        assertThat(honored.resourceMetrics()).hasSize(2);
        assertThat(attributes(honored.resourceMetrics().get(0).getResource().getAttributesList()))
                .containsEntry("service.name", "other").containsEntry("service.instance.id", "i");
    }

    @Test
    void targetInfoBecomesResourceAttributesAndScopeLabelsAScope() {
        serve(TEXT, """
                target_info{k8s_pod_name="pod-1",deployment_environment="prod"} 1
                otel_scope_info{otel_scope_name="lib",otel_scope_version="2.0",tier="x"} 1
                a{otel_scope_name="lib",otel_scope_version="2.0"} 1
                """);
        ResourceMetrics resource = receiver("").scrape().resourceMetrics().get(0);

        assertThat(attributes(resource.getResource().getAttributesList())).containsEntry("k8s_pod_name", "pod-1")
                .containsEntry("deployment_environment", "prod").containsEntry("service.name", "app");
        assertThat(resource.getScopeMetricsList()).anySatisfy(scope -> {
            assertThat(scope.getScope().getName()).isEqualTo("lib");
            assertThat(scope.getScope().getVersion()).isEqualTo("2.0");
            assertThat(attributes(scope.getScope().getAttributesList())).containsExactlyEntriesOf(Map.of("tier", "x"));
            assertThat(scope.getMetricsList()).extracting(Metric::getName).containsExactly("a");
        });
    }

    @Test
    void staticAndExternalLabelsGoOnEverySample() {
        serve(TEXT, "a 1\n");
        fixture = new ScrapeFixture("""
                config:
                  global:
                    external_labels: {cluster: c1}
                  scrape_configs:
                    - job_name: app
                      static_configs:
                        - targets: ['%s']
                          labels: {team: core}
                """.formatted(target()));
        Metrics scraped = fixture.scrape();

        assertThat(attributes(metric(scraped, "a").getGauge().getDataPoints(0).getAttributesList()))
                .containsExactlyEntriesOf(inOrder("cluster", "c1", "team", "core"));
        assertThat(attributes(metric(scraped, "up").getGauge().getDataPoints(0).getAttributesList()))
                .containsExactlyEntriesOf(inOrder("cluster", "c1", "team", "core"));
    }

    @Test
    void overTheSampleLimitTheScrapeFails() {
        serve(TEXT, "a 1\nb 2\nc 3\n");
        Metrics scraped = receiver("sample_limit: 2").scrape();

        assertThat(gauge(scraped, "up")).isZero();
        assertThat(names(scraped)).doesNotContain("a", "b", "c");
        assertThat(gauge(scraped, "scrape_samples_scraped")).isEqualTo(3);
    }

    @Test
    void aRepeatedSeriesIsKeptOnce() {
        serve(TEXT, "a 1\na 2\n");
        Metrics scraped = receiver("").scrape();

        assertThat(metric(scraped, "a").getGauge().getDataPointsList()).extracting(NumberDataPoint::getAsDouble).containsExactly(1.0);
        assertThat(gauge(scraped, "up")).isEqualTo(1);
    }

    @Test
    void extraScrapeMetricsWhenAskedFor() {
        serve(TEXT, "a 1\n");
        Metrics scraped = receiver("extra_scrape_metrics: true\nsample_limit: 100").scrape();

        assertThat(gauge(scraped, "scrape_timeout_seconds")).isEqualTo(10);
        assertThat(gauge(scraped, "scrape_sample_limit")).isEqualTo(100);
        assertThat(gauge(scraped, "scrape_body_size_bytes")).isEqualTo(4);
    }

    @Test
    void trimMetricSuffixesRemovesTotalAndUnit() {
        serve(OPENMETRICS, "# TYPE io_bytes counter\n# UNIT io_bytes bytes\nio_bytes_total 1\n# EOF\n");
        fixture = new ScrapeFixture("""
                trim_metric_suffixes: true
                config:
                  scrape_configs:
                    - job_name: app
                      static_configs: [{targets: ['%s']}]
                """.formatted(target()));

        Metric metric = metric(fixture.scrape(), "io");
        assertThat(metric.getUnit()).isEqualTo("By");
    }

    @Test
    void countsAcceptedPointsAsOtelcolsReceiverHelperDoes() {
        serve(TEXT, "a 1\nb 2\n");
        ScrapeFixture receiver = receiver("");
        Metrics scraped = receiver.scrape();

        PrometheusScrape self = PrometheusScrape.parse(receiver.telemetry.scrape());
        assertThat(self.sum("otelcol_receiver_accepted_metric_points_total", Map.of("receiver", "prometheus", "transport", "http")))
                .isEqualTo(scraped.dataPointCount());
        assertThat(self.sum("otelcol_receiver_refused_metric_points_total", Map.of("receiver", "prometheus", "transport", "http"))).isZero();

        receiver.consumer.failWith(() -> new RetryableException("full"));
        receiver.receiver.loops().get(0).scrape(receiver.clock.instant()).join();
        assertThat(PrometheusScrape.parse(receiver.telemetry.scrape())
                .sum("otelcol_receiver_refused_metric_points_total", Map.of("receiver", "prometheus", "transport", "http")))
                .isEqualTo(scraped.dataPointCount());
    }

    @Test
    void metricsPathAndParamsMakeTheUrl() throws Exception {
        fixture = receiver("""
                metrics_path: /probe
                params: {module: [http_2xx], target: ['a b']}
                relabel_configs: [{target_label: __param_target, replacement: 'x&y'}]
                """);

        assertThat(fixture.receiver.loops().get(0).target().url())
                .hasToString("http://" + target() + "/probe?module=http_2xx&target=x%26y");
        serve(TEXT, "a 1\n");
        fixture.scrape();
        assertThat(server.requests().get(0).path()).isEqualTo("/probe");
    }

    @Test
    void gzipBodiesAreInflated() throws Exception {
        HttpServer gzipServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gzipServer.createContext("/metrics", exchange -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write("zipped 42\n".getBytes(StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.getResponseHeaders().set("Content-Type", TEXT);
            exchange.sendResponseHeaders(200, bytes.size());
            exchange.getResponseBody().write(bytes.toByteArray());
            exchange.close();
        });
        gzipServer.start();
        try {
            fixture = new ScrapeFixture("config: {scrape_configs: [{job_name: z, static_configs: [{targets: ['localhost:%d']}]}]}"
                    .formatted(gzipServer.getAddress().getPort()));
            assertThat(gauge(fixture.scrape(), "zipped")).isEqualTo(42);
        } finally {
            gzipServer.stop(0);
        }
    }
}
