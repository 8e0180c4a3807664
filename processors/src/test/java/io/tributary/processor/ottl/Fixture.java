package io.tributary.processor.ottl;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;

/** One resource, scope, span and event with a value of every attribute type, for condition tests. */
final class Fixture {
    static final String TRACE_ID = "0102030405060708090a0b0c0d0e0f10";
    static final String SPAN_ID = "a1a2a3a4a5a6a7a8";

    static final Span.Event EVENT = Span.Event.newBuilder()
            .setName("exception")
            .setTimeUnixNano(2_000)
            .addAttributes(attr("exception.type", AnyValue.newBuilder().setStringValue("IOError")))
            .build();

    static final Span SPAN = Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(SPAN_ID)))
            .setName("GET /health")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(1_000)
            .setEndTimeUnixNano(3_500)
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
            .addAttributes(attr("http.url", AnyValue.newBuilder().setStringValue("http://shop/health?probe=1")))
            .addAttributes(attr("http.status_code", AnyValue.newBuilder().setIntValue(503)))
            .addAttributes(attr("ratio", AnyValue.newBuilder().setDoubleValue(0.5)))
            .addAttributes(attr("cached", AnyValue.newBuilder().setBoolValue(true)))
            .addAttributes(attr("payload", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, (byte) 0xff}))))
            .addAttributes(attr("tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setStringValue("a"))
                    .addValues(AnyValue.newBuilder().setIntValue(2)))))
            .addAttributes(attr("nested", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                    .addValues(attr("inner", AnyValue.newBuilder().setStringValue("v")))
                    .addValues(attr("count", AnyValue.newBuilder().setIntValue(7))))))
            .addAttributes(attr("unicode", AnyValue.newBuilder().setStringValue("héllo")))
            .addEvents(EVENT)
            .build();

    static final ScopeSpans SCOPE = ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.netty").setVersion("2.1")
                    .addAttributes(attr("scope.attr", AnyValue.newBuilder().setStringValue("s"))))
            .addSpans(SPAN)
            .build();

    static final ResourceSpans RESOURCE = ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder()
                    .addAttributes(attr("service.name", AnyValue.newBuilder().setStringValue("checkout")))
                    .addAttributes(attr("host.name", AnyValue.newBuilder().setStringValue("web-1"))))
            .addScopeSpans(SCOPE)
            .build();

    private Fixture() {
    }

    static KeyValue attr(String key, AnyValue.Builder value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static Target target() {
        return new Target(RESOURCE, SCOPE, SPAN, EVENT);
    }
}
