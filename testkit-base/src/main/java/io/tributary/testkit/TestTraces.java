package io.tributary.testkit;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * OTLP trace data for tests. Small data is built from what a test cares about: a span's name and
 * string attributes, or its trace ID and position; a resource's service name; a scope's name;
 * every other field is left unset. {@link #random} makes requests that use every field.
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

    /** One span per name, each made by {@link #span(String, String...)}. */
    public static List<Span> spans(String... names) {
        return Stream.of(names).map(name -> span(name)).toList();
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
        return attribute(key, string(value));
    }

    public static KeyValue attribute(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    /** As {@link #attribute(String, AnyValue)}, for a value still being built: {@code attribute("n", AnyValue.newBuilder().setIntValue(3))}. */
    public static KeyValue attribute(String key, AnyValue.Builder value) {
        return attribute(key, value.build());
    }

    public static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    /** An attribute of any type: see {@link #value}. */
    public static KeyValue attribute(String key, Object value) {
        return attribute(key, value(value));
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
            ArrayValue.Builder array = any.getArrayValueBuilder();
            list.forEach(item -> array.addValues(value(item)));
        } else if (value instanceof Map<?, ?> map) {
            KeyValueList.Builder kvlist = any.getKvlistValueBuilder();
            map.forEach((k, v) -> kvlist.addValues(attribute((String) k, value(v))));
        } else {
            throw new IllegalArgumentException("no OTLP value for " + value.getClass().getName());
        }
        return any.build();
    }

    /** Attribute values by key, in order: for asserting on what arrived. */
    public static Map<String, AnyValue> attributes(List<KeyValue> attributes) {
        Map<String, AnyValue> byKey = new LinkedHashMap<>();
        attributes.forEach(attribute -> byKey.put(attribute.getKey(), attribute.getValue()));
        return byKey;
    }

    /** Spans under an instrumentation scope named {@code name}. */
    public static ScopeSpans scope(String name, Span... spans) {
        return scope(name, List.of(spans));
    }

    public static ScopeSpans scope(String name, List<Span> spans) {
        return ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName(name)).addAllSpans(spans).build();
    }

    /** A resource with {@code service.name} set to {@code service} and nothing under it. */
    public static ResourceSpans resource(String service) {
        return resource(service, new ScopeSpans[0]);
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

    /** Every span as "service/scope/span", in order: what splitting, routing or merging must keep. */
    public static List<String> names(List<ResourceSpans> resources) {
        List<String> names = new ArrayList<>();
        for (ResourceSpans resource : resources) {
            String service = resource.getResource().getAttributes(0).getValue().getStringValue();
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    names.add(service + "/" + scope.getScope().getName() + "/" + span.getName());
                }
            }
        }
        return names;
    }

    /**
     * A request of up to three resources, scopes and five spans each, drawn from {@code random}:
     * every field of every message set to some value, texts from a few languages and emoji,
     * attribute values of every type nested up to three deep, any of them possibly empty.
     */
    public static ExportTraceServiceRequest random(Random random) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int r = random.nextInt(4); r > 0; r--) {
            ResourceSpans.Builder resource = ResourceSpans.newBuilder().setSchemaUrl(text(random));
            if (random.nextBoolean()) {
                resource.setResource(Resource.newBuilder()
                        .addAttributes(attribute("service.name", text(random)))
                        .setDroppedAttributesCount(random.nextInt(3)));
            }
            for (int s = random.nextInt(4); s > 0; s--) {
                ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName(text(random)).setVersion(text(random)));
                for (int n = random.nextInt(6); n > 0; n--) {
                    scope.addSpans(randomSpan(random));
                }
                resource.addScopeSpans(scope);
            }
            request.addResourceSpans(resource);
        }
        return request.build();
    }

    private static Span randomSpan(Random random) {
        Span.Builder span = Span.newBuilder()
                .setTraceId(bytes(random, 16))
                .setSpanId(bytes(random, 8))
                .setTraceState(random.nextBoolean() ? "" : "vendor=" + random.nextInt(100))
                .setName(text(random))
                .setKindValue(random.nextInt(6))
                .setStartTimeUnixNano(random.nextLong())
                .setEndTimeUnixNano(random.nextLong())
                .setFlags(random.nextInt())
                .setDroppedAttributesCount(random.nextInt(2));
        if (random.nextBoolean()) {
            span.setParentSpanId(bytes(random, 8));
        }
        for (int a = random.nextInt(4); a > 0; a--) {
            span.addAttributes(attribute(text(random), value(random, 3)));
        }
        for (int e = random.nextInt(3); e > 0; e--) {
            span.addEvents(Span.Event.newBuilder()
                    .setTimeUnixNano(random.nextLong())
                    .setName(text(random))
                    .addAttributes(attribute("event.attr", value(random, 2))));
        }
        for (int l = random.nextInt(2); l > 0; l--) {
            span.addLinks(Span.Link.newBuilder()
                    .setTraceId(bytes(random, 16))
                    .setSpanId(bytes(random, 8))
                    .setTraceState("k=v")
                    .setFlags(1)
                    .addAttributes(attribute("link.attr", value(random, 1))));
        }
        if (random.nextBoolean()) {
            span.setStatus(Status.newBuilder().setCodeValue(random.nextInt(3)).setMessage(text(random)));
        }
        return span.build();
    }

    private static AnyValue value(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 7 : 5)) {
            case 0 -> string(text(random));
            case 1 -> AnyValue.newBuilder().setBoolValue(random.nextBoolean()).build();
            case 2 -> AnyValue.newBuilder().setIntValue(random.nextLong()).build();
            case 3 -> AnyValue.newBuilder().setDoubleValue(random.nextDouble()).build();
            case 4 -> AnyValue.newBuilder().setBytesValue(bytes(random, random.nextInt(5))).build();
            case 5 -> AnyValue.newBuilder()
                    .setArrayValue(ArrayValue.newBuilder().addValues(value(random, depth - 1)).addValues(value(random, depth - 1)))
                    .build();
            default -> AnyValue.newBuilder()
                    .setKvlistValue(KeyValueList.newBuilder().addValues(attribute(text(random), value(random, depth - 1))))
                    .build();
        };
    }

    private static String text(Random random) {
        String[] words = {"", "checkout", "GET /api/orders", "größe", "日本語", "emoji \uD83D\uDE80", "db.query"};
        return words[random.nextInt(words.length)];
    }

    private static ByteString bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }
}
