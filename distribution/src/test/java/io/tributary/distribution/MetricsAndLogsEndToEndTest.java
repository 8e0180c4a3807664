package io.tributary.distribution;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.OtlpHttpBackend;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry SDK's metrics and logs, over OTLP/gRPC and OTLP/HTTP, through Tributary
 * ({@code otlp → memory_limiter → batch → otlp, otlphttp}) to in-test backends. Each SDK export
 * also goes straight to a reference backend, so what each backend received through the daemon is
 * compared, parsed as protobuf, with what the SDK sent; the fields that matter are then checked
 * one by one, so the comparison cannot pass on data that lacks them.
 */
class MetricsAndLogsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long SDK_SECONDS = 10;
    private static final String SCOPE = "io.tributary.e2e";
    private static final String SCOPE_VERSION = "4.5.6";
    private static final Resource RESOURCE = Resource.create(Attributes.of(stringKey("service.name"), "billing",
            stringKey("host.name"), "node-7"));

    private final OtlpBackend grpcBackend = OtlpBackend.start();
    private final OtlpHttpBackend httpBackend = OtlpHttpBackend.start();
    /** What the SDK sent, straight from it. */
    private final OtlpBackend reference = OtlpBackend.start();
    /** Spans whose context the measurements and log records are made in; recorded (the SDK does not start spans nobody processes), sent nowhere. */
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }))
            .build();
    private DaemonHarness daemon;

    @BeforeEach
    void boot() throws Exception {
        daemon = new DaemonHarness("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:0
                      http:
                        endpoint: 127.0.0.1:0
                processors:
                  memory_limiter:
                    check_interval: 1s
                    limit_percentage: 100
                    spike_limit_percentage: 1
                  batch:
                    timeout: 50ms
                    send_batch_size: 20
                exporters:
                  otlp/grpc:
                    endpoint: %s
                    tls:
                      insecure: true
                  otlphttp:
                    endpoint: %s
                service:
                  pipelines:
                    metrics:
                      receivers: [otlp]
                      processors: [memory_limiter, batch]
                      exporters: [otlp/grpc, otlphttp]
                    logs:
                      receivers: [otlp]
                      processors: [memory_limiter, batch]
                      exporters: [otlp/grpc, otlphttp]
                  telemetry:
                    metrics:
                      address: 127.0.0.1:0
                """.formatted(grpcBackend.endpoint(), httpBackend.url()));
    }

    @AfterEach
    void tearDown() {
        daemon.close();
        tracing.shutdown();
        grpcBackend.close();
        httpBackend.close();
        reference.close();
    }

    @Test
    void everyDataPointOfEveryMetricTypeArrivesIntactOverGrpcCumulativeAndHttpDelta() {
        SpanContext grpcSpan = recordMetrics(OtlpGrpcMetricExporter.builder()
                .setEndpoint(url(daemon.receiver("otlp", "grpc"))).build());
        SpanContext httpSpan = recordMetrics(OtlpHttpMetricExporter.builder()
                .setEndpoint(url(daemon.receiver("otlp", "http")) + "/v1/metrics")
                .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred()).build());

        int points = Metrics.of(reference.resourceMetrics()).dataPointCount();
        grpcBackend.awaitDataPoints(points, WAIT);
        httpBackend.awaitDataPoints(points, WAIT);
        assertThat(grpcBackend.resourceMetrics()).containsExactlyInAnyOrderElementsOf(reference.resourceMetrics());
        assertThat(httpBackend.resourceMetrics()).containsExactlyInAnyOrderElementsOf(reference.resourceMetrics());
        assertThat(httpBackend.metricsRequests()).allSatisfy(request -> assertThat(request.path()).isEqualTo("/v1/metrics"));

        List<ResourceMetrics> arrived = grpcBackend.resourceMetrics();
        assertThat(arrived).allSatisfy(resource -> {
            assertThat(resource.getResource().getAttributesList()).extracting(kv -> kv.getKey() + "=" + kv.getValue().getStringValue())
                    .contains("service.name=billing", "host.name=node-7");
            // The SDK reports metrics of its own under its own scope beside ours.
            assertThat(resource.getScopeMetricsList()).anySatisfy(scope -> {
                assertThat(scope.getScope().getName()).isEqualTo(SCOPE);
                assertThat(scope.getScope().getVersion()).isEqualTo(SCOPE_VERSION);
            });
        });
        Map<AggregationTemporality, List<Metric>> requestsBySdkTemporality = metrics(arrived, "requests").stream()
                .collect(Collectors.groupingBy(metric -> metric.getSum().getAggregationTemporality()));
        assertThat(requestsBySdkTemporality).containsOnlyKeys(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        Metric requests = requestsBySdkTemporality.get(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).get(0);
        assertThat(requests.getSum().getIsMonotonic()).isTrue();
        assertThat(requests.getUnit()).isEqualTo("{request}");
        assertThat(requests.getDescription()).isEqualTo("requests served");
        assertThat(requests.getSum().getDataPointsList()).extracting(point -> point.getAttributes(0).getValue().getStringValue()
                + "=" + point.getAsInt()).containsExactlyInAnyOrder("/a=3", "/b=2");
        assertThat(requests.getSum().getDataPoints(0).getExemplarsList()).isNotEmpty().allSatisfy(exemplar -> {
            assertThat(hex(exemplar.getTraceId())).isIn(grpcSpan.getTraceId(), httpSpan.getTraceId());
            assertThat(hex(exemplar.getSpanId())).isIn(grpcSpan.getSpanId(), httpSpan.getSpanId());
        });
        assertThat(metrics(arrived, "inflight")).allSatisfy(inflight -> {
            assertThat(inflight.getSum().getIsMonotonic()).isFalse();
            assertThat(inflight.getSum().getDataPoints(0).getAsInt()).isEqualTo(3);
        });
        assertThat(metrics(arrived, "temperature")).allSatisfy(gauge ->
                assertThat(gauge.getGauge().getDataPoints(0).getAsDouble()).isEqualTo(21.5));
        assertThat(metrics(arrived, "latency")).allSatisfy(histogram -> {
            assertThat(histogram.getHistogram().getDataPoints(0).getCount()).isEqualTo(2);
            assertThat(histogram.getHistogram().getDataPoints(0).getSum()).isEqualTo(262.5);
            assertThat(histogram.getHistogram().getDataPoints(0).getExplicitBoundsCount()).isPositive();
        });
        assertThat(metrics(arrived, "latency.exp")).isNotEmpty().allSatisfy(histogram -> {
            var point = histogram.getExponentialHistogram().getDataPoints(0);
            assertThat(point.getCount()).isEqualTo(3);
            assertThat(point.getPositive().getBucketCountsList()).isNotEmpty();
        }).anySatisfy(histogram -> assertThat(histogram.getExponentialHistogram().getDataPoints(0).getExemplarsCount())
                .as("exemplars of the export that followed the measurements").isPositive());

        assertThat(daemon.metric("otelcol_receiver_accepted_metric_points", "receiver", "otlp")).isEqualTo(points);
        assertThat(daemon.metric("otelcol_processor_incoming_items", "processor", "batch", "otel_signal", "metrics"))
                .as("batch is not built on processorhelper").isZero();
        assertThat(daemon.metric("otelcol_processor_incoming_items", "processor", "memory_limiter", "otel_signal", "metrics"))
                .isEqualTo(points);
        assertThat(daemon.metric("otelcol_processor_memory_limiter_accepted_metric_points", "processor", "memory_limiter"))
                .isEqualTo(points);
        assertThat(daemon.metric("otelcol_exporter_sent_metric_points", "exporter", "otlp/grpc")).isEqualTo(points);
        assertThat(daemon.metric("otelcol_exporter_sent_metric_points", "exporter", "otlphttp")).isEqualTo(points);
        assertThat(daemon.scrape()).contains("otelcol_exporter_queue_capacity{data_type=\"metrics\",exporter=\"otlp/grpc\"")
                .doesNotContain("data_type=\"traces\"");
    }

    @Test
    void everyLogRecordArrivesWithItsSeverityBodyAttributesAndTraceOverGrpcAndHttp() {
        SpanContext grpcSpan = recordLogs(OtlpGrpcLogRecordExporter.builder().setEndpoint(url(daemon.receiver("otlp", "grpc"))).build());
        SpanContext httpSpan = recordLogs(OtlpHttpLogRecordExporter.builder()
                .setEndpoint(url(daemon.receiver("otlp", "http")) + "/v1/logs").build());

        int records = Logs.of(reference.resourceLogs()).logRecordCount();
        assertThat(records).as("six records, twice, over each transport").isEqualTo(24);
        grpcBackend.awaitLogRecords(records, WAIT);
        httpBackend.awaitLogRecords(records, WAIT);
        assertThat(grpcBackend.resourceLogs()).containsExactlyInAnyOrderElementsOf(reference.resourceLogs());
        assertThat(httpBackend.resourceLogs()).containsExactlyInAnyOrderElementsOf(reference.resourceLogs());
        assertThat(httpBackend.logsRequests()).allSatisfy(request -> assertThat(request.path()).isEqualTo("/v1/logs"));

        List<ResourceLogs> arrived = httpBackend.resourceLogs();
        assertThat(arrived).allSatisfy(resource -> assertThat(resource.getScopeLogsList()).allSatisfy(scope -> {
            assertThat(scope.getScope().getName()).isEqualTo(SCOPE);
            assertThat(scope.getScope().getVersion()).isEqualTo(SCOPE_VERSION);
        }));
        Map<String, LogRecord> byKind = arrived.stream().flatMap(r -> r.getScopeLogsList().stream())
                .flatMap(s -> s.getLogRecordsList().stream())
                .filter(record -> hex(record.getSpanId()).equals(grpcSpan.getSpanId()))
                .collect(Collectors.toMap(record -> attribute(record, "kind"), Function.identity(), (first, second) -> first));
        assertThat(byKind).as("records of the span %s in %s", grpcSpan.getSpanId(), arrived)
                .containsOnlyKeys("string", "int", "double", "map", "array", "bytes");
        LogRecord text = byKind.get("string");
        assertThat(text.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
        assertThat(text.getSeverityText()).isEqualTo("WARN");
        assertThat(text.getBody().getStringValue()).isEqualTo("disk almost full");
        assertThat(text.getTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(hex(text.getTraceId())).isEqualTo(grpcSpan.getTraceId());
        assertThat(attribute(text, "disk")).isEqualTo("/dev/sda");
        assertThat(byKind.get("int").getBody().getIntValue()).isEqualTo(42);
        assertThat(byKind.get("int").getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
        assertThat(byKind.get("double").getBody().getDoubleValue()).isEqualTo(2.5);
        assertThat(byKind.get("map").getBody().getKvlistValue().getValuesList())
                .extracting(kv -> kv.getKey() + "=" + describe(kv.getValue())).containsExactlyInAnyOrder("user=ada", "admin=true");
        assertThat(byKind.get("array").getBody().getArrayValue().getValuesList())
                .extracting(MetricsAndLogsEndToEndTest::describe).containsExactly("a", "1");
        assertThat(byKind.get("bytes").getBody().getBytesValue()).isEqualTo(ByteString.copyFrom(new byte[] {1, 2, 3}));
        assertThat(arrived.stream().flatMap(r -> r.getScopeLogsList().stream()).flatMap(s -> s.getLogRecordsList().stream())
                .map(record -> hex(record.getSpanId()))).containsOnly(grpcSpan.getSpanId(), httpSpan.getSpanId());

        assertThat(daemon.metric("otelcol_receiver_accepted_log_records", "receiver", "otlp")).isEqualTo(records);
        assertThat(daemon.metric("otelcol_processor_outgoing_items", "processor", "memory_limiter", "otel_signal", "logs"))
                .isEqualTo(records);
        assertThat(daemon.metric("otelcol_exporter_sent_log_records", "exporter", "otlp/grpc")).isEqualTo(records);
        assertThat(daemon.metric("otelcol_exporter_sent_log_records", "exporter", "otlphttp")).isEqualTo(records);
        assertThat(daemon.metric("otelcol_exporter_send_failed_log_records")).isZero();
        assertThat(daemon.scrape()).contains("otelcol_exporter_queue_size{data_type=\"logs\",exporter=\"otlphttp\"");
    }

    /**
     * Records one of every metric type, exemplars on (measurements inside a span), and exports
     * them through {@code toDaemon} and to the reference; returns the span.
     */
    private SpanContext recordMetrics(MetricExporter toDaemon) {
        SdkMeterProvider meters = SdkMeterProvider.builder()
                .setResource(RESOURCE)
                .setExemplarFilter(ExemplarFilter.alwaysOn())
                .registerView(InstrumentSelector.builder().setName("latency.exp").build(),
                        View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
                .registerMetricReader(PeriodicMetricReader.builder(new BothMetricExporters(toDaemon,
                        OtlpGrpcMetricExporter.builder().setEndpoint("http://" + reference.endpoint()).build()))
                        .setInterval(Duration.ofHours(1)).build())
                .build();
        Meter meter = meters.meterBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
        LongCounter requests = meter.counterBuilder("requests").setUnit("{request}").setDescription("requests served").build();
        LongUpDownCounter inflight = meter.upDownCounterBuilder("inflight").build();
        DoubleHistogram latency = meter.histogramBuilder("latency").setUnit("ms").build();
        DoubleHistogram latencyExp = meter.histogramBuilder("latency.exp").build();
        meter.gaugeBuilder("temperature").buildWithCallback(gauge -> gauge.record(21.5, Attributes.of(stringKey("room"), "a")));
        Span span = tracing.get("test").spanBuilder("work").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            requests.add(3, Attributes.of(stringKey("route"), "/a"));
            requests.add(2, Attributes.of(stringKey("route"), "/b"));
            inflight.add(5);
            inflight.add(-2);
            latency.record(12.5);
            latency.record(250);
            latencyExp.record(0.5);
            latencyExp.record(7);
            latencyExp.record(300);
        } finally {
            span.end();
        }
        try {
            assertThat(meters.forceFlush().join(SDK_SECONDS, TimeUnit.SECONDS).isSuccess()).as("the daemon accepted every export").isTrue();
        } finally {
            meters.shutdown().join(SDK_SECONDS, TimeUnit.SECONDS);
        }
        return span.getSpanContext();
    }

    /** Emits six log records, one body type each, inside a span, twice; returns the span. */
    private SpanContext recordLogs(LogRecordExporter toDaemon) {
        SdkLoggerProvider logs = SdkLoggerProvider.builder()
                .setResource(RESOURCE)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(new BothLogExporters(toDaemon,
                        OtlpGrpcLogRecordExporter.builder().setEndpoint("http://" + reference.endpoint()).build())).build())
                .build();
        Logger logger = logs.loggerBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
        Span span = tracing.get("test").spanBuilder("work").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            for (int round = 0; round < 2; round++) {
                logger.logRecordBuilder().setAttribute(stringKey("kind"), "string").setAttribute(stringKey("disk"), "/dev/sda")
                        .setSeverity(Severity.WARN).setSeverityText("WARN").setBody("disk almost full")
                        .setTimestamp(1_700_000_000L, TimeUnit.SECONDS).emit();
                logger.logRecordBuilder().setAttribute(stringKey("kind"), "int").setSeverity(Severity.INFO).setBody(Value.of(42L)).emit();
                logger.logRecordBuilder().setAttribute(stringKey("kind"), "double").setBody(Value.of(2.5)).emit();
                logger.logRecordBuilder().setAttribute(stringKey("kind"), "map")
                        .setBody(Value.of(Map.of("user", Value.of("ada"), "admin", Value.of(true)))).emit();
                logger.logRecordBuilder().setAttribute(stringKey("kind"), "array").setBody(Value.of(Value.of("a"), Value.of(1L))).emit();
                logger.logRecordBuilder().setAttribute(stringKey("kind"), "bytes").setBody(Value.of(new byte[] {1, 2, 3})).emit();
            }
        } finally {
            span.end();
        }
        try {
            assertThat(logs.forceFlush().join(SDK_SECONDS, TimeUnit.SECONDS).isSuccess()).as("the daemon accepted every export").isTrue();
        } finally {
            logs.shutdown().join(SDK_SECONDS, TimeUnit.SECONDS);
        }
        return span.getSpanContext();
    }

    /** The metrics named {@code name} that have data points (a delta export after no new measurements has none). */
    private static List<Metric> metrics(List<ResourceMetrics> resources, String name) {
        return resources.stream().flatMap(r -> r.getScopeMetricsList().stream()).flatMap(s -> s.getMetricsList().stream())
                .filter(metric -> metric.getName().equals(name))
                .filter(metric -> Metrics.of(List.of(ResourceMetrics.newBuilder().addScopeMetrics(
                        io.opentelemetry.proto.metrics.v1.ScopeMetrics.newBuilder().addMetrics(metric)).build())).dataPointCount() > 0)
                .toList();
    }

    private static String attribute(LogRecord record, String key) {
        return record.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue())
                .findFirst().orElse(null);
    }

    private static String describe(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case INT_VALUE -> String.valueOf(value.getIntValue());
            default -> value.toString();
        };
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    private static String url(java.net.InetSocketAddress address) {
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    /** Exports each collection to the daemon and to the reference, answering as the daemon did. */
    private record BothMetricExporters(MetricExporter daemon, MetricExporter reference) implements MetricExporter {
        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            reference.export(metrics).join(SDK_SECONDS, TimeUnit.SECONDS);
            return daemon.export(metrics);
        }

        @Override
        public io.opentelemetry.sdk.metrics.data.AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return daemon.getAggregationTemporality(type);
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofAll(List.of(daemon.flush(), reference.flush()));
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofAll(List.of(daemon.shutdown(), reference.shutdown()));
        }
    }

    /** As {@link BothMetricExporters}, for log records. */
    private record BothLogExporters(LogRecordExporter daemon, LogRecordExporter reference) implements LogRecordExporter {
        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
            reference.export(logs).join(SDK_SECONDS, TimeUnit.SECONDS);
            return daemon.export(logs);
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofAll(List.of(daemon.flush(), reference.flush()));
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofAll(List.of(daemon.shutdown(), reference.shutdown()));
        }
    }
}
