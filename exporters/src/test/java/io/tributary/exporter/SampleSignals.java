package io.tributary.exporter;

import static io.tributary.testkit.TestTraces.attribute;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.util.HexFormat;
import java.util.List;

/**
 * Metrics and logs requests for tests of what exporters write: every metric type (testkit's
 * {@link TestMetrics}, exemplars and buckets included) and doubles that Go prints with an
 * exponent; log bodies of every value type and records with every field set. Messages that
 * OTLP/JSON always writes (resource, scope, body) are always set, even when empty, so that a
 * request read back from JSON equals the one sent.
 */
public final class SampleSignals {
    private static final String SCHEMA = "https://opentelemetry.io/schemas/1.24.0";

    private SampleSignals() {
    }

    /** Resource {@code service}: 2 points of every metric type and a gauge of 2 points; then a bare resource with one gauge point: 13 points, 7 metrics. */
    public static ExportMetricsServiceRequest metrics(String service) {
        ScopeMetrics scope = TestMetrics.scope("io.example.metrics", TestMetrics.everyType(2)).toBuilder()
                .setSchemaUrl(SCHEMA)
                .setScope(InstrumentationScope.newBuilder().setName("io.example.metrics").setVersion("2.0")
                        .addAttributes(attribute("scope.attr", "s")))
                .addMetrics(Metric.newBuilder().setName("wide").setGauge(Gauge.newBuilder()
                        .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(12345678.9).addAttributes(attribute("k", "v")))
                        .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(-0.0000001))))
                .build();
        ResourceMetrics bare = ResourceMetrics.newBuilder().setResource(Resource.getDefaultInstance())
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.getDefaultInstance())
                        .addMetrics(TestMetrics.gauge("other", 1))).build();
        return TestMetrics.request(TestMetrics.resource(service, scope).toBuilder().setSchemaUrl(SCHEMA).build(), bare);
    }

    /** Resource {@code service}, one scope of 7 records: a body of every type and one record with every field. */
    public static ExportLogsServiceRequest logs(String service) {
        LogRecord text = TestLogs.record("request served").toBuilder().addAttributes(attribute("http.route", "/items"))
                .addAttributes(attribute("status", AnyValue.newBuilder().setIntValue(200))).build();
        LogRecord full = LogRecord.newBuilder().setTimeUnixNano(1_700_000_000_123_456_789L).setObservedTimeUnixNano(1_700_000_001_000_000_000L)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN2).setSeverityText("WARNING").setEventName("cart.checkout")
                .setBody(AnyValue.newBuilder().setStringValue("two\nlines")).setDroppedAttributesCount(2).setFlags(1)
                .setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c")).setSpanId(ByteString.fromHex("b7ad6b7169203331"))
                .addAttributes(attribute("ratio", AnyValue.newBuilder().setDoubleValue(0.25))).build();
        ScopeLogs scope = TestLogs.scope("io.example.logs", List.of(text,
                body(AnyValue.newBuilder().setIntValue(42)),
                body(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(attribute("zone", "eu<1>"))
                        .addValues(attribute("app", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                                .addValues(attribute("ok", AnyValue.newBuilder().setBoolValue(true)))))))),
                body(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue("a"))
                        .addValues(AnyValue.newBuilder().setDoubleValue(1.5)))),
                body(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(HexFormat.of().parseHex("00ff10")))),
                LogRecord.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L).setBody(AnyValue.getDefaultInstance()).build(),
                full));
        return TestLogs.request(ResourceLogs.newBuilder().setSchemaUrl(SCHEMA)
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service))).addScopeLogs(scope).build());
    }

    private static LogRecord body(AnyValue.Builder body) {
        return LogRecord.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L).setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
                .setBody(body).build();
    }
}
