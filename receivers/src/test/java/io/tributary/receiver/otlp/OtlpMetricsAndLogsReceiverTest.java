package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.rpc.Status;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenTelemetry Java SDK's own OTLP metric and log exporters, over gRPC and HTTP, into an
 * {@code otlp} receiver listed by metrics and logs pipelines: what arrives is exactly what the
 * SDK encoded, and bad input gets the answers traces get.
 */
class OtlpMetricsAndLogsReceiverTest {
    private static final String BOTH = """
            protocols:
              grpc:
                endpoint: 127.0.0.1:0
              http:
                endpoint: 127.0.0.1:0
            """;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN_ID = "b7ad6b7169203331";
    private static final Context IN_A_SPAN = Context.root().with(Span.wrap(
            SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault())));
    private static final Attributes EU = Attributes.of(AttributeKey.stringKey("region"), "eu");
    private static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "checkout")));

    private final ReceiverFixture fixture = new ReceiverFixture();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** Keeps what the SDK hands its OTLP exporter, to compare with what arrives. */
    private static final class CapturingMetricExporter implements MetricExporter {
        final List<MetricData> exported = new CopyOnWriteArrayList<>();
        private final MetricExporter otlp;

        CapturingMetricExporter(MetricExporter otlp) {
            this.otlp = otlp;
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            exported.addAll(metrics);
            return otlp.export(metrics);
        }

        @Override
        public CompletableResultCode flush() {
            return otlp.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return otlp.shutdown();
        }

        @Override
        public io.opentelemetry.sdk.metrics.data.AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return otlp.getAggregationTemporality(type);
        }
    }

    private static final class CapturingLogExporter implements LogRecordExporter {
        final List<LogRecordData> exported = new CopyOnWriteArrayList<>();
        private final LogRecordExporter otlp;

        CapturingLogExporter(LogRecordExporter otlp) {
            this.otlp = otlp;
        }

        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
            exported.addAll(logs);
            return otlp.export(logs);
        }

        @Override
        public CompletableResultCode flush() {
            return otlp.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return otlp.shutdown();
        }
    }

    private static byte[] bytes(Marshaler marshaler) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marshaler.writeBinaryTo(out);
        return out.toByteArray();
    }

    private MetricExporter metricExporter(String transport) {
        return transport.equals("grpc")
                ? OtlpGrpcMetricExporter.builder().setEndpoint("http://127.0.0.1:" + fixture.grpc().getPort())
                        .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred()).build()
                : OtlpHttpMetricExporter.builder().setEndpoint(fixture.httpUrl("/v1/metrics")).build();
    }

    private LogRecordExporter logExporter(String transport) {
        return transport.equals("grpc")
                ? OtlpGrpcLogRecordExporter.builder().setEndpoint("http://127.0.0.1:" + fixture.grpc().getPort()).build()
                : OtlpHttpLogRecordExporter.builder().setEndpoint(fixture.httpUrl("/v1/logs")).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "http"})
    void sdkMetricsOfEveryTypeArriveIntact(String transport) throws Exception {
        fixture.startAllSignals(BOTH);
        CapturingMetricExporter exporter = new CapturingMetricExporter(metricExporter(transport));
        try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE)
                .registerView(InstrumentSelector.builder().setName("payload.size").build(),
                        View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
                .build()) {
            Meter meter = provider.get("shop");
            meter.counterBuilder("orders").build().add(3, EU, IN_A_SPAN);
            meter.counterBuilder("orders").build().add(2, Attributes.of(AttributeKey.stringKey("region"), "us"));
            meter.upDownCounterBuilder("queue.depth").build().add(-4, EU);
            meter.gaugeBuilder("temperature").build().set(21.5, EU);
            meter.histogramBuilder("latency").setUnit("ms").build().record(12.5, EU, IN_A_SPAN);
            meter.histogramBuilder("payload.size").build().record(3, EU);
            meter.histogramBuilder("payload.size").build().record(700, EU);
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

            ExportMetricsServiceRequest sent = ExportMetricsServiceRequest.parseFrom(
                    bytes(MetricsRequestMarshaler.create(exporter.exported)));
            int points = Metrics.of(sent).dataPointCount();
            assertThat(points).isEqualTo(6);
            fixture.metrics.awaitItems(points, WAIT);
            List<ResourceMetrics> received = new ArrayList<>();
            fixture.metrics.batches().forEach(batch -> received.addAll(batch.resourceMetrics()));

            assertThat(received).isEqualTo(sent.getResourceMetricsList());
            List<Metric> metrics = received.get(0).getScopeMetrics(0).getMetricsList();
            assertThat(metrics).extracting(Metric::getDataCase).contains(Metric.DataCase.SUM, Metric.DataCase.GAUGE,
                    Metric.DataCase.HISTOGRAM, Metric.DataCase.EXPONENTIAL_HISTOGRAM);
            Metric orders = metrics.stream().filter(m -> m.getName().equals("orders")).findFirst().orElseThrow();
            assertThat(orders.getSum().getIsMonotonic()).isTrue();
            assertThat(orders.getSum().getAggregationTemporality()).isEqualTo(transport.equals("grpc")
                    ? AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA : AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
            assertThat(orders.getSum().getDataPointsList()).anySatisfy(point ->
                    assertThat(point.getExemplarsList()).anySatisfy(exemplar -> assertThat(
                            hex(exemplar.getTraceId().toByteArray()))
                            .isEqualTo(TRACE_ID)));
            assertThat(fixture.count("accepted", "metric_points", transport)).isEqualTo(points);
            assertThat(fixture.consumer.spanCount()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "http"})
    void sdkLogRecordsArriveIntact(String transport) throws Exception {
        fixture.startAllSignals(BOTH);
        CapturingLogExporter exporter = new CapturingLogExporter(logExporter(transport));
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()) {
            io.opentelemetry.api.logs.Logger logger = provider.get("shop");
            logger.logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN").setBody("cart abandoned")
                    .setAttribute(AttributeKey.longKey("items"), 3L).setContext(IN_A_SPAN).emit();
            logger.logRecordBuilder().setSeverity(Severity.INFO).setBody(Value.of(
                    io.opentelemetry.api.common.KeyValue.of("user", Value.of("u1")),
                    io.opentelemetry.api.common.KeyValue.of("tries", Value.of(2L)))).setEventName("checkout.done").emit();
            logger.logRecordBuilder().setSeverity(Severity.ERROR).setBody(Value.of(Value.of(1.5), Value.of(true))).emit();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

            fixture.logs.awaitItems(3, WAIT);
            ExportLogsServiceRequest sent = ExportLogsServiceRequest.parseFrom(bytes(LogsRequestMarshaler.create(exporter.exported)));
            List<ResourceLogs> received = new ArrayList<>();
            fixture.logs.batches().forEach(batch -> received.addAll(batch.resourceLogs()));
            // The simple processor sends one request per record, concurrently: the same records, in any
            // order, each under its resource and scope.
            List<LogRecord> records = records(received);
            assertThat(records).containsExactlyInAnyOrderElementsOf(records(sent.getResourceLogsList()));
            assertThat(received).allSatisfy(entry -> {
                assertThat(entry.getResource()).isEqualTo(sent.getResourceLogs(0).getResource());
                assertThat(entry.getScopeLogs(0).getScope()).isEqualTo(sent.getResourceLogs(0).getScopeLogs(0).getScope());
            });
            assertThat(records).extracting(r -> r.getBody().getValueCase().name())
                    .containsExactlyInAnyOrder("STRING_VALUE", "KVLIST_VALUE", "ARRAY_VALUE");
            LogRecord inSpan = records.stream().filter(r -> r.getSeverityText().equals("WARN")).findFirst().orElseThrow();
            assertThat(hex(inSpan.getTraceId().toByteArray())).isEqualTo(TRACE_ID);
            assertThat(hex(inSpan.getSpanId().toByteArray())).isEqualTo(SPAN_ID);
            assertThat(records).extracting(LogRecord::getEventName).contains("checkout.done");
            assertThat(fixture.count("accepted", "log_records", transport)).isEqualTo(3);
        }
    }

    @Test
    void otlpJsonMetricsAndLogsWithHexIdsAreRead() throws Exception {
        fixture.startAllSignals(BOTH);
        String metricsJson = """
                {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"orders","sum":{
                  "aggregationTemporality":1,"isMonotonic":true,
                  "dataPoints":[{"asInt":"3","timeUnixNano":"1544712660000000000",
                    "exemplars":[{"asInt":"3","traceId":"%s","spanId":"%s"}]}]}}]}]}]}
                """.formatted(TRACE_ID, SPAN_ID);
        String logsJson = """
                {"resourceLogs":[{"scopeLogs":[{"logRecords":[
                  {"severityNumber":13,"body":{"stringValue":"low stock"},"traceId":"%s","spanId":"%s"}]}]}]}
                """.formatted(TRACE_ID, SPAN_ID);

        assertThat(post("/v1/metrics", "application/json", metricsJson.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> logs = post("/v1/logs", "application/json", logsJson.getBytes(StandardCharsets.UTF_8));

        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(new String(logs.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(hex(fixture.metrics.batches().get(0).resourceMetrics()
                .get(0).getScopeMetrics(0).getMetrics(0).getSum().getDataPoints(0).getExemplars(0).getSpanId().toByteArray()))
                .isEqualTo(SPAN_ID);
        assertThat(fixture.logs.batches().get(0).resourceLogs().get(0).getScopeLogs(0).getLogRecords(0).getSeverityNumberValue())
                .isEqualTo(13);
    }

    @Test
    void badInputOnMetricsAndLogsGetsTheAnswersTracesGet() throws Exception {
        fixture.startAllSignals(BOTH);
        byte[] garbage = {0x0A, 0x05, 0x01};
        for (String path : List.of("/v1/traces", "/v1/metrics", "/v1/logs")) {
            HttpResponse<byte[]> truncated = post(path, "application/x-protobuf", garbage);
            assertThat(truncated.statusCode()).as(path).isEqualTo(400);
            assertThat(Status.parseFrom(truncated.body()).getCode()).as(path).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT.value());
            assertThat(post(path, "text/plain", garbage).statusCode()).as(path).isEqualTo(415);
            assertThat(post(path, "application/json", "[".getBytes(StandardCharsets.UTF_8)).statusCode()).as(path).isEqualTo(400);
        }
        fixture.metrics.failWith(() -> new io.tributary.core.consumer.RetryableException("full"));
        byte[] onePoint = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(io.opentelemetry.proto.metrics.v1.ScopeMetrics.newBuilder().addMetrics(
                        io.tributary.testkit.TestMetrics.gauge("g", 1)))).build().toByteArray();
        assertThat(post("/v1/metrics", "application/x-protobuf", onePoint).statusCode()).isEqualTo(503);
        assertThat(fixture.count("refused", "metric_points", "http")).isEqualTo(1);
    }

    @Test
    void undecodableGrpcMetricsAndLogsAreInvalidArgument() throws Exception {
        fixture.startAllSignals(BOTH);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", fixture.grpc().getPort()).usePlaintext().build();
        try {
            for (Signal<?> signal : List.of(Signal.METRICS, Signal.LOGS)) {
                StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                        () -> ClientCalls.blockingUnaryCall(channel, OtlpGrpcServer.EXPORTS.get(signal),
                                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), ByteString.copyFrom(new byte[] {0x0A, 0x05, 0x01})));
                assertThat(error.getStatus().getCode()).as(signal.toString()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
            }
        } finally {
            channel.shutdownNow();
        }
        assertThat(fixture.metrics.batches()).isEmpty();
        assertThat(fixture.logs.batches()).isEmpty();
    }

    @Test
    void metricsAndLogsAboveTheBodyLimitAre413() throws Exception {
        fixture.startAllSignals("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                    max_request_body_size: 1KiB
                """);
        for (String path : List.of("/v1/metrics", "/v1/logs")) {
            assertThat(post(path, "application/x-protobuf", new byte[4096]).statusCode()).as(path).isEqualTo(413);
        }
        assertThat(fixture.metrics.batches()).isEmpty();
        assertThat(fixture.logs.batches()).isEmpty();
    }

    @Test
    void aSignalWithoutPipelinesIsNotServed() throws Exception {
        fixture.start(BOTH);

        assertThat(post("/v1/metrics", "application/x-protobuf", new byte[0]).statusCode()).isEqualTo(404);
        assertThat(post("/v1/logs", "application/x-protobuf", new byte[0]).statusCode()).isEqualTo(404);
    }

    private static List<LogRecord> records(List<ResourceLogs> resources) {
        return resources.stream().flatMap(r -> r.getScopeLogsList().stream()).flatMap(s -> s.getLogRecordsList().stream()).toList();
    }

    private static String hex(byte[] id) {
        return HexFormat.of().formatHex(id);
    }

    private HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(fixture.httpUrl(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
