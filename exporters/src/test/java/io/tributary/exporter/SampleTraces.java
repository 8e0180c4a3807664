package io.tributary.exporter;

import static io.tributary.testkit.TestTraces.attribute;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;

/** OTLP requests for tests, with every span field set so a lossy path shows up in an equality check. */
public final class SampleTraces {
    private SampleTraces() {
    }

    /** One resource of service {@code service}, one scope, {@code spans} spans of trace {@code trace}. */
    public static ExportTraceServiceRequest request(String service, long trace, int spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
                .setScope(InstrumentationScope.newBuilder().setName("io.example.http").setVersion("1.2.3")
                        .addAttributes(attribute("scope.attr", "s")));
        for (int i = 0; i < spans; i++) {
            scope.addSpans(span(trace, i));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
                .setResource(Resource.newBuilder()
                        .addAttributes(attribute("service.name", service))
                        .addAttributes(attribute("host.cores", AnyValue.newBuilder().setIntValue(8))))
                .addScopeSpans(scope)).build();
    }

    public static ByteString traceId(long trace) {
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0, 0x0af7651916cd43ddL).putLong(8, trace).array());
    }

    public static ByteString spanId(long span) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(span).array());
    }

    private static Span span(long trace, int i) {
        return Span.newBuilder()
                .setTraceId(traceId(trace))
                .setSpanId(spanId(i + 100))
                .setParentSpanId(i == 0 ? ByteString.EMPTY : spanId(100))
                .setTraceState("vendor=x")
                .setFlags(1)
                .setName("GET /items/" + i)
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(1_700_000_000_000_000_000L + i)
                .setEndTimeUnixNano(1_700_000_000_250_000_000L + i)
                .addAttributes(attribute("http.method", "GET"))
                .addAttributes(attribute("http.status_code", AnyValue.newBuilder().setIntValue(200)))
                .addAttributes(attribute("sampled", AnyValue.newBuilder().setBoolValue(true)))
                .addAttributes(attribute("ratio", AnyValue.newBuilder().setDoubleValue(0.5)))
                .addAttributes(attribute("tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setStringValue("a"))
                        .addValues(AnyValue.newBuilder().setStringValue("b")))))
                .setDroppedAttributesCount(1)
                .addEvents(Span.Event.newBuilder().setName("retry").setTimeUnixNano(1_700_000_000_100_000_000L)
                        .addAttributes(attribute("attempt", AnyValue.newBuilder().setIntValue(2))))
                .addLinks(Span.Link.newBuilder().setTraceId(traceId(trace + 1)).setSpanId(spanId(7))
                        .setTraceState("vendor=y")
                        .addAttributes(attribute("link.kind", "follows")))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
                .build();
    }
}
