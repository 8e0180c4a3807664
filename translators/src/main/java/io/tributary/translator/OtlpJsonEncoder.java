package io.tributary.translator;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.core.data.Traces;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes an {@code ExportTraceServiceRequest} as OTLP/JSON the way the Go collector's pdata
 * marshaler does, so what the {@code otlphttp} and {@code file} exporters write reads back in
 * otelcol and in our receiver: lowerCamelCase names, trace and span IDs as hex, enums as
 * integers, 64-bit integers as decimal strings, zero values left out, while {@code resource},
 * {@code scope}, {@code status} and a key's {@code value} are always written (as pdata does).
 */
public final class OtlpJsonEncoder {
    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder out = new StringBuilder(1024);
    /** Per open object: whether a field was written, so the next one needs a comma. */
    private boolean[] wrote = new boolean[16];
    private int depth;

    private OtlpJsonEncoder() {
    }

    /** One request, as UTF-8 JSON without a trailing newline. */
    public static byte[] write(Traces traces) {
        return write(traces.resourceSpans());
    }

    public static byte[] write(List<ResourceSpans> resourceSpans) {
        OtlpJsonEncoder json = new OtlpJsonEncoder();
        json.object(() -> json.array("resourceSpans", resourceSpans, json::resourceSpans));
        return json.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void resourceSpans(ResourceSpans rs) {
        object(() -> {
            field("resource");
            resource(rs.getResource());
            array("scopeSpans", rs.getScopeSpansList(), this::scopeSpans);
            string("schemaUrl", rs.getSchemaUrl());
        });
    }

    private void resource(Resource resource) {
        object(() -> {
            attributes(resource.getAttributesList());
            uint32("droppedAttributesCount", resource.getDroppedAttributesCount());
            array("entityRefs", resource.getEntityRefsList(), this::entityRef);
        });
    }

    private void entityRef(EntityRef ref) {
        object(() -> {
            string("schemaUrl", ref.getSchemaUrl());
            string("type", ref.getType());
            array("idKeys", ref.getIdKeysList(), this::stringValue);
            array("descriptionKeys", ref.getDescriptionKeysList(), this::stringValue);
        });
    }

    private void scopeSpans(ScopeSpans ss) {
        object(() -> {
            field("scope");
            scope(ss.getScope());
            array("spans", ss.getSpansList(), this::span);
            string("schemaUrl", ss.getSchemaUrl());
        });
    }

    private void scope(InstrumentationScope scope) {
        object(() -> {
            string("name", scope.getName());
            string("version", scope.getVersion());
            attributes(scope.getAttributesList());
            uint32("droppedAttributesCount", scope.getDroppedAttributesCount());
        });
    }

    private void span(Span span) {
        object(() -> {
            id("traceId", span.getTraceId());
            id("spanId", span.getSpanId());
            string("traceState", span.getTraceState());
            id("parentSpanId", span.getParentSpanId());
            uint32("flags", span.getFlags());
            string("name", span.getName());
            uint32("kind", span.getKindValue());
            uint64("startTimeUnixNano", span.getStartTimeUnixNano());
            uint64("endTimeUnixNano", span.getEndTimeUnixNano());
            attributes(span.getAttributesList());
            uint32("droppedAttributesCount", span.getDroppedAttributesCount());
            array("events", span.getEventsList(), this::event);
            uint32("droppedEventsCount", span.getDroppedEventsCount());
            array("links", span.getLinksList(), this::link);
            uint32("droppedLinksCount", span.getDroppedLinksCount());
            field("status");
            status(span.getStatus());
        });
    }

    private void event(Span.Event event) {
        object(() -> {
            uint64("timeUnixNano", event.getTimeUnixNano());
            string("name", event.getName());
            attributes(event.getAttributesList());
            uint32("droppedAttributesCount", event.getDroppedAttributesCount());
        });
    }

    private void link(Span.Link link) {
        object(() -> {
            id("traceId", link.getTraceId());
            id("spanId", link.getSpanId());
            string("traceState", link.getTraceState());
            attributes(link.getAttributesList());
            uint32("droppedAttributesCount", link.getDroppedAttributesCount());
            uint32("flags", link.getFlags());
        });
    }

    private void status(Status status) {
        object(() -> {
            string("message", status.getMessage());
            uint32("code", status.getCodeValue());
        });
    }

    private void attributes(List<KeyValue> attributes) {
        array("attributes", attributes, this::keyValue);
    }

    private void keyValue(KeyValue kv) {
        object(() -> {
            string("key", kv.getKey());
            field("value");
            anyValue(kv.getValue());
            uint32("keyStrindex", kv.getKeyStrindex());
        });
    }

    private void anyValue(AnyValue value) {
        object(() -> {
            switch (value.getValueCase()) {
                case STRING_VALUE -> {
                    field("stringValue");
                    stringValue(value.getStringValue());
                }
                case BOOL_VALUE -> {
                    field("boolValue");
                    out.append(value.getBoolValue());
                }
                case INT_VALUE -> {
                    field("intValue");
                    stringValue(Long.toString(value.getIntValue()));
                }
                case DOUBLE_VALUE -> {
                    field("doubleValue");
                    doubleValue(value.getDoubleValue());
                }
                case ARRAY_VALUE -> {
                    field("arrayValue");
                    object(() -> array("values", value.getArrayValue().getValuesList(), this::anyValue));
                }
                case KVLIST_VALUE -> {
                    field("kvlistValue");
                    object(() -> array("values", value.getKvlistValue().getValuesList(), this::keyValue));
                }
                case BYTES_VALUE -> {
                    field("bytesValue");
                    stringValue(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
                }
                case STRING_VALUE_STRINDEX -> {
                    field("stringValueStrindex");
                    out.append(value.getStringValueStrindex());
                }
                default -> {
                    // An empty value is an empty object.
                }
            }
        });
    }

    private void doubleValue(double value) {
        if (Double.isNaN(value)) {
            stringValue("NaN");
        } else if (Double.isInfinite(value)) {
            stringValue(value > 0 ? "Infinity" : "-Infinity");
        } else {
            AttributeJson.appendJsonNumber(out, value);
        }
    }

    private void id(String name, ByteString id) {
        if (!id.isEmpty()) {
            field(name);
            stringValue(HEX.formatHex(id.toByteArray()));
        }
    }

    private void string(String name, String value) {
        if (!value.isEmpty()) {
            field(name);
            stringValue(value);
        }
    }

    /** A proto uint32 or enum: a JSON number, omitted when zero. */
    private void uint32(String name, int value) {
        if (value != 0) {
            field(name);
            out.append(Integer.toUnsignedString(value));
        }
    }

    /** A proto fixed64: a decimal string, omitted when zero. */
    private void uint64(String name, long value) {
        if (value != 0) {
            field(name);
            stringValue(Long.toUnsignedString(value));
        }
    }

    private void stringValue(String value) {
        AttributeJson.appendJsonString(out, value);
    }

    private <T> void array(String name, List<T> items, Consumer<T> writer) {
        if (items.isEmpty()) {
            return;
        }
        field(name);
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writer.accept(items.get(i));
        }
        out.append(']');
    }

    private void object(Runnable fields) {
        if (depth == wrote.length) {
            wrote = Arrays.copyOf(wrote, depth * 2);
        }
        wrote[depth++] = false;
        out.append('{');
        fields.run();
        out.append('}');
        depth--;
    }

    private void field(String name) {
        if (wrote[depth - 1]) {
            out.append(',');
        }
        wrote[depth - 1] = true;
        out.append('"').append(name).append("\":");
    }
}
