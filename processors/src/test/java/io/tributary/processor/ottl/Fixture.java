package io.tributary.processor.ottl;

import static io.tributary.testkit.TestTraces.attribute;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;

/**
 * One resource, scope, span and event with a value of every attribute type, a sum and a histogram
 * with their data points, and a log record, for condition tests.
 */
final class Fixture {
    static final String TRACE_ID = "0102030405060708090a0b0c0d0e0f10";
    static final String SPAN_ID = "a1a2a3a4a5a6a7a8";

    static final Span.Event EVENT = Span.Event.newBuilder()
            .setName("exception")
            .setTimeUnixNano(2_000)
            .addAttributes(attribute("exception.type", "IOError"))
            .build();

    static final Span SPAN = Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(SPAN_ID)))
            .setName("GET /health")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(1_000)
            .setEndTimeUnixNano(3_500)
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
            .addAttributes(attribute("http.url", "http://shop/health?probe=1"))
            .addAttributes(attribute("http.status_code", AnyValue.newBuilder().setIntValue(503)))
            .addAttributes(attribute("ratio", AnyValue.newBuilder().setDoubleValue(0.5)))
            .addAttributes(attribute("cached", AnyValue.newBuilder().setBoolValue(true)))
            .addAttributes(attribute("payload", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, (byte) 0xff}))))
            .addAttributes(attribute("tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setStringValue("a"))
                    .addValues(AnyValue.newBuilder().setIntValue(2)))))
            .addAttributes(attribute("nested", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                    .addValues(attribute("inner", "v"))
                    .addValues(attribute("count", AnyValue.newBuilder().setIntValue(7))))))
            .addAttributes(attribute("unicode", "héllo"))
            .addEvents(EVENT)
            .build();

    static final ScopeSpans SCOPE = ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.netty").setVersion("2.1")
                    .addAttributes(attribute("scope.attr", "s")))
            .addSpans(SPAN)
            .build();

    static final ResourceSpans RESOURCE = ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder()
                    .addAttributes(attribute("service.name", "checkout"))
                    .addAttributes(attribute("host.name", "web-1")))
            .addScopeSpans(SCOPE)
            .build();

    static final NumberDataPoint POINT = NumberDataPoint.newBuilder()
            .setStartTimeUnixNano(1_000)
            .setTimeUnixNano(4_000)
            .setAsInt(42)
            .setFlags(1)
            .addAttributes(attribute("http.route", "/health"))
            .addAttributes(attribute("code", AnyValue.newBuilder().setIntValue(200)))
            .build();

    static final Metric SUM = Metric.newBuilder()
            .setName("http.server.requests")
            .setDescription("requests served")
            .setUnit("{request}")
            .addMetadata(attribute("origin", "sdk"))
            .setSum(Sum.newBuilder().setIsMonotonic(true)
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(POINT)
                    .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(2.5).addAttributes(attribute("http.route", "/cart"))))
            .build();

    static final HistogramDataPoint HISTOGRAM_POINT = HistogramDataPoint.newBuilder()
            .setTimeUnixNano(5_000)
            .setCount(3)
            .setSum(7.5)
            .addAttributes(attribute("http.route", "/cart"))
            .build();

    static final Metric HISTOGRAM = Metric.newBuilder()
            .setName("latency")
            .setHistogram(Histogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(HISTOGRAM_POINT))
            .build();

    static final LogRecord LOG = LogRecord.newBuilder()
            .setTimeUnixNano(6_000)
            .setObservedTimeUnixNano(7_000)
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN2)
            .setSeverityText("WARN")
            .setBody(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                    .addValues(attribute("msg", "disk full"))
                    .addValues(attribute("free", AnyValue.newBuilder().setIntValue(0)))))
            .addAttributes(attribute("log.file.name", "app.log"))
            .setFlags(1)
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(SPAN_ID)))
            .setEventName("disk.alert")
            .build();

    private Fixture() {
    }

    static Target target() {
        return new Target(RESOURCE.getResource(), SCOPE.getScope(), SPAN, EVENT);
    }

    static Target point(Metric metric, Message point) {
        return new Target(RESOURCE.getResource(), SCOPE.getScope(), metric, point);
    }

    static Target log(LogRecord record) {
        return new Target(RESOURCE.getResource(), SCOPE.getScope(), record, null);
    }
}
