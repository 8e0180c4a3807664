package io.tributary.distribution;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code spanmetrics} connector as users run it: the Java SDK's spans reach the {@code otlp}
 * receiver of a traces pipeline that exports to {@code spanmetrics}, whose metrics pipeline
 * sends them with the {@code otlp} exporter to a backend; what arrives is checked field by field.
 * Delta temporality, so the one flush after the spans carries every count.
 */
class SpanMetricsConnectorEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long START = 1_767_225_600_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void sdkSpansBecomeOtelcolsCallsDurationAndEventsMetrics() throws Exception {
        List<SpanContext> cartOk = new ArrayList<>();
        List<SpanContext> cartError = new ArrayList<>();
        List<SpanContext> select = new ArrayList<>();
        try (OtlpBackend backend = OtlpBackend.start();
             DaemonHarness daemon = new DaemonHarness("""
                     receivers:
                       otlp:
                         protocols:
                           grpc:
                             endpoint: 127.0.0.1:0
                     connectors:
                       spanmetrics:
                         aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
                         metrics_flush_interval: 100ms
                         dimensions:
                           - name: http.response.status_code
                           - name: deployment.environment
                         exemplars:
                           enabled: true
                         events:
                           enabled: true
                           dimensions:
                             - name: exception.type
                     exporters:
                       otlp:
                         endpoint: 127.0.0.1:%d
                         tls: {insecure: true}
                     service:
                       telemetry:
                         metrics:
                           address: 127.0.0.1:0
                       pipelines:
                         traces:
                           receivers: [otlp]
                           exporters: [spanmetrics]
                         metrics:
                           receivers: [spanmetrics]
                           exporters: [otlp]
                     """.formatted(backend.port()))) {
            DaemonHarness.send(daemon.grpcExporter("otlp").build(),
                    Attributes.of(stringKey("service.name"), "shop", stringKey("deployment.environment"), "test"), tracer -> {
                        for (int i = 0; i < 2; i++) {
                            cartOk.add(span(tracer.spanBuilder("GET /cart").setSpanKind(SpanKind.SERVER)
                                    .setAttribute(longKey("http.response.status_code"), 200L), 3 * MS, null));
                        }
                        cartError.add(span(tracer.spanBuilder("GET /cart").setSpanKind(SpanKind.SERVER)
                                .setAttribute(longKey("http.response.status_code"), 500L), 7 * MS, "IOException"));
                        select.add(span(tracer.spanBuilder("SELECT shop.orders").setSpanKind(SpanKind.CLIENT), MS, null));
                    });

            backend.awaitDataPoints(3 + 3 + 1, WAIT);

            assertThat(backend.metricsRequests()).hasSize(1);
            ExportMetricsServiceRequest request = backend.metricsRequests().get(0);
            assertThat(request.getResourceMetricsList()).hasSize(1);
            ResourceMetrics resource = request.getResourceMetrics(0);
            assertThat(attributes(resource.getResource().getAttributesList()))
                    .isEqualTo(Map.of("service.name", "shop", "deployment.environment", "test"));
            ScopeMetrics scope = resource.getScopeMetrics(0);
            assertThat(scope.getScope().getName()).isEqualTo("spanmetricsconnector");
            assertThat(scope.getMetricsList()).extracting(Metric::getName).containsExactly(
                    "traces.span.metrics.calls", "traces.span.metrics.duration", "traces.span.metrics.events");

            Map<String, Object> okSeries = series("GET /cart", "SPAN_KIND_SERVER", "STATUS_CODE_UNSET", 200L);
            Map<String, Object> errorSeries = series("GET /cart", "SPAN_KIND_SERVER", "STATUS_CODE_ERROR", 500L);
            Map<String, Object> selectSeries = series("SELECT shop.orders", "SPAN_KIND_CLIENT", "STATUS_CODE_UNSET", null);

            Metric calls = scope.getMetrics(0);
            assertThat(calls.getSum().getIsMonotonic()).isTrue();
            assertThat(calls.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
            assertThat(calls.getSum().getDataPointsList()).extracting(p -> attributes(p.getAttributesList()), NumberDataPoint::getAsInt)
                    .containsExactly(tuple(okSeries, 2L),
                            tuple(errorSeries, 1L), tuple(selectSeries, 1L));
            assertThat(calls.getSum().getDataPoints(0).getExemplarsList()).extracting(Exemplar::getSpanId, Exemplar::getAsDouble)
                    .containsExactly(tuple(spanId(cartOk.get(0)), 3.0),
                            tuple(spanId(cartOk.get(1)), 3.0));
            assertThat(calls.getSum().getDataPoints(0).getExemplars(0).getTraceId())
                    .isEqualTo(ByteString.fromHex(cartOk.get(0).getTraceId()));
            for (NumberDataPoint point : calls.getSum().getDataPointsList()) {
                assertThat(point.getStartTimeUnixNano()).isPositive().isLessThan(point.getTimeUnixNano());
                assertThat(point.getExemplarsList()).allSatisfy(e -> assertThat(e.getTimeUnixNano()).isEqualTo(point.getTimeUnixNano()));
            }

            Metric duration = scope.getMetrics(1);
            assertThat(duration.getUnit()).isEqualTo("ms");
            assertThat(duration.getHistogram().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
            List<HistogramDataPoint> durations = duration.getHistogram().getDataPointsList();
            assertThat(durations).extracting(p -> attributes(p.getAttributesList())).containsExactly(okSeries, errorSeries, selectSeries);
            assertThat(durations).extracting(HistogramDataPoint::getCount, HistogramDataPoint::getSum).containsExactly(
                    tuple(2L, 6.0), tuple(1L, 7.0),
                    tuple(1L, 1.0));
            assertThat(durations.get(0).getExplicitBoundsList()).containsExactly(
                    2.0, 4.0, 6.0, 8.0, 10.0, 50.0, 100.0, 200.0, 400.0, 800.0, 1000.0, 1400.0, 2000.0, 5000.0, 10_000.0, 15_000.0);
            assertThat(durations.get(0).getBucketCountsList()).containsExactly(0L, 2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
            assertThat(durations.get(1).getBucketCountsList()).containsExactly(0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
            assertThat(durations.get(2).getBucketCountsList()).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
            assertThat(durations.get(1).getExemplarsList()).extracting(Exemplar::getSpanId, Exemplar::getAsDouble)
                    .containsExactly(tuple(spanId(cartError.get(0)), 7.0));

            Metric events = scope.getMetrics(2);
            Map<String, Object> exceptionSeries = new LinkedHashMap<>(errorSeries);
            exceptionSeries.put("exception.type", "IOException");
            assertThat(events.getSum().getDataPointsList()).extracting(p -> attributes(p.getAttributesList()), NumberDataPoint::getAsInt)
                    .containsExactly(tuple(exceptionSeries, 1L));
        }
    }

    /** Ends a span started at {@link #START} after {@code duration}, with an exception event of this type and an error status if given. */
    private static SpanContext span(SpanBuilder builder, long duration, String exceptionType) {
        Span span = builder.setStartTimestamp(START, TimeUnit.NANOSECONDS).startSpan();
        if (exceptionType != null) {
            span.addEvent("exception", Attributes.of(stringKey("exception.type"), exceptionType));
            span.setStatus(StatusCode.ERROR);
        }
        span.end(START + duration, TimeUnit.NANOSECONDS);
        return span.getSpanContext();
    }

    private static ByteString spanId(SpanContext context) {
        return ByteString.copyFrom(HexFormat.of().parseHex(context.getSpanId()));
    }

    /** The series' attributes in otelcol's order: service, span name, kind, status, then the dimensions found. */
    private static Map<String, Object> series(String spanName, String kind, String status, Long statusCode) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("service.name", "shop");
        attributes.put("span.name", spanName);
        attributes.put("span.kind", kind);
        attributes.put("status.code", status);
        if (statusCode != null) {
            attributes.put("http.response.status_code", statusCode);
        }
        attributes.put("deployment.environment", "test");
        return attributes;
    }

    private static Map<String, Object> attributes(List<KeyValue> attributes) {
        Map<String, Object> plain = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            plain.put(attribute.getKey(), value.hasIntValue() ? (Object) value.getIntValue() : value.getStringValue());
        }
        return plain;
    }
}
