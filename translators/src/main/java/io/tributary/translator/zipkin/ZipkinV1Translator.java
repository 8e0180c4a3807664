package io.tributary.translator.zipkin;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.core.data.Traces;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Zipkin v1 spans (JSON or Thrift) → OTLP, by otelcol's own v1 mapping rather than through v2:
 * <ul>
 * <li>The first core annotation ({@code cs}, {@code cr}, {@code ms}, {@code mr}, {@code sr},
 * {@code ss}) gives the kind, the first one with a named endpoint the span's service; that
 * endpoint becomes the resource: {@code service.name}, and {@code ipv4}, {@code ipv6}, {@code port}
 * as strings. A span without one takes the service of its last binary annotation that names one,
 * else its {@code lc} value, else {@code unknown-service}.</li>
 * <li>Other annotations become events; annotations with an empty value are ignored. Without a
 * span timestamp the annotations span the span.</li>
 * <li>Binary annotations become attributes, {@code lc} as {@code component}, address annotations
 * ({@code sa}, {@code ca}, {@code ma}) as booleans; status annotations make the status
 * ({@link V1Status}).</li>
 * <li>A JSON span left without any start time gets the time of receipt and the attribute
 * {@code otel.zipkin.absentField.startTime}; otelcol leaves such a Thrift span at 0.</li>
 * </ul>
 * Spans go to one resource per endpoint, in order of first appearance, each in one scope without
 * a name ({@code otel.library.*} annotations stay attributes).
 */
public final class ZipkinV1Translator {
    static final String UNKNOWN_SERVICE = "unknown-service";
    private static final String LOCAL_COMPONENT = "lc";
    private static final String COMPONENT = "component";
    private static final long NANOS_PER_MICRO = 1000;
    private static final Map<String, SpanKind> CORE_ANNOTATION_KINDS = Map.of(
            "cs", SpanKind.SPAN_KIND_CLIENT, "cr", SpanKind.SPAN_KIND_CLIENT,
            "ms", SpanKind.SPAN_KIND_PRODUCER, "mr", SpanKind.SPAN_KIND_CONSUMER,
            "sr", SpanKind.SPAN_KIND_SERVER, "ss", SpanKind.SPAN_KIND_SERVER);

    private ZipkinV1Translator() {
    }

    /**
     * @param parseStringTags    the receiver's {@code parse_string_tags}: string values that look like ints, floats or
     *                           bools become attributes of that type
     * @param receivedAtUnixNano the time of receipt, given to spans without any start time
     * @throws IllegalArgumentException when the body is not a list of v1 spans with valid IDs
     */
    public static Traces fromJson(byte[] body, boolean parseStringTags, long receivedAtUnixNano) {
        return toTraces(V1JsonReader.read(body), parseStringTags, OptionalLong.of(receivedAtUnixNano));
    }

    /**
     * Thrift values are typed already, and otelcol's Thrift path ignores {@code parse_string_tags}.
     *
     * @throws IllegalArgumentException when the body is not a list of v1 spans, or an ID is all zeros
     */
    public static Traces fromThrift(byte[] body) {
        return toTraces(V1ThriftReader.read(body), false, OptionalLong.empty());
    }

    static Traces toTraces(List<V1Span> spans, boolean parseStringTags, OptionalLong receivedAtUnixNano) {
        Map<V1Span.Endpoint, ScopeSpans.Builder> byEndpoint = new LinkedHashMap<>();
        for (V1Span span : spans) {
            Span.Builder out = Span.newBuilder()
                    .setTraceId(span.traceId())
                    .setSpanId(span.spanId())
                    .setParentSpanId(span.parentId())
                    .setName(span.name());
            V1Span.Endpoint endpoint = annotations(span.annotations(), out);
            String fallbackService = binaryAnnotations(span.binaryAnnotations(), parseStringTags, out);
            if (endpoint.serviceName().equals(UNKNOWN_SERVICE) && !fallbackService.isEmpty()) {
                endpoint = new V1Span.Endpoint(fallbackService, "", "", 0);
            }
            if (span.timestamp() != null) {
                out.setStartTimeUnixNano(nanos(span.timestamp()))
                        .setEndTimeUnixNano(nanos(span.timestamp() + span.duration()));
            }
            if (out.getStartTimeUnixNano() == 0 && receivedAtUnixNano.isPresent()) {
                out.setStartTimeUnixNano(receivedAtUnixNano.getAsLong()).setEndTimeUnixNano(receivedAtUnixNano.getAsLong());
                put(out, ZipkinTranslator.START_TIME_ABSENT, AnyValue.newBuilder().setBoolValue(true).build());
            }
            byEndpoint.computeIfAbsent(endpoint, e -> ScopeSpans.newBuilder()).addSpans(out);
        }
        List<ResourceSpans> resources = new ArrayList<>(byEndpoint.size());
        byEndpoint.forEach((endpoint, scope) -> resources.add(ResourceSpans.newBuilder()
                .setResource(resource(endpoint)).addScopeSpans(scope).build()));
        return Traces.of(resources);
    }

