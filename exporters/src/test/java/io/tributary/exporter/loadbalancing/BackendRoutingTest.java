package io.tributary.exporter.loadbalancing;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
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
    void aBatchGoingWholeToOneBackendIsPassedOnAsItCame() throws Exception {
        Traces traces = traces(service("alpha", span("aaaaaaaaaaaaaaaa")), service("another", span("abbbbbbbbbbbbbbb")));

        assertThat(BackendRouting.byBackend(traces, RoutingKey.TRACE_ID, OWNER)).containsExactly(Map.entry("backend-a", traces));
        assertThat(BackendRouting.byBackend(traces, RoutingKey.SERVICE, OWNER)).containsExactly(Map.entry("backend-a", traces));
    }
}
