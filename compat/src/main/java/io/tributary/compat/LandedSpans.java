package io.tributary.compat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.OtlpBackend;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where each span of a fleet's traffic landed, for comparing fleets fed the same traffic span by
 * span whatever requests carried them: per span, keyed {@code [traceId/spanId]}, the indexes of
 * the recording backends that received it (one entry per copy) and its resource, scope and span
 * in canonical form (of the first copy); spans grouped by the part of the traffic they belong to.
 */
final class LandedSpans {
    private LandedSpans() {
    }

    /** @param group names the part of the traffic a resource's spans belong to: the tree's top-level members */
    static JsonObject of(List<OtlpBackend> backends, Function<ResourceSpans, String> group) {
        TreeMap<String, TreeMap<String, JsonObject>> groups = new TreeMap<>();
        for (int i = 0; i < backends.size(); i++) {
            for (ResourceSpans resource : backends.get(i).resourceSpans()) {
                TreeMap<String, JsonObject> spans = groups.computeIfAbsent(group.apply(resource), g -> new TreeMap<>());
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        spans.computeIfAbsent(key(span), k -> landed(resource, scope, span))
                                .getAsJsonArray("backends").add(i);
                    }
                }
            }
        }
        JsonObject all = new JsonObject();
        groups.forEach((name, spans) -> {
            JsonObject members = new JsonObject();
            spans.forEach(members::add);
            all.add(name, members);
        });
        return all;
    }

    /** The resource's {@code service.name}, or "" without one. */
    static String serviceName(ResourceSpans resource) {
        return resource.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                .map(a -> a.getValue().getStringValue()).findFirst().orElse("");
    }

    /** {@code [traceId/spanId]} in hex: bracketed, so that a difference's path reads {@code [...].backends[0]}. */
    private static String key(Span span) {
        return "[" + hex(span.getTraceId().toByteArray()) + "/" + hex(span.getSpanId().toByteArray()) + "]";
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static JsonObject landed(ResourceSpans resource, ScopeSpans scope, Span span) {
        JsonObject landed = new JsonObject();
        landed.add("backends", new JsonArray());
        landed.add("resource", CanonicalJson.of(resource.getResource()));
        landed.add("scope", CanonicalJson.of(scope.getScope()));
        landed.add("span", CanonicalJson.of(span));
        return landed;
    }
}
