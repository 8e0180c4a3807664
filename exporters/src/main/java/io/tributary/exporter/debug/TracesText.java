package io.tributary.exporter.debug;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Human-readable renderings of spans for the debug exporter's {@code normal} and {@code detailed} verbosities. */
final class TracesText {
    private static final HexFormat HEX = HexFormat.of();

    private TracesText() {
    }

    /** One line per span: name, IDs in hex, and the service it came from. */
    static String normal(List<ResourceSpans> resourceSpans) {
        StringBuilder out = new StringBuilder();
        for (ResourceSpans rs : resourceSpans) {
            String service = rs.getResource().getAttributesList().stream()
                    .filter(kv -> kv.getKey().equals("service.name"))
                    .map(kv -> value(kv.getValue()))
                    .findFirst().orElse("");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    if (!out.isEmpty()) {
                        out.append('\n');
                    }
                    out.append(span.getName())
                            .append(" trace_id=").append(hex(span.getTraceId()))
                            .append(" span_id=").append(hex(span.getSpanId()))
                            .append(" parent_id=").append(hex(span.getParentSpanId()))
                            .append(" service=").append(service);
                }
            }
        }
        return out.toString();
    }

    /** Every field of every resource, scope, span, event and link. */
    static String detailed(List<ResourceSpans> resourceSpans) {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < resourceSpans.size(); r++) {
            ResourceSpans rs = resourceSpans.get(r);
            out.append("ResourceSpans #").append(r).append('\n')
                    .append("Resource SchemaURL: ").append(rs.getSchemaUrl()).append('\n');
            attributes(out, "Resource attributes:", "", rs.getResource().getAttributesList());
            for (int s = 0; s < rs.getScopeSpansCount(); s++) {
                ScopeSpans ss = rs.getScopeSpans(s);
                InstrumentationScope scope = ss.getScope();
                out.append("ScopeSpans #").append(s).append('\n')
                        .append("ScopeSpans SchemaURL: ").append(ss.getSchemaUrl()).append('\n')
                        .append("InstrumentationScope ").append(scope.getName()).append(' ').append(scope.getVersion()).append('\n');
                attributes(out, "InstrumentationScope attributes:", "", scope.getAttributesList());
                for (int i = 0; i < ss.getSpansCount(); i++) {
                    span(out, i, ss.getSpans(i));
                }
            }
        }
        return out.toString();
    }

    private static void span(StringBuilder out, int index, Span span) {
        out.append("Span #").append(index).append('\n');
        field(out, "Trace ID", hex(span.getTraceId()));
        field(out, "Parent ID", hex(span.getParentSpanId()));
        field(out, "ID", hex(span.getSpanId()));
        field(out, "Name", span.getName());
        field(out, "Kind", titleCase(span.getKind().name(), "SPAN_KIND_"));
        field(out, "TraceState", span.getTraceState());
        field(out, "Flags", Integer.toString(span.getFlags()));
        field(out, "Start time", time(span.getStartTimeUnixNano()));
        field(out, "End time", time(span.getEndTimeUnixNano()));
        Status status = span.getStatus();
        field(out, "Status code", titleCase(status.getCode().name(), "STATUS_CODE_"));
        field(out, "Status message", status.getMessage());
        field(out, "DroppedAttributesCount", Integer.toString(span.getDroppedAttributesCount()));
        field(out, "DroppedEventsCount", Integer.toString(span.getDroppedEventsCount()));
        field(out, "DroppedLinksCount", Integer.toString(span.getDroppedLinksCount()));
        attributes(out, "Attributes:", "", span.getAttributesList());
        if (span.getEventsCount() > 0) {
            out.append("Events:\n");
            for (int e = 0; e < span.getEventsCount(); e++) {
                Span.Event event = span.getEvents(e);
                out.append("SpanEvent #").append(e).append('\n');
                entry(out, "", "Name", event.getName());
                entry(out, "", "Timestamp", time(event.getTimeUnixNano()));
                entry(out, "", "DroppedAttributesCount", Integer.toString(event.getDroppedAttributesCount()));
                attributes(out, "     -> Attributes::", "     ", event.getAttributesList());
            }
        }
        if (span.getLinksCount() > 0) {
            out.append("Links:\n");
            for (int l = 0; l < span.getLinksCount(); l++) {
                Span.Link link = span.getLinks(l);
                out.append("SpanLink #").append(l).append('\n');
                entry(out, "", "Trace ID", hex(link.getTraceId()));
                entry(out, "", "ID", hex(link.getSpanId()));
                entry(out, "", "TraceState", link.getTraceState());
                entry(out, "", "DroppedAttributesCount", Integer.toString(link.getDroppedAttributesCount()));
                attributes(out, "     -> Attributes::", "     ", link.getAttributesList());
            }
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("    ").append(String.format(Locale.ROOT, "%-15s", name)).append(": ").append(value).append('\n');
    }

    private static void entry(StringBuilder out, String indent, String key, String value) {
        out.append(indent).append("     -> ").append(key).append(": ").append(value).append('\n');
    }

    private static void attributes(StringBuilder out, String heading, String indent, List<KeyValue> attributes) {
        if (attributes.isEmpty()) {
            return;
        }
        out.append(heading).append('\n');
        for (KeyValue kv : attributes) {
            entry(out, indent, kv.getKey(), typed(kv.getValue()));
        }
    }

    /** A value with its type, e.g. {@code Str(GET)}, {@code Int(200)}. */
    private static String typed(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> "Str(" + v.getStringValue() + ")";
            case BOOL_VALUE -> "Bool(" + v.getBoolValue() + ")";
            case INT_VALUE -> "Int(" + v.getIntValue() + ")";
            case DOUBLE_VALUE -> "Double(" + v.getDoubleValue() + ")";
            case BYTES_VALUE -> "Bytes(" + hex(v.getBytesValue()) + ")";
            case ARRAY_VALUE -> "Slice(" + value(v) + ")";
            case KVLIST_VALUE -> "Map(" + value(v) + ")";
            default -> "Empty()";
        };
    }

    private static String value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BYTES_VALUE -> hex(v.getBytesValue());
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream()
                    .map(TracesText::value).collect(Collectors.joining(",", "[", "]"));
            case KVLIST_VALUE -> v.getKvlistValue().getValuesList().stream()
                    .map(kv -> kv.getKey() + ":" + value(kv.getValue())).collect(Collectors.joining(",", "{", "}"));
            default -> "";
        };
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    private static String time(long unixNanos) {
        return Instant.ofEpochSecond(0, unixNanos).toString();
    }

    /** {@code SPAN_KIND_SERVER} → {@code Server}. */
    private static String titleCase(String constant, String prefix) {
        String word = constant.startsWith(prefix) ? constant.substring(prefix.length()) : constant;
        return word.isEmpty() ? word : word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
    }
}
