package io.tributary.translator.jaeger;

import static io.tributary.translator.jaeger.Conventions.*;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.ArrayList;
import java.util.List;

/** OTLP → Jaeger api_v2 model, as the Go collector's jaeger translator does it. */
final class OtlpToProto {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private OtlpToProto() {
    }

    /** One Batch per resource; a resource with neither attributes nor scopes is skipped. */
    static List<Model.Batch> batches(List<ResourceSpans> resourceSpans) {
        List<Model.Batch> batches = new ArrayList<>(resourceSpans.size());
        for (ResourceSpans rs : resourceSpans) {
            if (rs.getResource().getAttributesCount() == 0 && rs.getScopeSpansCount() == 0) {
                continue;
            }
            Model.Batch.Builder batch = Model.Batch.newBuilder().setProcess(process(rs.getResource()));
            for (ScopeSpans scopeSpans : rs.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    batch.addSpans(span(span, scopeSpans.getScope()));
                }
            }
            batches.add(batch.build());
        }
        return batches;
    }

    static Model.Process process(Resource resource) {
        if (resource.getAttributesCount() == 0) {
            return Model.Process.newBuilder().setServiceName(NO_SERVICE_NAME).build();
        }
        Model.Process.Builder process = Model.Process.newBuilder();
        boolean named = false;
        for (KeyValue attribute : resource.getAttributesList()) {
            if (!attribute.getKey().equals(SERVICE_NAME)) {
                process.addTags(Tags.toTag(attribute.getKey(), attribute.getValue()));
            } else if (!named) {
                process.setServiceName(Tags.stringOf(attribute.getValue()));
                named = true;
            }
        }
        return process.build();
    }

    private static Model.Span span(Span span, InstrumentationScope scope) {
        ByteString traceId = Ids.sized(span.getTraceId(), Ids.TRACE_ID_SIZE);
        long start = span.getStartTimeUnixNano();
        return Model.Span.newBuilder()
                .setTraceId(traceId)
                .setSpanId(Ids.sized(span.getSpanId(), Ids.SPAN_ID_SIZE))
                .setOperationName(span.getName())
                .addAllReferences(references(span, traceId))
                .setFlags(span.getFlags() & SAMPLED)
                .setStartTime(timestamp(start))
                .setDuration(duration(span.getEndTimeUnixNano() - start))
                .addAllTags(tags(span, scope))
                .addAllLogs(logs(span.getEventsList()))
                .build();
    }

    /**
     * The parent as the first reference (CHILD_OF, where backends look for it), then the links
     * (FOLLOWS_FROM unless their {@code opentracing.ref_type} says otherwise); a link to the
     * parent itself only sets the parent reference's type.
     */
    private static List<Model.SpanRef> references(Span span, ByteString traceId) {
        List<Model.SpanRef> refs = new ArrayList<>(span.getLinksCount() + 1);
        ByteString parent = span.getParentSpanId().isEmpty() || Ids.isZero(span.getParentSpanId())
                ? null
                : Ids.sized(span.getParentSpanId(), Ids.SPAN_ID_SIZE);
        if (parent != null) {
            refs.add(ref(traceId, parent, Model.SpanRefType.CHILD_OF));
        }
        for (Span.Link link : span.getLinksList()) {
            ByteString linkTraceId = Ids.sized(link.getTraceId(), Ids.TRACE_ID_SIZE);
            ByteString linkSpanId = Ids.sized(link.getSpanId(), Ids.SPAN_ID_SIZE);
            Model.SpanRefType type = refType(link);
            if (parent != null && linkTraceId.equals(traceId) && linkSpanId.equals(parent)) {
                refs.set(0, ref(traceId, parent, type));
            } else {
                refs.add(ref(linkTraceId, linkSpanId, type));
            }
        }
        return refs;
    }

    private static Model.SpanRef ref(ByteString traceId, ByteString spanId, Model.SpanRefType type) {
        return Model.SpanRef.newBuilder().setTraceId(traceId).setSpanId(spanId).setRefType(type).build();
    }

    private static Model.SpanRefType refType(Span.Link link) {
        for (KeyValue attribute : link.getAttributesList()) {
            if (attribute.getKey().equals(REF_TYPE)) {
                return Tags.stringOf(attribute.getValue()).equals(REF_CHILD_OF)
                        ? Model.SpanRefType.CHILD_OF
                        : Model.SpanRefType.FOLLOWS_FROM;
            }
        }
        return Model.SpanRefType.FOLLOWS_FROM;
    }

    /** Scope tags, attributes, then the tags standing for kind, status, trace state and dropped counts. */
    private static List<Model.KeyValue> tags(Span span, InstrumentationScope scope) {
        List<Model.KeyValue> tags = new ArrayList<>(span.getAttributesCount() + 8);
        if (!scope.getName().isEmpty()) {
            tags.add(Tags.stringTag(SCOPE_NAME, scope.getName()));
        }
        if (!scope.getVersion().isEmpty()) {
            tags.add(Tags.stringTag(SCOPE_VERSION, scope.getVersion()));
        }
        tags.addAll(Tags.toTags(span.getAttributesList()));
        String kind = Conventions.kindTag(span.getKind());
        if (kind != null) {
            tags.add(Tags.stringTag(SPAN_KIND, kind));
        }
        Status status = span.getStatus();
        if (status.getCode() == StatusCode.STATUS_CODE_ERROR) {
            tags.add(Tags.stringTag(STATUS_CODE, STATUS_ERROR));
            tags.add(Tags.boolTag(ERROR, true));
        } else if (status.getCode() == StatusCode.STATUS_CODE_OK) {
            tags.add(Tags.stringTag(STATUS_CODE, STATUS_OK));
        }
        if (!status.getMessage().isEmpty()) {
            tags.add(Tags.stringTag(STATUS_DESCRIPTION, status.getMessage()));
        }
        if (!span.getTraceState().isEmpty()) {
            tags.add(Tags.stringTag(TRACE_STATE, span.getTraceState()));
        }
        // The specification's mapping to non-OTLP formats: recorded only when non-zero.
        addCount(tags, DROPPED_ATTRIBUTES_COUNT, span.getDroppedAttributesCount());
        addCount(tags, DROPPED_EVENTS_COUNT, span.getDroppedEventsCount());
        addCount(tags, DROPPED_LINKS_COUNT, span.getDroppedLinksCount());
        return tags;
    }

    private static void addCount(List<Model.KeyValue> tags, String key, int count) {
        if (count != 0) {
            tags.add(Tags.longTag(key, Integer.toUnsignedLong(count)));
        }
    }

    /** The event name becomes the {@code event} field unless an attribute of that name overrides it. */
    private static List<Model.Log> logs(List<Span.Event> events) {
        List<Model.Log> logs = new ArrayList<>(events.size());
        for (Span.Event event : events) {
            Model.Log.Builder log = Model.Log.newBuilder().setTimestamp(timestamp(event.getTimeUnixNano()));
            boolean hasEventAttribute = event.getAttributesList().stream().anyMatch(a -> a.getKey().equals(EVENT));
            if (!event.getName().isEmpty() && !hasEventAttribute) {
                log.addFields(Tags.stringTag(EVENT, event.getName()));
            }
            logs.add(log.addAllFields(Tags.toTags(event.getAttributesList())).build());
        }
        return logs;
    }

    private static Timestamp timestamp(long nanos) {
        return Timestamp.newBuilder()
                .setSeconds(Math.floorDiv(nanos, NANOS_PER_SECOND))
                .setNanos((int) Math.floorMod(nanos, NANOS_PER_SECOND))
                .build();
    }

    /** Seconds and nanos share the sign, as {@code google.protobuf.Duration} requires. */
    private static Duration duration(long nanos) {
        return Duration.newBuilder()
                .setSeconds(nanos / NANOS_PER_SECOND)
                .setNanos((int) (nanos % NANOS_PER_SECOND))
                .build();
    }
}
