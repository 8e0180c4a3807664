package io.tributary.translator.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.tributary.core.data.Traces;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import zipkin2.Endpoint;
import zipkin2.Span;

/** The remote endpoint both ways, per the OpenTelemetry specification's Zipkin mapping ("Remote endpoint"). */
class RemoteEndpointTest {
    /** The specification's ranking of the attributes that name the remote service, best first. */
    private static final List<String> RANKING = List.of("peer.service", "server.address", "net.peer.name",
            "network.peer.address", "server.socket.domain", "server.socket.address", "net.sock.peer.name",
            "net.sock.peer.addr", "peer.hostname", "peer.address", "db.name");

    private static Span export(SpanKind kind, Map<String, Object> attributes) {
        io.opentelemetry.proto.trace.v1.Span.Builder span = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(ByteString.fromHex("0102030405060708090a0b0c0d0e0f10"))
                .setSpanId(ByteString.fromHex("1112131415161718"))
                .setName("call").setKind(kind)
                .setStartTimeUnixNano(1_000_000_000L).setEndTimeUnixNano(2_000_000_000L);
        attributes.forEach((key, value) -> span.addAttributes(KeyValue.newBuilder().setKey(key).setValue(value instanceof Integer i
                ? AnyValue.newBuilder().setIntValue(i) : AnyValue.newBuilder().setStringValue((String) value))));
        return ZipkinTranslator.toSpans(Traces.of(List.of(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("frontend"))))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)).build()))).get(0);
    }

    @Test
    void aClientSpanWithOnlyServerAddressAndPortNamesTheRemoteService() {
        Span span = export(SpanKind.SPAN_KIND_CLIENT, Map.of("server.address", "api.example.com", "server.port", 443));

        assertThat(span.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("api.example.com").port(443).build());
        assertThat(span.tags()).containsEntry("server.address", "api.example.com").containsEntry("server.port", "443");
    }

    @Test
    void networkPeerAddressGivesAnIpv4EndpointWithItsPort() {
        Span span = export(SpanKind.SPAN_KIND_CLIENT, Map.of("network.peer.address", "10.1.2.3", "network.peer.port", 5432));

        assertThat(span.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("10.1.2.3").ip("10.1.2.3").port(5432).build());
        assertThat(span.remoteEndpoint().ipv4()).isEqualTo("10.1.2.3");
    }

    @Test
    void networkPeerAddressGivesAnIpv6Endpoint() {
        Span span = export(SpanKind.SPAN_KIND_PRODUCER, Map.of("network.peer.address", "2001:db8::7", "network.peer.port", 9092));

        assertThat(span.remoteEndpoint().ipv6()).isEqualTo("2001:db8::7");
        assertThat(span.remoteEndpoint().ipv4()).isNull();
        assertThat(span.remoteEndpoint().portAsInt()).isEqualTo(9092);
    }

    @Test
    void theServerIsNamedAndTheSocketGivesTheAddress() {
        Span span = export(SpanKind.SPAN_KIND_CLIENT, Map.of("server.address", "db.internal", "server.port", 5432,
                "network.peer.address", "10.9.8.7", "network.peer.port", 15432));

        assertThat(span.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("db.internal").ip("10.9.8.7").port(15432).build());
    }

    static Stream<Integer> ranks() {
        return IntStream.range(0, RANKING.size()).boxed();
    }

    /** Every attribute of the ranking from this rank on is present, with a value naming it: the best one wins. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ranks")
    void theBestRankedAttributeNamesTheRemoteService(int rank) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        // Later ranks first, so attribute order cannot be what decides.
        for (int i = RANKING.size() - 1; i >= rank; i--) {
            attributes.put(RANKING.get(i), "rank-" + (i + 1));
        }

        Span span = export(SpanKind.SPAN_KIND_CLIENT, attributes);

        assertThat(span.remoteServiceName()).isEqualTo("rank-" + (rank + 1));
    }

    @Test
    void anEmptyPeerServiceGivesWayToTheNextRank() {
        Span span = export(SpanKind.SPAN_KIND_CLIENT, Map.of("peer.service", "", "server.address", "api.example.com"));

        assertThat(span.remoteServiceName()).isEqualTo("api.example.com");
    }

    @Test
    void serverAttributesOfAServerSpanDescribeItselfAndAreNotTheRemoteSide() {
        Span span = export(SpanKind.SPAN_KIND_SERVER, Map.of("server.address", "shop.example.com", "server.port", 8443,
                "network.peer.address", "192.0.2.10", "network.peer.port", 61000));

        assertThat(span.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().ip("192.0.2.10").port(61000).build());
    }

    @Test
    void peerServiceNamesTheRemoteSideOfAnyKindAsInOtelcol() {
        Span span = export(SpanKind.SPAN_KIND_CONSUMER, Map.of("peer.service", "kafka", "server.address", "broker-1"));

        assertThat(span.remoteServiceName()).isEqualTo("kafka");
        assertThat(span.tags()).doesNotContainKey("peer.service").containsEntry("server.address", "broker-1");
    }

    @Test
    void otelcolsNetPeerAttributesMoveIntoTheEndpoint() {
        Span span = export(SpanKind.SPAN_KIND_CLIENT, Map.of("peer.service", "db", "net.peer.ip", "10.0.0.2", "net.peer.port", 3306));

        assertThat(span.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("db").ip("10.0.0.2").port(3306).build());
        assertThat(span.tags()).doesNotContainKeys("peer.service", "net.peer.ip", "net.peer.port");
    }

    @Test
    void aSpanWithNothingAboutItsPeerHasNoRemoteEndpoint() {
        assertThat(export(SpanKind.SPAN_KIND_CLIENT, Map.of("http.method", "GET")).remoteEndpoint()).isNull();
    }

    private static Map<String, AnyValue> receive(Span span) {
        io.opentelemetry.proto.trace.v1.Span otlp = ZipkinTranslator.toTraces(List.of(span), false)
                .resourceSpans().get(0).getScopeSpans(0).getSpans(0);
        Map<String, AnyValue> attributes = new LinkedHashMap<>();
        otlp.getAttributesList().forEach(kv -> assertThat(attributes.put(kv.getKey(), kv.getValue())).as("duplicate " + kv.getKey()).isNull());
        return attributes;
    }

    private static Span.Builder zipkinClientSpan() {
        return Span.newBuilder().traceId("1").id("2").name("call").kind(Span.Kind.CLIENT).timestamp(1).duration(1)
                .localEndpoint(Endpoint.newBuilder().serviceName("frontend").build());
    }

    @Test
    void aReceivedRemoteEndpointBecomesPeerServiceAndPeerAddress() {
        Map<String, AnyValue> attributes = receive(zipkinClientSpan()
                .remoteEndpoint(Endpoint.newBuilder().serviceName("backend").ip("2001:db8::5").port(8080).build()).build());

        assertThat(attributes).containsEntry("peer.service", AnyValue.newBuilder().setStringValue("backend").build())
                .containsEntry("net.peer.ip", AnyValue.newBuilder().setStringValue("2001:db8::5").build())
                .containsEntry("net.peer.port", AnyValue.newBuilder().setIntValue(8080).build());
    }

    @Test
    void anExplicitPeerServiceTagIsKeptOverTheRemoteEndpointsName() {
        Map<String, AnyValue> attributes = receive(zipkinClientSpan().putTag("peer.service", "payments")
                .remoteEndpoint(Endpoint.newBuilder().serviceName("payments-lb").build()).build());

        assertThat(attributes).containsEntry("peer.service", AnyValue.newBuilder().setStringValue("payments").build());
    }

    @Test
    void aSpanExportedFromServerAddressComesBackWithItsServiceAndAttributes() {
        Span exported = export(SpanKind.SPAN_KIND_CLIENT, Map.of("server.address", "api.example.com", "server.port", 443));

        Map<String, AnyValue> attributes = receive(exported);

        assertThat(attributes).containsEntry("server.address", AnyValue.newBuilder().setStringValue("api.example.com").build())
                .containsEntry("peer.service", AnyValue.newBuilder().setStringValue("api.example.com").build())
                .containsEntry("net.peer.port", AnyValue.newBuilder().setIntValue(443).build());
    }
}
