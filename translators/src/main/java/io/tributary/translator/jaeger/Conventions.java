package io.tributary.translator.jaeger;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;

/** Tag names and values by which Jaeger carries OpenTelemetry concepts it has no field for. */
final class Conventions {
    static final String SERVICE_NAME = "service.name";
    /** The service name the Go collector gives a resource without attributes. */
    static final String NO_SERVICE_NAME = "OTLPResourceNoServiceName";
    static final String HOSTNAME = "hostname";
    static final String HOST_NAME = "host.name";
    static final String JAEGER_VERSION = "jaeger.version";
    static final String EXPORTER_VERSION = "opencensus.exporterversion";

    static final String SPAN_KIND = "span.kind";
    static final String ERROR = "error";
    static final String STATUS_CODE = "otel.status_code";
    static final String STATUS_DESCRIPTION = "otel.status_description";
    static final String STATUS_OK = "OK";
    static final String STATUS_ERROR = "ERROR";
    static final String HTTP_STATUS_CODE = "http.status_code";
    static final String HTTP_STATUS_MESSAGE = "http.status_message";
    static final String TRACE_STATE = "w3c.tracestate";
    static final String SCOPE_NAME = "otel.scope.name";
    static final String SCOPE_VERSION = "otel.scope.version";
    static final String LIBRARY_NAME = "otel.library.name";
    static final String LIBRARY_VERSION = "otel.library.version";
    static final String DROPPED_ATTRIBUTES_COUNT = "otel.dropped_attributes_count";
    static final String DROPPED_EVENTS_COUNT = "otel.dropped_events_count";
    static final String DROPPED_LINKS_COUNT = "otel.dropped_links_count";
    static final String EVENT = "event";
    static final String REF_TYPE = "opentracing.ref_type";
    static final String REF_CHILD_OF = "child_of";
    static final String REF_FOLLOWS_FROM = "follows_from";

    /** Jaeger's sampled flag and the W3C sampled bit OTLP keeps in the low byte of its span flags. */
    static final int SAMPLED = 0x1;

    private Conventions() {
    }

    static SpanKind kind(String tagValue) {
        return switch (tagValue) {
            case "client" -> SpanKind.SPAN_KIND_CLIENT;
            case "server" -> SpanKind.SPAN_KIND_SERVER;
            case "producer" -> SpanKind.SPAN_KIND_PRODUCER;
            case "consumer" -> SpanKind.SPAN_KIND_CONSUMER;
            case "internal" -> SpanKind.SPAN_KIND_INTERNAL;
            default -> SpanKind.SPAN_KIND_UNSPECIFIED;
        };
    }

    /** The {@code span.kind} tag value, or null for an unspecified kind. */
    static String kindTag(SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_CLIENT -> "client";
            case SPAN_KIND_SERVER -> "server";
            case SPAN_KIND_PRODUCER -> "producer";
            case SPAN_KIND_CONSUMER -> "consumer";
            case SPAN_KIND_INTERNAL -> "internal";
            default -> null;
        };
    }
}
