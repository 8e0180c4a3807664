package io.tributary.compat;

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
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One OTLP request that walks the rules an exporter's translation has to get right: every span
 * kind and status, local and remote endpoints from old and current semantic conventions (IPv4 and
 * IPv6), attribute values of every type, events with and without attributes, links, trace state,
 * a 64-bit trace ID, a span without timestamps, and resources that name their service by
 * {@code service.name}, by {@code faas.name}, or not at all. Addresses are documentation ranges:
 * they are only attribute values, nothing connects to them.
 */
final class MappingTraffic {
    private static final long T0 = 1_700_000_100_000_000_000L;
    private static final ByteString TRACE = id("5b8efff798038103d269b633813fc60c");
    private static final ByteString TRACE_64_BIT = id("0000000000000000000000000000a764");
    private static final ByteString TRACE_OTHER = id("463ac35c9f6413ad48485a3953bb6124");

    static final ExportTraceServiceRequest REQUEST = ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder()
                            .addAttributes(kv("service.name", str("mapping")))
                            .addAttributes(kv("host.name", str("lab-host")))
                            .addAttributes(kv("process.pid", AnyValue.newBuilder().setIntValue(4242).build())))
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
                    .addScopeSpans(ScopeSpans.newBuilder()
                            .setScope(InstrumentationScope.newBuilder().setName("mapping.scope").setVersion("2.0")
                                    .addAttributes(kv("scope.attr", str("s"))))
                            .addSpans(server())
                            .addSpans(clientOldConventions())
                            .addSpans(clientIpv6())
                            .addSpans(producer())
                            .addSpans(consumerWithLinks())
                            .addSpans(internalWithoutTimes())
                            .addSpans(unspecifiedKindOtherTrace()))
                    .addScopeSpans(ScopeSpans.newBuilder()
                            .addSpans(span(TRACE_64_BIT, 10, 0, "64-bit trace", SpanKind.SPAN_KIND_SERVER).build())))
            .addResourceSpans(ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(kv("faas.name", str("lab-function")))
                            .addAttributes(kv("cloud.provider", str("lab"))))
                    .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("faas"))
                            .addSpans(span(TRACE_OTHER, 11, 0, "invoke", SpanKind.SPAN_KIND_SERVER).build())))
            .addResourceSpans(ResourceSpans.newBuilder()
                    .addScopeSpans(ScopeSpans.newBuilder()
                            .addSpans(span(TRACE_OTHER, 12, 11, "anonymous", SpanKind.SPAN_KIND_CLIENT).build())))
            .build();

    static final int SPANS = REQUEST.getResourceSpansList().stream().flatMap(rs -> rs.getScopeSpansList().stream())
            .mapToInt(ScopeSpans::getSpansCount).sum();

    private MappingTraffic() {
    }

    /** POSTs {@link #REQUEST} as protobuf to the OTLP/HTTP receiver at {@code port} on loopback; fails unless it is accepted. */
    static void send(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(REQUEST.toByteArray())).build();
        HttpResponse<String> response = RunningCollector.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the OTLP receiver answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static Span server() {
        return span(TRACE, 1, 0, "GET /orders/{id}", SpanKind.SPAN_KIND_SERVER)
                .addAttributes(kv("http.request.method", str("GET")))
                .addAttributes(kv("http.response.status_code", AnyValue.newBuilder().setIntValue(503).build()))
                .addAttributes(kv("net.host.ip", str("192.0.2.10")))
                .addAttributes(kv("net.host.port", AnyValue.newBuilder().setIntValue(8080).build()))
                .addAttributes(kv("network.peer.address", str("192.0.2.99")))
                .addAttributes(kv("network.peer.port", AnyValue.newBuilder().setIntValue(50123).build()))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(T0 + 10).setName("plain"))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(T0 + 20).setName("with attributes")
                        .addAttributes(kv("retry", AnyValue.newBuilder().setBoolValue(true).build()))
                        .addAttributes(kv("count", AnyValue.newBuilder().setIntValue(3).build())))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(T0 + 30).setName("dropped").setDroppedAttributesCount(2))
                .setStatus(Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).setMessage("backend unavailable"))
                .setDroppedAttributesCount(1)
                .build();
    }

    private static Span clientOldConventions() {
        return span(TRACE, 2, 1, "SELECT orders", SpanKind.SPAN_KIND_CLIENT)
                .addAttributes(kv("peer.service", str("orders-db")))
                .addAttributes(kv("net.peer.ip", str("192.0.2.20")))
                .addAttributes(kv("net.peer.port", AnyValue.newBuilder().setIntValue(5432).build()))
                .addAttributes(kv("net.peer.name", str("db.example")))
                .addAttributes(kv("db.system", str("postgresql")))
                .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.125).build()))
                .addAttributes(kv("rows", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(1)).addValues(str("two"))).build()))
                .addAttributes(kv("shape", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("k", str("v")))).build()))
                .addAttributes(kv("raw", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xff})).build()))
                .setStatus(Status.newBuilder().setCode(StatusCode.STATUS_CODE_OK))
                .build();
    }

    private static Span clientIpv6() {
        return span(TRACE, 3, 1, "GET", SpanKind.SPAN_KIND_CLIENT)
                .addAttributes(kv("server.address", str("api.example")))
                .addAttributes(kv("server.port", AnyValue.newBuilder().setIntValue(443).build()))
                .addAttributes(kv("network.peer.address", str("2001:db8::1")))
                .addAttributes(kv("network.peer.port", AnyValue.newBuilder().setIntValue(443).build()))
                .addAttributes(kv("url.full", str("https://api.example/v1?q=1")))
                .build();
    }

    private static Span producer() {
        return span(TRACE, 4, 1, "orders publish", SpanKind.SPAN_KIND_PRODUCER)
                .setTraceState("vendor=value,other=1")
                .addAttributes(kv("messaging.system", str("kafka")))
                .addAttributes(kv("messaging.destination.name", str("orders")))
                .setStatus(Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR))
                .build();
    }

    private static Span consumerWithLinks() {
        return span(TRACE, 5, 4, "orders process", SpanKind.SPAN_KIND_CONSUMER)
                .addLinks(Span.Link.newBuilder().setTraceId(TRACE_OTHER).setSpanId(spanId(11)))
                .addLinks(Span.Link.newBuilder().setTraceId(TRACE).setSpanId(spanId(4)).setTraceState("k=v")
                        .addAttributes(kv("link.reason", str("batch"))).setDroppedAttributesCount(1))
                .setDroppedLinksCount(2)
                .setDroppedEventsCount(3)
                .build();
    }

    /** Neither start nor end time: what a translation makes of timestamps of zero. */
    private static Span internalWithoutTimes() {
        return span(TRACE, 6, 1, "no times", SpanKind.SPAN_KIND_INTERNAL)
                .setStartTimeUnixNano(0).setEndTimeUnixNano(0)
                .addAttributes(kv("empty", str("")))
                .build();
    }

    private static Span unspecifiedKindOtherTrace() {
        return span(TRACE_OTHER, 7, 11, "", SpanKind.SPAN_KIND_UNSPECIFIED).build();
    }

    /** A span of {@code trace} with id {@code n}, parent {@code parent} (0 for none), and a 1.5 ms duration after its own start. */
    private static Span.Builder span(ByteString trace, int n, int parent, String name, SpanKind kind) {
        Span.Builder span = Span.newBuilder().setTraceId(trace).setSpanId(spanId(n)).setName(name).setKind(kind)
                .setStartTimeUnixNano(T0 + n * 1_000_000L).setEndTimeUnixNano(T0 + n * 1_000_000L + 1_500_000L);
        if (parent != 0) {
            span.setParentSpanId(spanId(parent));
        }
        return span;
    }

    private static ByteString spanId(int n) {
        return id("%016x".formatted(0xa0a0_0000_0000_0000L + n));
    }

    private static ByteString id(String hex) {
        return ByteString.fromHex(hex);
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue str(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }
}
