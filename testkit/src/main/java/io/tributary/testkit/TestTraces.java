package io.tributary.testkit;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.Traces;
import java.util.List;
import java.util.Map;

/**
 * Small OTLP trace data for tests, built from what a test cares about: a span's name and string
 * attributes, or its trace ID and position; a resource's service name; a scope's name. Every
 * other field is left unset.
 */
public final class TestTraces {
    private TestTraces() {
    }

    /** A span named {@code name}, with string attributes given as key, value, key, value, ... */
    public static Span span(String name, String... keysAndValues) {
        Span.Builder span = Span.newBuilder().setName(name);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            span.addAttributes(attribute(keysAndValues[i], keysAndValues[i + 1]));
        }
        return span.build();
    }

    /** Span {@code index} of trace {@code traceId}: named {@code span-<index>}, its span ID {@link #spanId}. */
    public static Span span(ByteString traceId, int index) {
        return Span.newBuilder().setTraceId(traceId).setSpanId(spanId(index)).setName("span-" + index).build();
    }

    /** A distinct, valid (non-zero) 8-byte span ID per index. */
    public static ByteString spanId(int index) {
        long id = index + 1L;
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--, id >>>= 8) {
            bytes[i] = (byte) id;
        }
        return ByteString.copyFrom(bytes);
    }

    public static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /** An attribute of any type: see {@link #value}. */
    public static KeyValue attribute(String key, Object value) {
        return KeyValue.newBuilder().setKey(key).setValue(value(value)).build();
    }

    /**
     * The OTLP value of a Java one: String, Long or Integer (int), Double, Boolean, byte[], a
     * List (array) or a Map with String keys (kvlist) of such values.
     */
    public static AnyValue value(Object value) {
        AnyValue.Builder any = AnyValue.newBuilder();
        if (value instanceof String s) {
            any.setStringValue(s);
        } else if (value instanceof Long || value instanceof Integer) {
            any.setIntValue(((Number) value).longValue());
        } else if (value instanceof Double d) {
            any.setDoubleValue(d);
        } else if (value instanceof Boolean b) {
            any.setBoolValue(b);
        } else if (value instanceof byte[] bytes) {
            any.setBytesValue(ByteString.copyFrom(bytes));
        } else if (value instanceof List<?> list) {
            // The builder is taken first so that an empty list is still an (empty) array value.
            var array = any.getArrayValueBuilder();
            list.forEach(item -> array.addValues(value(item)));
        } else if (value instanceof Map<?, ?> map) {
            var kvlist = any.getKvlistValueBuilder();
            map.forEach((k, v) -> kvlist.addValues(KeyValue.newBuilder().setKey((String) k).setValue(value(v))));
        } else {
            throw new IllegalArgumentException("no OTLP value for " + value.getClass().getName());
        }
        return any.build();
    }

    /** Spans under an instrumentation scope named {@code name}. */
    public static ScopeSpans scope(String name, Span... spans) {
        return scope(name, List.of(spans));
    }

    public static ScopeSpans scope(String name, List<Span> spans) {
        return ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName(name)).addAllSpans(spans).build();
    }

    /** A resource with {@code service.name} set to {@code service}, holding these scopes. */
    public static ResourceSpans resource(String service, ScopeSpans... scopes) {
        return ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                .addAllScopeSpans(List.of(scopes))
                .build();
    }

    /** A resource with {@code service.name} set to {@code service}, its spans under one scope without a name. */
    public static ResourceSpans resource(String service, Span... spans) {
        return resource(service, ScopeSpans.newBuilder().addAllSpans(List.of(spans)).build());
    }

    public static ExportTraceServiceRequest request(ResourceSpans... resources) {
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(resources)).build();
    }

    public static Traces traces(ResourceSpans... resources) {
        return Traces.of(List.of(resources));
    }
}
