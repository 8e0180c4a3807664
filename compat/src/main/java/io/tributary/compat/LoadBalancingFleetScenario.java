package io.tributary.compat;

import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.Await;
import io.tributary.testkit.LocalPorts;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.SplitMix64;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * One tier migrated: an agent whose {@code loadbalancing} exporters (static resolver, three
 * gateways; one pipeline routing by {@code traceID}, one by {@code service}) feed three gateways,
 * each exporting to its own recording backend. The scenario runs the all-otelcol fleet (the
 * reference), then the fleet with the given agent and gateway implementations, sends each the
 * same traffic, and compares where every span landed (the gateway's index in the sorted endpoint
 * list) and what it carried. In its differences "otelcol" is the all-otelcol fleet, "tributary"
 * the mixed one.
 *
 * <p>The {@code traceID} traffic has one trace for each position of otelcol's ring (CRC-32 of the
 * trace ID modulo {@value #RING_POSITIONS}), so it settles the owner of every position, also where
 * two endpoints' points collided and one was probed forward. The {@code service} traffic comes
 * from one SDK per service (and one whose resource has no {@code service.name}), plus one OTLP/HTTP
 * request holding traces that each span two services, as an upstream collector's batch would, and
 * one whose resources have no {@code service.name}: it is on their scopes, or on spans only (where
 * otelcol takes the first span's of each trace in a scope), or not a string on the resource.
 * Nothing is queued anywhere in the fleet, so the traffic has landed when the agent has answered.
 * The reference fleet's routes are written to {@code otelcol-fleet/routes.txt} in the form
 * HashRingTest replays.
 */
final class LoadBalancingFleetScenario implements Scenario {
    static final int RING_POSITIONS = 36000;
    private static final int GATEWAYS = 3;
    private static final long TRACE_SEED = 0x5EED_F1EE_7000_0001L;
    private static final long SERVICE_TRACE_SEED = 0x5EED_F1EE_7000_0002L;
    private static final long MULTI_SERVICE_SEED = 0x5EED_F1EE_7000_0004L;
    private static final long FALLBACK_SEED = 0x5EED_F1EE_7000_0008L;
    private static final String TRACES_SERVICE = "fleet-traces";
    /** Every tenth trace gets a child span: all spans of a trace must land together. */
    private static final int CHILD_EVERY = 10;
    private static final int TRACES_PER_SERVICE = 3;
    /** Service names, and null: a resource without {@code service.name}. */
    private static final List<String> SERVICES = services(40);
    private static final int SAMPLE_TRACES_EVERY = 900;
    private static final int MULTI_SERVICE_TRACES = 12;
    private static final String MULTI_SERVICE_PREFIX = "two-of-";
    /** Marks the resources of the request whose service names are on scopes and spans only. */
    private static final KeyValue FALLBACK_MARK = attribute("fleet.part", "service-fallback");
    private static final int FALLBACK_SCOPES = 6;
    private static final int FALLBACK_TRACES = 12;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    private static final String REFERENCE = "otelcol-fleet";

    private final String name;
    private final Implementation agent;
    private final Implementation gateways;

    LoadBalancingFleetScenario(String name, Implementation agent, Implementation gateways) {
        this.name = name;
        this.agent = agent;
        this.gateways = gateways;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome run(Lab lab) throws Exception {
        // Fixed for both fleets: the endpoints are the ring's input.
        List<String> endpoints = IntStream.range(0, GATEWAYS).mapToObj(i -> "127.0.0.1:" + LocalPorts.free())
                .sorted().toList();
        byte[][] traceIds = onePerRingPosition();
        List<String> notes = new ArrayList<>();
        JsonObject reference = runFleet(lab, REFERENCE, Implementation.OTELCOL, Implementation.OTELCOL, endpoints, traceIds, notes);
        JsonObject mixed = runFleet(lab, agent.label() + "-agent-" + gateways.label() + "-gateways", agent, gateways,
                endpoints, traceIds, notes);
        return new Outcome(TreeDiff.diff(reference, mixed), notes);
    }

    private JsonObject runFleet(Lab lab, String fleet, Implementation agentImplementation, Implementation gatewayImplementation,
            List<String> endpoints, byte[][] traceIds, List<String> notes) throws Exception {
        Path dir = lab.directory(name, fleet);
        List<RunningCollector> running = new ArrayList<>();
        try {
            for (int i = 0; i < endpoints.size(); i++) {
                running.add(lab.start(gatewayImplementation, name, fleet + "/gateway-" + i, gatewayConfig(endpoints.get(i))));
            }
            List<OtlpBackend> backends = running.stream().map(RunningCollector::grpcBackend).toList();
            RunningCollector agentCollector = lab.start(agentImplementation, name, fleet + "/agent", agentConfig(endpoints));
            running.add(agentCollector);

            int sent = send(agentCollector, traceIds, fleet, notes);
            try {
                // Delivery is synchronous: this waits only when spans were lost on the way.
                Await.until(() -> landed(backends) >= sent, DELIVERY_TIMEOUT, () -> "spans missing");
            } catch (AssertionError missing) {
                // Compared below: what did not arrive shows up as the difference.
            }
            notes.add(fleet + ": " + landed(backends) + " of " + sent + " spans landed, per gateway "
                    + backends.stream().map(b -> Integer.toString(b.spanCount())).collect(Collectors.joining("/")));
            if (fleet.equals(REFERENCE)) {
                Path routes = dir.resolve("routes.txt");
                Files.write(routes, routes(endpoints, traceIds, backends));
                notes.add("otelcol's routes for HashRingTest: " + lab.root().relativize(routes));
            }
            return LandedSpans.of(backends, LoadBalancingFleetScenario::trafficPart);
        } finally {
            Collections.reverse(running);
            running.forEach(RunningCollector::close);
        }
    }

    private static String trafficPart(ResourceSpans resource) {
        if (resource.getResource().getAttributesList().contains(FALLBACK_MARK)) {
            return "service-fallback-request";
        }
        String service = LandedSpans.serviceName(resource);
        return service.equals(TRACES_SERVICE) ? "traceID" : service.startsWith(MULTI_SERVICE_PREFIX) ? "multi-service-request" : "service";
    }

    private static String gatewayConfig(String endpoint) {
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: %s
                exporters:
                  otlp:
                    endpoint: {{backend:grpc}}
                    tls:
                      insecure: true
                    sending_queue:
                      enabled: false
                extensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlp]
                """.formatted(endpoint) + Configs.TELEMETRY;
    }

    private static String agentConfig(List<String> endpoints) {
        String loadBalancing = """
                    routing_key: %s
                    protocol:
                      otlp:
                        tls:
                          insecure: true
                        sending_queue:
                          enabled: false
                    resolver:
                      static:
                        hostnames: [%s]
                """;
        String hostnames = endpoints.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", "));
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp_grpc}}
                  otlp/service:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp_service}}
                      http:
                        endpoint: 127.0.0.1:{{port:otlp_service_http}}
                exporters:
                  loadbalancing:
                %s  loadbalancing/service:
                %sextensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [loadbalancing]
                    traces/service:
                      receivers: [otlp/service]
                      exporters: [loadbalancing/service]
                """.formatted(loadBalancing.formatted("traceID", hostnames), loadBalancing.formatted("service", hostnames))
                + Configs.TELEMETRY;
    }

    /** Sends the traffic and returns how many spans it sent. */
    private static int send(RunningCollector agent, byte[][] traceIds, String fleet, List<String> notes) throws Exception {
        int sent = 0;
        try (SdkSender traces = new SdkSender(agent.port("otlp_grpc"), TRACES_SERVICE)) {
            for (int position = 0; position < traceIds.length; position++) {
                SpanContext root = traces.root(traceIds[position], "position " + position);
                sent++;
                if (position % CHILD_EVERY == 0) {
                    traces.child(root, "child");
                    sent++;
                }
            }
            if (!traces.flush()) {
                notes.add(fleet + ": the agent refused spans of fleet-traces");
            }
        }
        SplitMix64 serviceTraceIds = new SplitMix64(SERVICE_TRACE_SEED);
        for (String service : SERVICES) {
            try (SdkSender sender = new SdkSender(agent.port("otlp_service"), service)) {
                for (int i = 0; i < TRACES_PER_SERVICE; i++) {
                    sender.root(serviceTraceIds.nextTraceId(), "operation " + i);
                    sent++;
                }
                if (!sender.flush()) {
                    notes.add(fleet + ": the agent refused the spans of " + (service == null ? "a resource without service.name" : service));
                }
            }
        }
        for (Map.Entry<String, ExportTraceServiceRequest> request : List.of(
                Map.entry("multi-service", multiServiceRequest()), Map.entry("service-fallback", serviceFallbackRequest()))) {
            HttpResponse<String> answer = RunningCollector.HTTP.send(HttpRequest.newBuilder(agent.url("otlp_service_http", "/v1/traces"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getValue().toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                notes.add(fleet + ": the agent answered the " + request.getKey() + " request with " + answer.statusCode() + " "
                        + answer.body());
            }
            sent += request.getValue().getResourceSpansList().stream().flatMap(r -> r.getScopeSpansList().stream())
                    .mapToInt(ScopeSpans::getSpansCount).sum();
        }
        return sent;
    }

    /** Traces that each span two services (two resources in one request), with fixed ids. */
    private static ExportTraceServiceRequest multiServiceRequest() {
        SplitMix64 random = new SplitMix64(MULTI_SERVICE_SEED);
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int trace = 0; trace < MULTI_SERVICE_TRACES; trace++) {
            ByteString traceId = ByteString.copyFrom(random.nextTraceId());
            for (String tier : List.of("frontend", "backend")) {
                request.addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(attribute("service.name", MULTI_SERVICE_PREFIX + tier + "-" + trace)))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setTraceId(traceId)
                                .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(random.nextLong()).array())).setName(tier))));
            }
        }
        return request.build();
    }

    /**
     * Resources without {@code service.name} (marked {@link #FALLBACK_MARK}): one whose scopes each
     * name a service (their spans name another), one whose spans do (a trace's later spans name
     * another; two traces name none), and one whose {@code service.name} is a number while its
     * scope names a service.
     */
    private static ExportTraceServiceRequest serviceFallbackRequest() {
        SplitMix64 random = new SplitMix64(FALLBACK_SEED);
        ResourceSpans.Builder byScope = fallbackResource();
        for (int scope = 0; scope < FALLBACK_SCOPES; scope++) {
            ScopeSpans.Builder spans = fallbackScope("scope-svc-" + scope);
            for (int trace = 0; trace < 2; trace++) {
                spans.addSpans(fallbackSpan(random, ByteString.copyFrom(random.nextTraceId()), "span-svc-ignored"));
            }
            byScope.addScopeSpans(spans);
        }
        ScopeSpans.Builder bySpan = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("fallback-spans"));
        List<ByteString> traceIds = new ArrayList<>();
        for (int trace = 0; trace < FALLBACK_TRACES + 2; trace++) {
            traceIds.add(ByteString.copyFrom(random.nextTraceId()));
        }
        for (int trace = 0; trace < FALLBACK_TRACES + 2; trace++) {
            bySpan.addSpans(fallbackSpan(random, traceIds.get(trace), trace < FALLBACK_TRACES ? "span-svc-" + trace : null));
        }
        for (int trace = 0; trace < FALLBACK_TRACES; trace++) {
            bySpan.addSpans(fallbackSpan(random, traceIds.get(trace), "later-svc-" + trace));
        }
        ResourceSpans.Builder notAString = fallbackResource();
        notAString.getResourceBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                .setValue(AnyValue.newBuilder().setIntValue(7)));
        notAString.addScopeSpans(fallbackScope("scope-svc-numeric-resource")
                .addSpans(fallbackSpan(random, ByteString.copyFrom(random.nextTraceId()), null)));
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(byScope).addResourceSpans(fallbackResource().addScopeSpans(bySpan))
                .addResourceSpans(notAString).build();
    }

    private static ResourceSpans.Builder fallbackResource() {
        return ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAttributes(FALLBACK_MARK));
    }

    private static ScopeSpans.Builder fallbackScope(String service) {
        return ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("fallback-scopes")
                .addAttributes(attribute("service.name", service)));
    }

    /** A span of {@code traceId}, with {@code service} as its {@code service.name} attribute unless null. */
    private static Span fallbackSpan(SplitMix64 random, ByteString traceId, String service) {
        Span.Builder span = Span.newBuilder().setTraceId(traceId)
                .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(random.nextLong()).array())).setName("fallback");
        if (service != null) {
            span.addAttributes(attribute("service.name", service));
        }
        return span.build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static int landed(List<OtlpBackend> backends) {
        return backends.stream().mapToInt(OtlpBackend::spanCount).sum();
    }

    /**
     * The routes as HashRingTest reads them: the endpoints, each ring position's gateway as one
     * digit ({@code ?} when its trace did not land on exactly one), sample trace IDs, and each
     * service's gateway.
     */
    private List<String> routes(List<String> endpoints, byte[][] traceIds, List<OtlpBackend> backends) {
        Map<String, Integer> traceGateway = new HashMap<>();
        Map<String, Integer> serviceGateway = new HashMap<>();
        for (int i = 0; i < backends.size(); i++) {
            for (ResourceSpans resource : backends.get(i).resourceSpans()) {
                if (resource.getResource().getAttributesList().contains(FALLBACK_MARK)) {
                    continue;
                }
                String service = LandedSpans.serviceName(resource);
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        traceGateway.merge(LandedSpans.hex(span.getTraceId().toByteArray()), i, (a, b) -> a.equals(b) ? a : -1);
                    }
                }
                serviceGateway.merge(service, i, (a, b) -> a.equals(b) ? a : -1);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Routes of otelcol v0.148.0's loadbalancing exporter (static resolver) in the compat lab's " + name
                + " scenario, all-otelcol fleet.");
        lines.add("# endpoint: the resolver's hostnames, sorted; the numbers below index them.");
        endpoints.forEach(e -> lines.add("endpoint " + e));
        lines.add("# positions: for each ring position 0.." + (RING_POSITIONS - 1)
                + ", the gateway that received the trace whose ID hashes there (CRC-32 modulo " + RING_POSITIONS + ").");
        StringBuilder positions = new StringBuilder();
        for (byte[] traceId : traceIds) {
            Integer gateway = traceGateway.get(LandedSpans.hex(traceId));
            positions.append(gateway == null || gateway < 0 ? '?' : (char) ('0' + gateway));
        }
        lines.add("positions " + positions);
        lines.add("# trace: sample trace IDs (routing_key traceID); service: service names (routing_key service); "
                + "no-service: a resource without service.name.");
        for (int position = 0; position < traceIds.length; position += SAMPLE_TRACES_EVERY) {
            String traceId = LandedSpans.hex(traceIds[position]);
            lines.add("trace " + traceGateway.get(traceId) + " " + traceId);
        }
        for (String service : SERVICES) {
            Integer gateway = serviceGateway.get(service == null ? "" : service);
            lines.add(service == null ? "no-service " + gateway : "service " + gateway + " " + service);
        }
        return lines;
    }

    /** For each ring position, the first trace ID of a fixed SplitMix64 stream that hashes there. */
    static byte[][] onePerRingPosition() {
        byte[][] traceIds = new byte[RING_POSITIONS][];
        SplitMix64 random = new SplitMix64(TRACE_SEED);
        CRC32 crc = new CRC32();
        for (int filled = 0; filled < RING_POSITIONS;) {
            byte[] traceId = random.nextTraceId();
            crc.reset();
            crc.update(traceId);
            int position = (int) (crc.getValue() % RING_POSITIONS);
            if (traceIds[position] == null) {
                traceIds[position] = traceId;
                filled++;
            }
        }
        return traceIds;
    }

    private static List<String> services(int count) {
        List<String> services = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            services.add(String.format("svc-%02d", i));
        }
        services.add(null);
        return Collections.unmodifiableList(services);
    }
}
