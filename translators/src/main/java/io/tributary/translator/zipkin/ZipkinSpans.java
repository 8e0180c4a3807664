package io.tributary.translator.zipkin;

import io.tributary.translator.AttributeJson;

import static io.tributary.translator.zipkin.ZipkinTranslator.ERROR;
import static io.tributary.translator.zipkin.ZipkinTranslator.NET_HOST_IP;
import static io.tributary.translator.zipkin.ZipkinTranslator.NET_HOST_PORT;
import static io.tributary.translator.zipkin.ZipkinTranslator.NO_SERVICE_NAME;
import static io.tributary.translator.zipkin.ZipkinTranslator.SCOPE_NAME;
import static io.tributary.translator.zipkin.ZipkinTranslator.SCOPE_VERSION;
import static io.tributary.translator.zipkin.ZipkinTranslator.SERVICE_NAME;
import static io.tributary.translator.zipkin.ZipkinTranslator.SERVICE_NAME_SOURCE;
import static io.tributary.translator.zipkin.ZipkinTranslator.SPAN_KIND;
import static io.tributary.translator.zipkin.ZipkinTranslator.START_TIME_ABSENT;
import static io.tributary.translator.zipkin.ZipkinTranslator.STATUS_CODE;
import static io.tributary.translator.zipkin.ZipkinTranslator.STATUS_DESCRIPTION;
import static io.tributary.translator.zipkin.ZipkinTranslator.TRACE_STATE;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.core.data.Traces;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import zipkin2.Endpoint;
import zipkin2.Span;

/** OTLP → Zipkin v2, the exporter's direction of {@link ZipkinTranslator}. */
final class ZipkinSpans {
    /** Resource attributes that name the service when {@code service.name} is absent, in otelcol's order. */
    private static final List<String> SERVICE_NAME_FALLBACKS = List.of("faas.name", "k8s.deployment.name", "process.executable.name");

    private ZipkinSpans() {
    }

