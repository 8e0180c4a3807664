package io.tributary.exporter.loadbalancing;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BackendRoutingTest {
    /** Keys starting with 'a' (a service name or a trace ID's first byte) go to backend-a, others to backend-b. */
    private static final Function<byte[], String> OWNER = key -> key.length > 0 && key[0] == 'a' ? "backend-a" : "backend-b";

    private static Span span(String traceId) {
        return Span.newBuilder().setTraceId(ByteString.copyFromUtf8(traceId)).setSpanId(ByteString.copyFromUtf8("01234567"))
                .setName(traceId).build();
    }

    private static Span named(String traceId, String serviceName) {
        return span(traceId).toBuilder().addAttributes(attribute("service.name", serviceName)).build();
    }

    private static ScopeSpans scopeSpans(List<KeyValue> scopeAttributes, Span... spans) {
        return ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("lib").addAllAttributes(scopeAttributes))
                .addAllSpans(List.of(spans)).build();
    }

    private static List<Span> spans(Traces traces) {
        return traces.resourceSpans().stream().flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream()).toList();
    }

    private static ResourceSpans resource(List<KeyValue> attributes, Span... spans) {
        return ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAllAttributes(attributes))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))).build();
    }

    private static ResourceSpans service(String name, Span... spans) {
        return resource(List.of(attribute("service.name", name)), spans);
    }

    private static Traces traces(ResourceSpans... resources) throws Exception {
        return Traces.parse(ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(resources)).build().toByteString());
    }

    @Test
    void byTraceIdEachSpanGoesWhereItsTraceIdIsOwned() throws Exception {
        Span a = span("aaaaaaaaaaaaaaaa");
        Span b = span("bbbbbbbbbbbbbbbb");
        Traces traces = traces(service("svc", a, b, a));

        Map<String, Traces> parts = BackendRouting.byBackend(traces, RoutingKey.TRACE_ID, OWNER);

        assertThat(parts.keySet()).containsExactly("backend-a", "backend-b");
        assertThat(parts.get("backend-a").resourceSpans()).containsExactly(service("svc", a, a));
        assertThat(parts.get("backend-b").resourceSpans()).containsExactly(service("svc", b));
    }

    @Test
    void byServiceEachResourceGoesWholeByTheStringValueOfItsFirstServiceName() throws Exception {
        ResourceSpans alpha = resource(List.of(attribute("host", "b"),
                attribute("service.name", "alpha")),
                span("bbbbbbbbbbbbbbbb"));
        ResourceSpans beta = service("beta", span("aaaaaaaaaaaaaaaa"));

        Map<String, Traces> parts = BackendRouting.byBackend(traces(alpha, beta), RoutingKey.SERVICE, OWNER);

        assertThat(parts.get("backend-a").resourceSpans()).containsExactly(alpha);
        assertThat(parts.get("backend-b").resourceSpans()).containsExactly(beta);
    }

    @Test
    void byServiceAResourceWithoutAStringServiceNameGoesWhereTheEmptyKeyIsOwned() throws Exception {
        // otelcol routes such a resource by the empty key instead of refusing it.
        ResourceSpans noName = resource(List.of(), span("aaaaaaaaaaaaaaaa"));
        ResourceSpans notAString = resource(List.of(attribute("service.name", AnyValue.newBuilder().setIntValue(1).build())),
                span("bbbbbbbbbbbbbbbb"));
        ResourceSpans named = service("alpha", span("cccccccccccccccc"));
        Function<byte[], String> owner = key -> key.length == 0 ? "empty-key" : "backend-a";

        Map<String, Traces> parts = BackendRouting.byBackend(traces(noName, notAString, named), RoutingKey.SERVICE, owner);

        assertThat(parts.get("empty-key").resourceSpans()).containsExactly(noName, notAString);
        assertThat(parts.get("backend-a").resourceSpans()).containsExactly(named);
    }

    @Test
    void byServiceWithoutOneOnTheResourceEachScopeGoesByItsScopesServiceName() throws Exception {
        // The spans' own service.name and trace IDs say otherwise: the scope's decides, as in otelcol.
        ScopeSpans alpha = scopeSpans(List.of(attribute("service.name", "alpha")), named("bbbbbbbbbbbbbbbb", "beta"));
        ScopeSpans beta = scopeSpans(List.of(attribute("service.name", "beta")), named("aaaaaaaaaaaaaaaa", "alpha"));
        ResourceSpans resource = ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAttributes(attribute("host", "h")))
                .addScopeSpans(alpha).addScopeSpans(beta).build();

        Map<String, Traces> parts = BackendRouting.byBackend(traces(resource), RoutingKey.SERVICE, OWNER);

        assertThat(parts.get("backend-a").resourceSpans()).containsExactly(resource.toBuilder().removeScopeSpans(1).build());
        assertThat(parts.get("backend-b").resourceSpans()).containsExactly(resource.toBuilder().removeScopeSpans(0).build());
    }

    @Test
    void byServiceWithoutOneOnTheResourceOrScopeEachTraceGoesByItsFirstSpansServiceNameInTheScope() throws Exception {
        Span firstOfA = named("1111111111111111", "alpha");
        Span laterOfA = named("1111111111111111", "beta");
        Span firstOfB = span("2222222222222222");
        Span laterOfB = named("2222222222222222", "alpha");
        Span onlyOfC = named("3333333333333333", "beta");
        // The same trace in another scope goes by its first span there.
        Span ofAInAnotherScope = named("1111111111111111", "beta");
        ResourceSpans resource = ResourceSpans.newBuilder().setResource(Resource.getDefaultInstance())
                .addScopeSpans(scopeSpans(List.of(), firstOfA, firstOfB, laterOfA, onlyOfC, laterOfB))
                .addScopeSpans(scopeSpans(List.of(), ofAInAnotherScope)).build();
        Function<byte[], String> owner = key -> key.length == 0 ? "empty-key" : OWNER.apply(key);

        Map<String, Traces> parts = BackendRouting.byBackend(traces(resource), RoutingKey.SERVICE, owner);

        assertThat(parts.keySet()).containsExactly("backend-a", "empty-key", "backend-b");
        assertThat(spans(parts.get("backend-a"))).containsExactly(firstOfA, laterOfA);
        assertThat(spans(parts.get("empty-key"))).containsExactly(firstOfB, laterOfB);
        assertThat(spans(parts.get("backend-b"))).containsExactly(onlyOfC, ofAInAnotherScope);
    }

    @Test
    void byServiceANameOnTheResourceThatIsNotAStringIsTheEmptyKeyEvenWithOneOnTheScope() throws Exception {
        ResourceSpans notAString = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", AnyValue.newBuilder().setIntValue(1).build())))
                .addScopeSpans(scopeSpans(List.of(attribute("service.name", "alpha")), span("aaaaaaaaaaaaaaaa"))).build();

        Map<String, Traces> parts = BackendRouting.byBackend(traces(notAString), RoutingKey.SERVICE,
                key -> key.length == 0 ? "empty-key" : "backend-a");

        assertThat(parts).containsOnlyKeys("empty-key");
    }

    @Test
    void aBatchGoingWholeToOneBackendIsPassedOnAsItCame() throws Exception {
        Traces traces = traces(service("alpha", span("aaaaaaaaaaaaaaaa")), service("another", span("abbbbbbbbbbbbbbb")));

        assertThat(BackendRouting.byBackend(traces, RoutingKey.TRACE_ID, OWNER)).containsExactly(Map.entry("backend-a", traces));
        assertThat(BackendRouting.byBackend(traces, RoutingKey.SERVICE, OWNER)).containsExactly(Map.entry("backend-a", traces));
    }
}
