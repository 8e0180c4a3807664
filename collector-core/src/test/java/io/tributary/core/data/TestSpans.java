package io.tributary.core.data;

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
import java.util.List;
import java.util.Random;

/** Builds OTLP test data: small named fixtures, and random requests that use every field. */
final class TestSpans {
    private TestSpans() {
    }

    static Span span(String name) {
        return Span.newBuilder()
                .setTraceId(ByteString.copyFromUtf8("0123456789abcdef"))
                .setSpanId(ByteString.copyFromUtf8("01234567"))
                .setName(name)
                .build();
    }

    static ScopeSpans scope(String scopeName, String... spanNames) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName(scopeName));
        for (String name : spanNames) {
            scope.addSpans(span(name));
        }
        return scope.build();
    }

    static ResourceSpans resource(String service, ScopeSpans... scopes) {
        ResourceSpans.Builder resource = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(keyValue("service.name", string(service))))
                .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0");
        for (ScopeSpans scope : scopes) {
            resource.addScopeSpans(scope);
        }
        return resource.build();
    }

    static ExportTraceServiceRequest request(ResourceSpans... resources) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (ResourceSpans resource : resources) {
            request.addResourceSpans(resource);
        }
        return request.build();
    }

    /** Every resource, scope and span, as "service/scope/span" in order: what a split or concat must preserve. */
    static List<String> names(List<ResourceSpans> resources) {
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

    static ExportTraceServiceRequest random(Random random) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int r = random.nextInt(4); r > 0; r--) {
            ResourceSpans.Builder resource = ResourceSpans.newBuilder().setSchemaUrl(text(random));
            if (random.nextBoolean()) {
                resource.setResource(Resource.newBuilder()
                        .addAttributes(keyValue("service.name", string(text(random))))
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
            span.addAttributes(keyValue(text(random), value(random, 3)));
        }
        for (int e = random.nextInt(3); e > 0; e--) {
            span.addEvents(Span.Event.newBuilder()
                    .setTimeUnixNano(random.nextLong())
                    .setName(text(random))
                    .addAttributes(keyValue("event.attr", value(random, 2))));
        }
        for (int l = random.nextInt(2); l > 0; l--) {
            span.addLinks(Span.Link.newBuilder()
                    .setTraceId(bytes(random, 16))
                    .setSpanId(bytes(random, 8))
                    .setTraceState("k=v")
                    .setFlags(1)
                    .addAttributes(keyValue("link.attr", value(random, 1))));
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
                    .setKvlistValue(KeyValueList.newBuilder().addValues(keyValue(text(random), value(random, depth - 1))))
                    .build();
        };
    }

    static KeyValue keyValue(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
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