    static List<Span> of(Traces traces) {
        List<Span> spans = new ArrayList<>(traces.spanCount());
        for (ResourceSpans resource : traces.resourceSpans()) {
            Map<String, String> resourceTags = new LinkedHashMap<>();
            resource.getResource().getAttributesList().forEach(kv -> resourceTags.put(kv.getKey(), text(kv.getValue())));
            String service = serviceName(resourceTags);
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                Map<String, String> scopeTags = new LinkedHashMap<>(resourceTags);
                // As otelcol: the scope's attributes are tags too, under its name and version.
                scope.getScope().getAttributesList().forEach(kv -> scopeTags.put(kv.getKey(), text(kv.getValue())));
                if (!scope.getScope().getName().isEmpty()) {
                    scopeTags.put(SCOPE_NAME, scope.getScope().getName());
                }
                if (!scope.getScope().getVersion().isEmpty()) {
                    scopeTags.put(SCOPE_VERSION, scope.getScope().getVersion());
                }
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    spans.add(toSpan(span, service, scopeTags));
                }
            }
        }
        return spans;
    }

    /**
     * The local service: {@code service.name}, else (as otelcol) the first of {@link #SERVICE_NAME_FALLBACKS}, which then
     * leaves the tags and is named in {@code otlp.service.name.source}; else {@link ZipkinTranslator#NO_SERVICE_NAME}.
     */
    private static String serviceName(Map<String, String> resourceTags) {
        String name = resourceTags.remove(SERVICE_NAME);
        if (name != null) {
            return name.isEmpty() ? NO_SERVICE_NAME : name;
        }
        for (String key : SERVICE_NAME_FALLBACKS) {
            String fallback = resourceTags.remove(key);
            if (fallback != null) {
                resourceTags.put(SERVICE_NAME_SOURCE, key);
                return fallback;
            }
        }
        return NO_SERVICE_NAME;
    }

    private static Span toSpan(io.opentelemetry.proto.trace.v1.Span span, String service, Map<String, String> inherited) {
        Map<String, String> tags = new LinkedHashMap<>(inherited);
        span.getAttributesList().forEach(kv -> tags.put(kv.getKey(), text(kv.getValue())));
        Span.Builder out = Span.newBuilder()
                .traceId(ZipkinTranslator.hex(span.getTraceId()))
                .id(ZipkinTranslator.hex(span.getSpanId()))
                .name(span.getName());
        if (!span.getParentSpanId().isEmpty()) {
            out.parentId(ZipkinTranslator.hex(span.getParentSpanId()));
        }
        if (!span.getTraceState().isEmpty()) {
            tags.put(TRACE_STATE, span.getTraceState());
        }
        boolean startAbsent = tags.remove(START_TIME_ABSENT) != null || span.getStartTimeUnixNano() == 0;
        if (!startAbsent) {
            out.timestamp(span.getStartTimeUnixNano() / 1000);
        }
        long nanos = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
        if (span.getEndTimeUnixNano() != 0 && nanos > 0) {
            // Zipkin drops a zero duration; a sub-microsecond span still took time.
            out.duration(Math.max(1, nanos / 1000));
        }
        switch (span.getKind()) {
            case SPAN_KIND_CLIENT -> out.kind(Span.Kind.CLIENT);
            case SPAN_KIND_SERVER -> out.kind(Span.Kind.SERVER);
            case SPAN_KIND_PRODUCER -> out.kind(Span.Kind.PRODUCER);
            case SPAN_KIND_CONSUMER -> out.kind(Span.Kind.CONSUMER);
            case SPAN_KIND_INTERNAL -> tags.put(SPAN_KIND, "internal");
            default -> {
            }
        }
        out.localEndpoint(localEndpoint(tags, service));
        out.remoteEndpoint(RemoteEndpoint.of(span.getKind(), tags));
        status(span.getStatus(), tags);
        for (io.opentelemetry.proto.trace.v1.Span.Event event : span.getEventsList()) {
            out.addAnnotation(event.getTimeUnixNano() / 1000, annotation(event));
        }
        LinkTags.write(span.getLinksList(), tags);
        tags.forEach(out::putTag);
        return out.build();
    }

    /** The resource's service, with the address otelcol reads from {@code net.host.*}; null when there is nothing to say. */
    private static Endpoint localEndpoint(Map<String, String> tags, String service) {
        Endpoint.Builder endpoint = Endpoint.newBuilder().serviceName(service);
        String ip = tags.remove(NET_HOST_IP);
        if (ip != null) {
            endpoint.ip(ip);
        }
        String port = tags.remove(NET_HOST_PORT);
        if (port != null) {
            try {
                endpoint.port(Integer.parseInt(port));
            } catch (NumberFormatException ignored) {
                // otelcol drops an unparsable port too
            }
        }
        Endpoint built = endpoint.build();
        return built.serviceName() == null && built.ipv4() == null && built.ipv6() == null ? null : built;
    }

    private static void status(Status status, Map<String, String> tags) {
        // Zipkin treats any span with an "error" tag as failed, so it is only sent for ERROR.
        if (status.getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
            tags.put(ERROR, "true");
        } else {
            tags.remove(ERROR);
        }
        if (status.getCode() == Status.StatusCode.STATUS_CODE_UNSET) {
            return;
        }
        tags.put(STATUS_CODE, status.getCode() == Status.StatusCode.STATUS_CODE_ERROR ? "ERROR" : "OK");
        if (!status.getMessage().isEmpty()) {
            tags.put(STATUS_DESCRIPTION, status.getMessage());
        }
    }

    /** An event with attributes becomes otelcol's {@code name|{json attributes}|dropped count}. */
    private static String annotation(io.opentelemetry.proto.trace.v1.Span.Event event) {
        if (event.getAttributesCount() == 0 && event.getDroppedAttributesCount() == 0) {
            return event.getName();
        }
        return event.getName() + "|" + AttributeJson.write(event.getAttributesList()) + "|" + event.getDroppedAttributesCount();
    }

    /** An attribute as Zipkin's string tag value, the way otelcol's {@code AsString} renders it. */
    static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> doubleText(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> AttributeJson.write(value);
            default -> "";
        };
    }

    /**
     * A double as otelcol's {@code AsString} writes it: JSON's number form (shortest digits, an exponent only below 1e-6
     * or from 1e21) with the exponent unpadded ({@code 1e-7}), and no number for NaN or the infinities.
     */
    static String doubleText(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "json: unsupported value: " + (Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf");
        }
        return AttributeJson.number(d);
    }
}
