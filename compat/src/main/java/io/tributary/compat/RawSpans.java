package io.tributary.compat;

import static io.tributary.testkit.TestTraces.attribute;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP trace data built field by field for the processor scenarios: small numbers as ids (shown
 * as such in differences), attributes of any type as key, value, key, value, ...
 */
final class RawSpans {
    /** Every span starts at or after this time (2023-11-14), a millisecond apart per span id. */
    static final long T0 = 1_700_000_000_000_000_000L;

    private RawSpans() {
    }

    /** Trace id {@code n} as 16 bytes, e.g. {@code 00000000000000000000000000000002}. */
    static ByteString traceId(long n) {
        return ByteString.fromHex(String.format("%032x", n));
    }

    static ByteString spanId(long n) {
        return ByteString.fromHex(String.format("%016x", n));
    }

    /** Span {@code id} of trace {@code trace}, starting {@code id} ms after {@link #T0} and lasting 0.5 ms. */
    static Span span(long trace, long id, String name, SpanKind kind, Object... keysAndValues) {
        long start = T0 + id * 1_000_000L;
        return Span.newBuilder().setTraceId(traceId(trace)).setSpanId(spanId(id)).setName(name).setKind(kind)
                .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 500_000L).addAllAttributes(attributes(keysAndValues))
                .build();
    }

    static Span.Event event(String name, Object... keysAndValues) {
        return Span.Event.newBuilder().setName(name).setTimeUnixNano(T0).addAllAttributes(attributes(keysAndValues)).build();
    }

    static ScopeSpans scope(String name, String version, Span... spans) {
        return ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName(name).setVersion(version))
                .addAllSpans(List.of(spans)).build();
    }

    /** A resource whose attributes are {@code keysAndValues}. */
    static ResourceSpans resource(List<?> keysAndValues, ScopeSpans... scopes) {
        return ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAllAttributes(attributes(keysAndValues.toArray())))
                .addAllScopeSpans(List.of(scopes)).build();
    }

    static List<KeyValue> attributes(Object... keysAndValues) {
        List<KeyValue> attributes = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            attributes.add(attribute((String) keysAndValues[i], keysAndValues[i + 1]));
        }
        return attributes;
    }
}
