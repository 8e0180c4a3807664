package io.tributary.translator.jaeger;

import static io.tributary.translator.jaeger.Conventions.*;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Jaeger api_v2 model → OTLP, as the Go collector's jaeger translator does it. */
final class ProtoToOtlp {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private ProtoToOtlp() {
    }

    /**
     * One resource per distinct process: a span's own process takes priority over the batch's.
     * A batch without spans still yields its process's resource.
     */
    static List<ResourceSpans> resourceSpans(Model.Batch batch) {
        Model.Process batchProcess = batch.hasProcess() ? batch.getProcess() : null;
        Map<Model.Process, List<Model.Span>> byProcess = new LinkedHashMap<>();
        byProcess.put(batchProcess, new ArrayList<>());
        for (Model.Span span : batch.getSpansList()) {
            Model.Process process = span.hasProcess() ? span.getProcess() : batchProcess;
            byProcess.computeIfAbsent(process, p -> new ArrayList<>()).add(span);
        }
        List<ResourceSpans> result = new ArrayList<>(byProcess.size());
        byProcess.forEach((process, spans) -> {
            if (process != null || !spans.isEmpty()) {
                result.add(ResourceSpans.newBuilder()
                        .setResource(resource(process))
                        .addAllScopeSpans(scopeSpans(spans))
                        .build());
            }
        });
        return result;
    }

    static Resource resource(Model.Process process) {
        if (process == null || process.getServiceName().equals(NO_SERVICE_NAME)) {
            return Resource.getDefaultInstance();
        }
        Map<String, AnyValue> attributes = new LinkedHashMap<>();
        if (!process.getServiceName().isEmpty()) {
            attributes.put(SERVICE_NAME, Tags.str(process.getServiceName()));
        }
        attributes.putAll(Tags.toAttributeMap(process.getTagsList()));
        // Jaeger clients name the host and themselves with their own tags.
        if (attributes.containsKey(HOSTNAME) && !attributes.containsKey(HOST_NAME)) {
            attributes.put(HOST_NAME, attributes.remove(HOSTNAME));
        }
        if (attributes.containsKey(JAEGER_VERSION) && !attributes.containsKey(EXPORTER_VERSION)) {
            attributes.put(EXPORTER_VERSION, Tags.str("Jaeger-" + Tags.stringOf(attributes.remove(JAEGER_VERSION))));
        }
        return Resource.newBuilder().addAllAttributes(Tags.toAttributes(attributes)).build();
    }

    /** Spans grouped by the instrumentation scope their tags name, in order of first appearance. */
    private static List<ScopeSpans> scopeSpans(List<Model.Span> spans) {
        Map<InstrumentationScope, ScopeSpans.Builder> byScope = new LinkedHashMap<>();
        for (Model.Span span : spans) {
            if (span.equals(Model.Span.getDefaultInstance())) {
                continue;
            }
            List<Model.KeyValue> tags = new ArrayList<>(span.getTagsList());
            InstrumentationScope scope = takeScope(tags);
            byScope.computeIfAbsent(scope, ProtoToOtlp::newScopeSpans).addSpans(span(span, tags));
        }
        List<ScopeSpans> result = new ArrayList<>(byScope.size());
        byScope.values().forEach(builder -> result.add(builder.build()));
        return result;
    }

    private static ScopeSpans.Builder newScopeSpans(InstrumentationScope scope) {
        ScopeSpans.Builder builder = ScopeSpans.newBuilder();
        // An unnamed scope stays absent, as the SDK sends it, rather than present and empty.
        return scope.equals(InstrumentationScope.getDefaultInstance()) ? builder : builder.setScope(scope);
    }

    /**
     * Removes the scope tags ({@code otel.scope.name}, and its version only with it) from
     * {@code tags}. The legacy {@code otel.library.*} tags stay attributes, as otelcol keeps them.
     */
    private static InstrumentationScope takeScope(List<Model.KeyValue> tags) {
        InstrumentationScope.Builder scope = InstrumentationScope.newBuilder();
        Model.KeyValue name = take(tags, SCOPE_NAME);
        if (name != null) {
            scope.setName(name.getVStr());
            Model.KeyValue version = take(tags, SCOPE_VERSION);
            if (version != null) {
                scope.setVersion(version.getVStr());
            }
        }
        return scope.build();
    }

