package io.tributary.exporter.loadbalancing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.data.Traces;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Cuts a batch into one part per backend, each span (or, by service, each resource) going where
 * the ring puts its key; resource and scope travel with every piece. A batch that goes whole to
 * one backend is passed on as it came, keeping its encoded bytes.
 */
final class TracesSplit {
    private TracesSplit() {
    }

    /**
     * @param owner the ring's lookup: routing key bytes to endpoint
     * @return parts by endpoint, in first-seen order
     * @throws PermanentException when routing by service and a resource has no {@code service.name}, as otelcol refuses it
     */
    static Map<String, Traces> byBackend(Traces traces, RoutingKey key, Function<byte[], String> owner) {
        Map<String, List<ResourceSpans>> parts = new LinkedHashMap<>();
        for (ResourceSpans resourceSpans : traces.resourceSpans()) {
            if (key == RoutingKey.SERVICE) {
                parts.computeIfAbsent(owner.apply(serviceName(resourceSpans)), e -> new ArrayList<>()).add(resourceSpans);
            } else {
                splitByTrace(resourceSpans, owner, parts);
            }
        }
        Map<String, Traces> result = new LinkedHashMap<>();
        if (parts.size() == 1) {
            result.put(parts.keySet().iterator().next(), traces);
        } else {
            parts.forEach((endpoint, list) -> result.put(endpoint, Traces.of(list)));
        }
        return result;
    }

    private static void splitByTrace(ResourceSpans resourceSpans, Function<byte[], String> owner,
            Map<String, List<ResourceSpans>> parts) {
        Map<String, Map<Integer, ScopeSpans.Builder>> pieces = new LinkedHashMap<>();
        ByteString lastTrace = null;
        String lastOwner = null;
        List<ScopeSpans> scopes = resourceSpans.getScopeSpansList();
        for (int s = 0; s < scopes.size(); s++) {
            ScopeSpans scope = scopes.get(s);
            for (Span span : scope.getSpansList()) {
                // Spans of one trace usually sit together: look the ring up once per run.
                if (!span.getTraceId().equals(lastTrace)) {
                    lastTrace = span.getTraceId();
                    lastOwner = owner.apply(lastTrace.toByteArray());
                }
                pieces.computeIfAbsent(lastOwner, e -> new LinkedHashMap<>())
                        .computeIfAbsent(s, i -> scope.toBuilder().clearSpans())
                        .addSpans(span);
            }
        }
        if (pieces.size() == 1) {
            parts.computeIfAbsent(pieces.keySet().iterator().next(), e -> new ArrayList<>()).add(resourceSpans);
            return;
        }
        ResourceSpans shell = resourceSpans.toBuilder().clearScopeSpans().build();
        pieces.forEach((endpoint, scopePieces) -> {
            ResourceSpans.Builder piece = shell.toBuilder();
            scopePieces.values().forEach(piece::addScopeSpans);
            parts.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(piece.build());
        });
    }

    private static byte[] serviceName(ResourceSpans resourceSpans) {
        for (KeyValue attribute : resourceSpans.getResource().getAttributesList()) {
            if (attribute.getKey().equals("service.name") && attribute.getValue().hasStringValue()) {
                return attribute.getValue().getStringValue().getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new PermanentException("unable to get service name: a resource has no service.name attribute", null);
    }
}
