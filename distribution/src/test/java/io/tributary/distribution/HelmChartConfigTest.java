package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigNode;
import io.tributary.core.component.ComponentId;
import io.tributary.core.service.Components;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.PrometheusScrape;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The configs the OpenTelemetry Helm chart renders by default (the corpus's {@code helm-*-default.yaml}),
 * run unchanged with the environment the chart's pod spec gives the container, the pod's IP being
 * loopback: every receiver at the chart's fixed port, SDK traces, metrics and logs counted by the
 * {@code debug} exporter in the collector's log, the health check answering, and the
 * {@code prometheus} receiver scraping the collector's own {@code :8888}. Then the deployment's
 * config as the chart renders it for values that send to an OTLP backend instead of {@code debug}:
 * everything sent arrives there.
 */
class HelmChartConfigTest {
    private static final String POD_IP = PodAddress.IP;
    /** The variables the chart's pod spec sets from the downward API. */
    static final Map<String, String> POD_ENV = Map.of("MY_POD_IP", POD_IP, "OTEL_K8S_POD_IP", POD_IP,
            "OTEL_K8S_NODE_IP", POD_IP, "OTEL_K8S_NODE_NAME", "node-1", "OTEL_K8S_NAMESPACE", "observability",
            "OTEL_K8S_POD_NAME", "collector-0");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Two scrapes of the chart's self-scrape job, 10 s apart, and the first one's random offset. */
    private static final Duration TWO_SCRAPES = Duration.ofSeconds(45);
    private static final Resource RESOURCE = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop"));
    private static final InetSocketAddress SELF_METRICS = new InetSocketAddress(POD_IP, 8888);

    /**
     * What values setting {@code config.exporters.otlp} and each pipeline's {@code exporters: [otlp]}
     * make the chart render: Helm merges maps and replaces lists, as {@code --config} files merge,
     * so {@code debug} stays defined, unused.
     */
    private static final String OTLP_INSTEAD_OF_DEBUG = """
            exporters:
              otlp:
                endpoint: ${env:BACKEND}
                tls:
                  insecure: true
            service:
              pipelines:
                traces: {exporters: [otlp]}
                metrics: {exporters: [otlp]}
                logs: {exporters: [otlp]}
            """;

    private final ListAppender<ILoggingEvent> debugLog = new ListAppender<>();
    private final Logger debugLogger = (Logger) LoggerFactory.getLogger("io.tributary.exporter.debug");

    @BeforeEach
    void captureTheDebugExportersLog() {
        debugLog.start();
        debugLogger.addAppender(debugLog);
    }

    @AfterEach
    void stopCapturing() {
        debugLogger.detachAppender(debugLog);
    }

    @ParameterizedTest
    @ValueSource(strings = {"helm-daemonset-default.yaml", "helm-deployment-default.yaml"})
    void theChartsDefaultConfigRunsUnchanged(String file) throws Exception {
        try (DaemonHarness daemon = new DaemonHarness(Files.readString(corpus(file)), POD_ENV)) {
            assertThat(daemon.service().receiverAddresses().get(ComponentId.parse("otlp")))
                    .containsEntry("grpc", address(4317)).containsEntry("http", address(4318));
            assertThat(daemon.service().receiverAddresses().get(ComponentId.parse("jaeger")))
                    .containsEntry("grpc", address(14250)).containsEntry("thrift_http", address(14268))
                    .containsEntry("thrift_compact", address(6831));
            assertThat(daemon.service().receiverAddresses().get(ComponentId.parse("zipkin"))).containsValue(address(9411));
            assertThat(DaemonHarness.get(address(13133), "/").statusCode()).as("the chart's probes").isEqualTo(200);

            sendSpans();
            sendZipkinSpan();
            sendMetrics();
            sendLogs();

            Await.until(() -> logged("Traces", "spans") == 4 && logged("Logs", "log records") == 2, WAIT,
                    () -> "the debug exporter logged 3 SDK spans, 1 Zipkin span and 2 log records: " + debugEvents());
            // The self-scrape feeds the metrics pipeline too: every point either receiver took is logged.
            Await.until(() -> {
                PrometheusScrape scrape = PrometheusScrape.parse(DaemonHarness.scrape(SELF_METRICS));
                double accepted = accepted(scrape, "otlp") + accepted(scrape, "prometheus");
                return accepted(scrape, "otlp") == 3 && logged("Metrics", "data points") == accepted;
            }, WAIT, () -> "the debug exporter logged every accepted data point: " + debugEvents());

            DoubleSupplier scraped = () -> accepted(PrometheusScrape.parse(DaemonHarness.scrape(SELF_METRICS)), "prometheus");
            Await.until(() -> scraped.getAsDouble() > 0, TWO_SCRAPES, () -> "no self-scrape");
            double first = scraped.getAsDouble();
            Await.until(() -> scraped.getAsDouble() > first, TWO_SCRAPES, () -> "no second self-scrape after " + first + " points");

            assertThat(PrometheusScrape.parse(daemon.scrape()).families().get("target_info").samples().get(0).labels())
                    .as("the chart's service::telemetry::resource").containsEntry("k8s_pod_name", "collector-0")
                    .containsEntry("host_name", "node-1").containsEntry("k8s_namespace_name", "observability");
        }
    }

    @Test
    void withOtlpInsteadOfDebugEverySpanPointAndRecordSentArrives() throws Exception {
        try (OtlpBackend backend = OtlpBackend.start()) {
            Map<String, String> env = new HashMap<>(POD_ENV);
            env.put("BACKEND", backend.endpoint());
            ConfigNode config = ConfigLoader.load(List.of(corpus("helm-deployment-default.yaml").toString(), "yaml:" + OTLP_INSTEAD_OF_DEBUG),
                    List.of(), env::get);
            try (DaemonHarness daemon = new DaemonHarness(config, Components.discover())) {
                sendSpans();
                sendZipkinSpan();
                sendMetrics();
                sendLogs();

                Await.until(() -> backend.spanCount() == 4 && backend.logRecordCount() == 2 && metrics(backend, "shop").size() == 3
                        && !metrics(backend, "opentelemetry-collector").isEmpty(), TWO_SCRAPES,
                        () -> "4 spans, 2 log records, the 3 SDK metrics and the self-scrape at the backend: " + backend.spanCount()
                                + " spans, " + backend.logRecordCount() + " records, " + backend.resourceMetrics());
            }
            assertThat(backend.spans()).extracting(Span::getName)
                    .containsExactlyInAnyOrder("list items", "add to cart", "checkout", "zipkin span");
            Map<String, Metric> shop = metrics(backend, "shop").stream().collect(Collectors.toMap(Metric::getName, metric -> metric));
            assertThat(shop.get("orders").getSum().getDataPointsList()).singleElement()
                    .satisfies(point -> assertThat(point.getAsInt()).isEqualTo(3));
            assertThat(shop.get("temperature").getGauge().getDataPointsList()).singleElement()
                    .satisfies(point -> assertThat(point.getAsDouble()).isEqualTo(21.5));
            assertThat(shop.get("latency").getHistogram().getDataPointsList()).singleElement()
                    .satisfies(point -> assertThat(point.getSum()).isEqualTo(12.5));
            List<LogRecord> records = backend.resourceLogs().stream().flatMap(resource -> resource.getScopeLogsList().stream())
                    .flatMap(scope -> scope.getLogRecordsList().stream()).toList();
            assertThat(records).extracting(record -> record.getBody().getStringValue(), LogRecord::getSeverityNumberValue)
                    .containsExactlyInAnyOrder(tuple("cart abandoned", Severity.WARN.getSeverityNumber()),
                            tuple("order placed", Severity.INFO.getSeverityNumber()));
            assertThat(metrics(backend, "opentelemetry-collector")).extracting(Metric::getName)
                    .as("the self-scrape's job as service.name").anyMatch(name -> name.startsWith("otelcol_receiver_accepted_"));
        }
    }

    /** The metrics of the resources whose {@code service.name} is {@code service}. */
    private static List<Metric> metrics(OtlpBackend backend, String service) {
        return backend.resourceMetrics().stream()
                .filter(resource -> resource.getResource().getAttributesList().stream()
                        .anyMatch(attribute -> attribute.getKey().equals("service.name")
                                && attribute.getValue().getStringValue().equals(service)))
                .flatMap(resource -> resource.getScopeMetricsList().stream())
                .flatMap(scope -> scope.getMetricsList().stream()).toList();
    }

    private static Path corpus(String file) throws Exception {
        return Path.of(HelmChartConfigTest.class.getResource("/corpus/" + file).toURI());
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress(POD_IP, port);
    }

    private static String url(int port) {
        return "http://" + POD_IP + ":" + port;
    }

    private static double accepted(PrometheusScrape scrape, String receiver) {
        return scrape.sum("otelcol_receiver_accepted_metric_points_total", Map.of("receiver", receiver));
    }

    /** What the debug exporter logged so far: a copy taken under the lock its appends hold. */
    private List<ILoggingEvent> debugEvents() {
        synchronized (debugLog) {
            return List.copyOf(debugLog.list);
        }
    }

    /** The sum of count {@code field} over the debug exporter's {@code message} lines (its basic verbosity). */
    private int logged(String message, String field) {
        return debugEvents().stream().filter(event -> event.getFormattedMessage().equals(message))
                .flatMap(event -> event.getKeyValuePairs().stream())
                .filter(pair -> pair.key.equals(field))
                .mapToInt(pair -> (Integer) pair.value).sum();
    }

    private static void sendSpans() {
        DaemonHarness.send(OtlpGrpcSpanExporter.builder().setEndpoint(url(4317)).build(), RESOURCE.getAttributes(), tracer -> {
            for (String name : new String[] {"list items", "add to cart", "checkout"}) {
                tracer.spanBuilder(name).startSpan().end();
            }
        });
    }

    /** A Zipkin v2 JSON span, as an application instrumented with Zipkin posts it to the chart's 9411. */
    private static void sendZipkinSpan() throws Exception {
        String span = """
                [{"traceId":"5b8efff798038103d269b633813fc60c","id":"eee19b7ec3c1b174","name":"zipkin span",
                "timestamp":1700000000000000,"duration":1000,"localEndpoint":{"serviceName":"legacy"}}]""";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(9411) + "/api/v2/spans"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(span)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /api/v2/spans").isEqualTo(202);
    }

    /** One export, at the reader's shutdown: a counter, a gauge and a histogram, a point each. */
    private static void sendMetrics() {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(url(4318) + "/v1/metrics").build();
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE)
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build()).build();
        Meter meter = provider.get("shop");
        meter.counterBuilder("orders").build().add(3);
        meter.gaugeBuilder("temperature").build().set(21.5);
        meter.histogramBuilder("latency").build().record(12.5);
        assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).as("the daemon took the metrics").isTrue();
    }

    private static void sendLogs() {
        OtlpGrpcLogRecordExporter exporter = OtlpGrpcLogRecordExporter.builder().setEndpoint(url(4317)).build();
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build()) {
            provider.get("shop").logRecordBuilder().setSeverity(Severity.WARN).setBody("cart abandoned").emit();
            provider.get("shop").logRecordBuilder().setSeverity(Severity.INFO).setBody("order placed").emit();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("the daemon took the logs").isTrue();
        }
    }
}