    private static Model.KeyValue take(List<Model.KeyValue> tags, String key) {
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).getKey().equals(key)) {
                return tags.remove(i);
            }
        }
        return null;
    }

    private static Span span(Model.Span span, List<Model.KeyValue> tags) {
        // Jaeger's flags (sampled, debug) have no OTLP counterpart that otelcol fills: they are dropped.
        long start = nanos(span.getStartTime().getSeconds(), span.getStartTime().getNanos());
        Span.Builder out = Span.newBuilder()
                .setTraceId(Ids.received(span.getTraceId(), Ids.TRACE_ID_SIZE))
                .setSpanId(Ids.received(span.getSpanId(), Ids.SPAN_ID_SIZE))
                .setName(span.getOperationName())
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + nanos(span.getDuration().getSeconds(), span.getDuration().getNanos()));
        ByteString parent = parentSpanId(span);
        if (!Ids.isZero(parent)) {
            out.setParentSpanId(parent);
        }

        Map<String, AnyValue> attributes = Tags.toAttributeMap(tags);
        AnyValue kind = attributes.remove(SPAN_KIND);
        if (kind != null) {
            out.setKind(Conventions.kind(Tags.stringOf(kind)));
        }
        setStatus(attributes, out);
        AnyValue traceState = attributes.remove(TRACE_STATE);
        if (traceState != null) {
            out.setTraceState(Tags.stringOf(traceState));
        }
        out.addAllAttributes(Tags.toAttributes(attributes));

        for (Model.Log log : span.getLogsList()) {
            out.addEvents(event(log));
        }
        for (Model.SpanRef ref : span.getReferencesList()) {
            ByteString refSpanId = Ids.received(ref.getSpanId(), Ids.SPAN_ID_SIZE);
            if (ref.getRefType() == Model.SpanRefType.CHILD_OF && refSpanId.equals(parent)) {
                continue;
            }
            out.addLinks(Span.Link.newBuilder()
                    .setTraceId(Ids.received(ref.getTraceId(), Ids.TRACE_ID_SIZE))
                    .setSpanId(refSpanId)
                    .addAttributes(KeyValue.newBuilder()
                            .setKey(REF_TYPE)
                            .setValue(Tags.str(ref.getRefType() == Model.SpanRefType.CHILD_OF ? REF_CHILD_OF : REF_FOLLOWS_FROM))));
        }
        return out.build();
    }

    /**
     * The parent as Jaeger's model defines it: the first CHILD_OF reference within the span's
     * trace, else the first FOLLOWS_FROM one; empty if none.
     */
    static ByteString parentSpanId(Model.Span span) {
        ByteString traceId = Ids.received(span.getTraceId(), Ids.TRACE_ID_SIZE);
        ByteString followsFrom = null;
        for (Model.SpanRef ref : span.getReferencesList()) {
            if (!Ids.received(ref.getTraceId(), Ids.TRACE_ID_SIZE).equals(traceId)) {
                continue;
            }
            if (ref.getRefType() == Model.SpanRefType.CHILD_OF) {
                return Ids.received(ref.getSpanId(), Ids.SPAN_ID_SIZE);
            }
            if (followsFrom == null && ref.getRefType() == Model.SpanRefType.FOLLOWS_FROM) {
                followsFrom = Ids.received(ref.getSpanId(), Ids.SPAN_ID_SIZE);
            }
        }
        return followsFrom != null ? followsFrom : ByteString.EMPTY;
    }

    /**
     * The status from, in order of authority, {@code error=true}, {@code otel.status_code}, then
     * an HTTP status code; the tags that carried it are removed.
     */
    private static void setStatus(Map<String, AnyValue> attributes, Span.Builder span) {
        StatusCode code = StatusCode.STATUS_CODE_UNSET;
        String message = "";
        boolean exists = false;

        AnyValue error = attributes.get(ERROR);
        if (error != null && error.hasBoolValue() && error.getBoolValue()) {
            code = StatusCode.STATUS_CODE_ERROR;
            attributes.remove(ERROR);
            exists = true;
            AnyValue description = attributes.remove(STATUS_DESCRIPTION);
            if (description != null) {
                message = Tags.stringOf(description);
            } else if (attributes.containsKey(HTTP_STATUS_MESSAGE)) {
                message = Tags.stringOf(attributes.get(HTTP_STATUS_MESSAGE));
            }
        }

        AnyValue statusCode = attributes.remove(STATUS_CODE);
        if (statusCode != null) {
            if (!exists) {
                exists = true;
                switch (Tags.stringOf(statusCode).toUpperCase(Locale.ROOT)) {
                    case STATUS_OK -> code = StatusCode.STATUS_CODE_OK;
                    case STATUS_ERROR -> code = StatusCode.STATUS_CODE_ERROR;
                    default -> code = StatusCode.STATUS_CODE_UNSET;
                }
                AnyValue description = attributes.remove(STATUS_DESCRIPTION);
                if (description != null) {
                    message = Tags.stringOf(description);
                }
            }
        } else if (!exists && attributes.containsKey(HTTP_STATUS_CODE)) {
            Long httpCode = httpStatusCode(attributes.get(HTTP_STATUS_CODE));
            if (httpCode != null) {
                StatusCode fromHttp = fromHttp(httpCode, span.getKind());
                if (fromHttp != StatusCode.STATUS_CODE_UNSET) {
                    exists = true;
                    code = fromHttp;
                }
                AnyValue httpMessage = attributes.get(HTTP_STATUS_MESSAGE);
                if (httpMessage != null) {
                    message = Tags.stringOf(httpMessage);
                }
            }
        }

        if (exists) {
            span.setStatus(Status.newBuilder().setCode(code).setMessage(message));
        }
    }

    private static Long httpStatusCode(AnyValue value) {
        if (value.hasIntValue()) {
            return value.getIntValue();
        }
        if (value.hasStringValue()) {
            try {
                return Long.parseLong(value.getStringValue());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** 4xx is the client's error, not the server's; 1xx–3xx are no error; anything else is. */
    private static StatusCode fromHttp(long code, SpanKind kind) {
        if (code >= 400 && code < 500) {
            if (kind == SpanKind.SPAN_KIND_CLIENT) {
                return StatusCode.STATUS_CODE_ERROR;
            }
            if (kind == SpanKind.SPAN_KIND_SERVER) {
                return StatusCode.STATUS_CODE_UNSET;
            }
        }
        return code >= 100 && code < 400 ? StatusCode.STATUS_CODE_UNSET : StatusCode.STATUS_CODE_ERROR;
    }

    private static Span.Event event(Model.Log log) {
        Span.Event.Builder event = Span.Event.newBuilder()
                .setTimeUnixNano(nanos(log.getTimestamp().getSeconds(), log.getTimestamp().getNanos()));
        Map<String, AnyValue> attributes = Tags.toAttributeMap(log.getFieldsList());
        AnyValue name = attributes.remove(EVENT);
        if (name != null) {
            event.setName(Tags.stringOf(name));
        }
        return event.addAllAttributes(Tags.toAttributes(attributes)).build();
    }

    private static long nanos(long seconds, int nanos) {
        return seconds * NANOS_PER_SECOND + nanos;
    }
}