    /**
     * Kind, events and times from the annotations.
     *
     * @return the endpoint of the first core annotation with a named one, else one of {@link #UNKNOWN_SERVICE}
     */
    private static V1Span.Endpoint annotations(List<V1Span.Annotation> annotations, Span.Builder out) {
        V1Span.Endpoint endpoint = null;
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (V1Span.Annotation annotation : annotations) {
            if (annotation.value().isEmpty()) {
                continue;
            }
            SpanKind kind = CORE_ANNOTATION_KINDS.get(annotation.value());
            if (kind != null && endpoint == null && named(annotation.endpoint())) {
                endpoint = annotation.endpoint();
            }
            if (kind != null && out.getKind() == SpanKind.SPAN_KIND_UNSPECIFIED) {
                out.setKind(kind);
            }
            if (annotation.timestamp() < earliest) {
                earliest = annotation.timestamp();
                out.setStartTimeUnixNano(nanos(earliest));
            }
            if (annotation.timestamp() > latest) {
                latest = annotation.timestamp();
                out.setEndTimeUnixNano(nanos(latest));
            }
            if (kind == null) {
                out.addEvents(Span.Event.newBuilder().setTimeUnixNano(nanos(annotation.timestamp())).setName(annotation.value()));
            }
        }
        return endpoint == null ? new V1Span.Endpoint(UNKNOWN_SERVICE, "", "", 0) : endpoint;
    }

    private static boolean named(V1Span.Endpoint endpoint) {
        return endpoint != null && !endpoint.serviceName().isEmpty() && !endpoint.serviceName().equals(UNKNOWN_SERVICE);
    }

    /**
     * Attributes and status from the binary annotations; a later annotation of the same key replaces an earlier one.
     *
     * @return the service to name the span by when no core annotation does, or {@code ""}
     */
    private static String binaryAnnotations(List<V1Span.BinaryAnnotation> annotations, boolean parseStringTags, Span.Builder out) {
        V1Status status = new V1Status();
        String fallbackService = "";
        String localComponent = "";
        for (V1Span.BinaryAnnotation annotation : annotations) {
            if (annotation.serviceName() != null) {
                fallbackService = annotation.serviceName();
            }
            String key = annotation.key();
            AnyValue value = annotation.value();
            if (key.equals(LOCAL_COMPONENT)) {
                key = COMPONENT;
                localComponent = value.getStringValue();
            }
            if (parseStringTags && value.hasStringValue()) {
                value = TagValues.parse(value.getStringValue());
            }
            if (!status.read(key, value)) {
                put(out, key, value);
            }
        }
        Status read = status.status();
        if (read != null) {
            out.setStatus(read);
        }
        return fallbackService.isEmpty() ? localComponent : fallbackService;
    }

    /** Sets an attribute in place of any of the same key, as pdata's map does. */
    private static void put(Span.Builder out, String key, AnyValue value) {
        KeyValue attribute = KeyValue.newBuilder().setKey(key).setValue(value).build();
        for (int i = 0; i < out.getAttributesCount(); i++) {
            if (out.getAttributes(i).getKey().equals(key)) {
                out.setAttributes(i, attribute);
                return;
            }
        }
        out.addAttributes(attribute);
    }

    private static Resource resource(V1Span.Endpoint endpoint) {
        Resource.Builder resource = Resource.newBuilder().addAttributes(ZipkinTranslator.string(ZipkinTranslator.SERVICE_NAME, endpoint.serviceName()));
        if (!endpoint.ipv4().isEmpty()) {
            resource.addAttributes(ZipkinTranslator.string("ipv4", endpoint.ipv4()));
        }
        if (!endpoint.ipv6().isEmpty()) {
            resource.addAttributes(ZipkinTranslator.string("ipv6", endpoint.ipv6()));
        }
        if (endpoint.port() != 0) {
            resource.addAttributes(ZipkinTranslator.string("port", Integer.toString(endpoint.port())));
        }
        return resource.build();
    }

    /** Microseconds to nanoseconds; none before the epoch, as otelcol reads them. */
    private static long nanos(long micros) {
        return micros <= 0 ? 0 : micros * NANOS_PER_MICRO;
    }
}
