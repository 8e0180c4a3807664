package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpJsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon with {@code metrics} and {@code logs} pipelines {@code otlp → batch → debug, file},
 * fed by the OpenTelemetry SDK's own OTLP metric (gRPC) and log (HTTP) exporters: the debug
 * exporter writes otelcol's count lines and a line per data point and log record, the file
 * exporter one OTLP/JSON request per line into the one file both signals share, and both count
 * what they wrote in {@code /metrics}.
 */
class DebugAndFileMetricsLogsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Attributes ITEMS = Attributes.of(AttributeKey.stringKey("route"), "/items");
    private static final Resource RESOURCE = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop"));

    @TempDir
    Path dir;
    private DaemonHarness daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void sdkMetricsAndLogsReachTheDebugOutputAndTheFile() throws Exception {
        daemon = new DaemonHarness("""
                receivers:
                  otlp:
                    protocols:
                      grpc: {endpoint: 127.0.0.1:0}
                      http: {endpoint: 127.0.0.1:0}
                processors:
                  batch:
                    timeout: 10ms
                exporters:
                  debug:
                    verbosity: normal
                    sampling_initial: 100
                    use_internal_logger: false
                    output_paths:
                      - ${env:DIR}/debug.log
                  file:
                    path: ${env:DIR}/telemetry.json
                    flush_interval: 10ms
                service:
                  pipelines:
                    metrics: {receivers: [otlp], processors: [batch], exporters: [debug, file]}
                    logs: {receivers: [otlp], processors: [batch], exporters: [debug, file]}
                  telemetry:
                    metrics:
                      readers:
                        - pull:
                            exporter:
                              prometheus:
                                host: localhost
                                port: 0
                """, Map.of("DIR", dir.toString()));

        sendMetrics();
        sendLogs();

        Await.until(() -> daemon.metric("otelcol_exporter_sent_metric_points_total", "exporter", "debug") == 3
                && daemon.metric("otelcol_exporter_sent_log_records_total", "exporter", "debug") == 3
                && daemon.metric("otelcol_exporter_sent_metric_points_total", "exporter", "file") == 3
                && daemon.metric("otelcol_exporter_sent_log_records_total", "exporter", "file") == 3, WAIT,
                () -> "every point and record counted as sent by both exporters: "
                        + daemon.scrape().lines().filter(line -> line.startsWith("otelcol_exporter_sent")).toList());

        List<String> debug = Files.readAllLines(dir.resolve("debug.log"));
        assertThat(debug).contains("Metrics\t{\"resource metrics\": 1, \"metrics\": 3, \"data points\": 3}",
                "ResourceMetrics #0 service.name=shop", "ScopeMetrics #0 shop@1.0", "orders{route=/items} 3",
                "temperature{route=/items} 21.5");
        assertThat(debug).anyMatch(line -> line.startsWith("latency{route=/items} count=1 sum=12.5 min=12.5 max=12.5 le0=0 "));
        assertThat(debug).contains("ResourceLog #0 service.name=shop", "cart abandoned items=3", "{\"tries\":2,\"user\":\"u1\"} ",
                "[1.5,true] ");
        assertThat(debug).anyMatch(line -> line.startsWith("Logs\t{\"resource logs\": 1, \"log records\": "));

        Path file = dir.resolve("telemetry.json");
        Await.until(() -> metrics(file).size() == 3 && records(file).size() == 3, WAIT, () -> "every metric and record in the file");
        List<Metric> metrics = metrics(file);
        List<LogRecord> records = records(file);
        assertThat(metrics).extracting(Metric::getName).containsExactlyInAnyOrder("orders", "temperature", "latency");
        assertThat(metrics).filteredOn(metric -> metric.getName().equals("orders")).singleElement()
                .satisfies(orders -> assertThat(orders.getSum().getDataPoints(0).getAsInt()).isEqualTo(3));
        assertThat(records).extracting(record -> record.getBody().getValueCase().name())
                .containsExactlyInAnyOrder("STRING_VALUE", "KVLIST_VALUE", "ARRAY_VALUE");
        assertThat(records).extracting(LogRecord::getSeverityText).contains("WARN");
    }

    /** One export: the reader's last collection at shutdown (a flush before it would export the cumulative points twice). */
    private void sendMetrics() {
        OtlpGrpcMetricExporter exporter = OtlpGrpcMetricExporter.builder()
                .setEndpoint("http://127.0.0.1:" + daemon.receiver("otlp", "grpc").getPort()).build();
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE)
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build()).build();
        Meter meter = provider.meterBuilder("shop").setInstrumentationVersion("1.0").build();
        meter.counterBuilder("orders").build().add(3, ITEMS);
        meter.gaugeBuilder("temperature").build().set(21.5, ITEMS);
        meter.histogramBuilder("latency").build().record(12.5, ITEMS);
        assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).as("the daemon took the metrics").isTrue();
    }

    private void sendLogs() {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint("http://127.0.0.1:" + daemon.receiver("otlp", "http").getPort() + "/v1/logs").build();
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build()) {
            Logger logger = provider.get("shop");
            logger.logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN").setBody("cart abandoned")
                    .setAttribute(AttributeKey.longKey("items"), 3L).emit();
            logger.logRecordBuilder().setSeverity(Severity.INFO)
                    .setBody(Value.of(KeyValue.of("user", Value.of("u1")), KeyValue.of("tries", Value.of(2L)))).emit();
            logger.logRecordBuilder().setSeverity(Severity.ERROR).setBody(Value.of(Value.of(1.5), Value.of(true))).emit();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("the daemon took the logs").isTrue();
        }
    }

    /** Every metric of the metrics requests in the file so far. */
    private static List<Metric> metrics(Path file) {
        return lines(file, "{\"resourceMetrics\"").stream()
                .map(line -> OtlpJsonReader.read(line, ExportMetricsServiceRequest.getDefaultInstance()))
                .flatMap(request -> request.getResourceMetricsList().stream())
                .flatMap(resource -> resource.getScopeMetricsList().stream())
                .flatMap(scope -> scope.getMetricsList().stream()).toList();
    }

    /** Every log record of the logs requests in the file so far. */
    private static List<LogRecord> records(Path file) {
        return lines(file, "{\"resourceLogs\"").stream()
                .map(line -> OtlpJsonReader.read(line, ExportLogsServiceRequest.getDefaultInstance()))
                .flatMap(request -> request.getResourceLogsList().stream())
                .flatMap(resource -> resource.getScopeLogsList().stream())
                .flatMap(scope -> scope.getLogRecordsList().stream()).toList();
    }

    /** The file's lines that start with {@code start}: the requests of one signal (each buffer flush ends with a whole line). */
    private static List<String> lines(Path file, String start) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> line.startsWith(start)).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
