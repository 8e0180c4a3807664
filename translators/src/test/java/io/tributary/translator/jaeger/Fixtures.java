package io.tributary.translator.jaeger;

import static io.tributary.testkit.TestTraces.attribute;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.HexFormat;
import java.util.List;

/** Small builders shared by the Jaeger translator tests. */
final class Fixtures {
    static final ByteString TRACE_ID = hex("0af7651916cd43dd8448eb211c80319c");
    static final ByteString SPAN_ID = hex("b7ad6b7169203331");
    static final ByteString PARENT_ID = hex("00f067aa0ba902b7");
    static final ByteString OTHER_TRACE_ID = hex("4bf92f3577b34da6a3ce929d0e0e4736");
    static final ByteString OTHER_SPAN_ID = hex("53995c3f42cd8ad8");
    /** 2026-01-02T03:04:05.123456Z, microsecond-aligned so that Thrift keeps it exactly. */
    static final long START_NANOS = 1_767_323_045_123_456_000L;

    private Fixtures() {
    }

    static ByteString hex(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    static Model.KeyValue tag(String key, String value) {
        return Tags.stringTag(key, value);
    }

    static Model.KeyValue tag(String key, boolean value) {
        return Tags.boolTag(key, value);
    }

    static Model.KeyValue tag(String key, long value) {
        return Tags.longTag(key, value);
    }

    static Timestamp timestamp(long nanos) {
        return Timestamp.newBuilder().setSeconds(nanos / 1_000_000_000L).setNanos((int) (nanos % 1_000_000_000L)).build();
    }

    static Duration duration(long nanos) {
        return Duration.newBuilder().setSeconds(nanos / 1_000_000_000L).setNanos((int) (nanos % 1_000_000_000L)).build();
    }

    /** A minimal Jaeger model span with the given tags. */
    static Model.Span.Builder jaegerSpan(Model.KeyValue... tags) {
        return Model.Span.newBuilder()
                .setTraceId(TRACE_ID)
                .setSpanId(SPAN_ID)
                .setOperationName("op")
                .setStartTime(timestamp(START_NANOS))
                .setDuration(duration(1_000_000))
                .addAllTags(List.of(tags));
    }

    static Model.Batch batch(Model.Span... spans) {
        return Model.Batch.newBuilder()
                .setProcess(Model.Process.newBuilder().setServiceName("svc"))
                .addAllSpans(List.of(spans))
                .build();
    }

    /** A minimal OTLP span. */
    static Span.Builder otlpSpan() {
        return Span.newBuilder()
                .setTraceId(TRACE_ID)
                .setSpanId(SPAN_ID)
                .setName("op")
                .setStartTimeUnixNano(START_NANOS)
                .setEndTimeUnixNano(START_NANOS + 1_000_000);
    }

    static Traces traces(Span... spans) {
        return Traces.of(List.of(ResourceSpans.newBuilder()
                .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(attribute("service.name", "svc")))
                .addScopeSpans(io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
                .build()));
    }

    /** The only span of translated traces. */
    static Span onlySpan(Traces traces) {
        List<ResourceSpans> resources = traces.resourceSpans();
        if (resources.size() != 1 || resources.get(0).getScopeSpansCount() != 1
                || resources.get(0).getScopeSpans(0).getSpansCount() != 1) {
            throw new AssertionError("expected exactly one span: " + resources);
        }
        return resources.get(0).getScopeSpans(0).getSpans(0);
    }

    /** The only span of translated batches. */
    static Model.Span onlySpan(List<Model.Batch> batches) {
        if (batches.size() != 1 || batches.get(0).getSpansCount() != 1) {
            throw new AssertionError("expected exactly one span: " + batches);
        }
        return batches.get(0).getSpans(0);
    }
}
