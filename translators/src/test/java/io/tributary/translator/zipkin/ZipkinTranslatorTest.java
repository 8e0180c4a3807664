package io.tributary.translator.zipkin;

import static io.tributary.testkit.TestTraces.attribute;
import static io.tributary.testkit.TestTraces.attributes;
import static io.tributary.testkit.TestTraces.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.core.data.Traces;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

class ZipkinTranslatorTest {
    /** The example of the Zipkin API documentation (zipkin-api, POST /spans). */
    static final String API_EXAMPLE = """
            [{
              "id": "352bff9a74ca9ad2",
              "traceId": "5af7183fb1d4cf5f",
              "parentId": "6b221d5bc9e6496c",
              "name": "get /api",
              "timestamp": 1556604172355737,
              "duration": 1431,
              "kind": "SERVER",
              "localEndpoint": {"serviceName": "backend", "ipv4": "192.168.99.1", "port": 3306},
              "remoteEndpoint": {"ipv4": "172.19.0.2", "port": 58648},
              "annotations": [{"timestamp": 1556604172355800, "value": "wr"}],
              "tags": {"http.method": "GET", "http.path": "/api"}
            }]
            """;

    private static List<Span> decode(String json) {
        return SpanBytesDecoder.JSON_V2.decodeList(json.getBytes(StandardCharsets.UTF_8));
    }

    private static AnyValue integer(long i) {
        return AnyValue.newBuilder().setIntValue(i).build();
    }

    private static io.opentelemetry.proto.trace.v1.Span only(Traces traces) {
        assertThat(traces.spanCount()).isEqualTo(1);
        return traces.resourceSpans().get(0).getScopeSpans(0).getSpans(0);
    }

    @Test
    void apiExampleBecomesAServerSpanOfItsService() {
        Traces traces = ZipkinTranslator.toTraces(decode(API_EXAMPLE), false);

        ResourceSpans resource = traces.resourceSpans().get(0);
        assertThat(attributes(resource.getResource().getAttributesList())).containsExactly(Map.entry("service.name", string("backend")));
        io.opentelemetry.proto.trace.v1.Span span = only(traces);
        assertThat(span.getTraceId()).isEqualTo(ByteString.fromHex("00000000000000005af7183fb1d4cf5f"));
        assertThat(span.getSpanId()).isEqualTo(ByteString.fromHex("352bff9a74ca9ad2"));
        assertThat(span.getParentSpanId()).isEqualTo(ByteString.fromHex("6b221d5bc9e6496c"));
        assertThat(span.getName()).isEqualTo("get /api");
        assertThat(span.getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getStartTimeUnixNano()).isEqualTo(1556604172355737000L);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1556604172355737000L + 1431000L);
        assertThat(span.getEventsList()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("wr");
            assertThat(event.getTimeUnixNano()).isEqualTo(1556604172355800000L);
        });
        assertThat(attributes(span.getAttributesList())).containsOnly(
                Map.entry("http.method", string("GET")),
                Map.entry("http.path", string("/api")),
                Map.entry("net.host.ip", string("192.168.99.1")),
                Map.entry("net.host.port", integer(3306)),
                Map.entry("net.peer.ip", string("172.19.0.2")),
                Map.entry("net.peer.port", integer(58648)));
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    }

    @Test
    void a128BitTraceIdIsKept() {
        Span span = Span.newBuilder().traceId("463ac35c9f6413ad48485a3953bb6124").id("a2fb4a1d1a96d312").build();

        assertThat(only(ZipkinTranslator.toTraces(List.of(span), false)).getTraceId())
                .isEqualTo(ByteString.fromHex("463ac35c9f6413ad48485a3953bb6124"));
    }

    /** Found by ZipkinFuzzTest: zipkin2 decodes {@code "id":"000"}, and the Zipkin exporter then failed on it. */
    @Test
    void aShortAllZeroIdThatZipkinDecodesIsRefused() {
        List<Span> spans = SpanBytesDecoder.JSON_V2.decodeList("[{\"traceId\":\"1\",\"id\":\"000\"}]".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ZipkinTranslator.toTraces(spans, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all zeros");
    }

    @Test
    void spansAreGroupedIntoOneResourcePerServiceAndOneScopePerLibrary() {
        Traces traces = ZipkinTranslator.toTraces(List.of(
                span("1", "frontend", Map.of("otel.library.name", "okhttp", "otel.library.version", "4.1")),
                span("2", "backend", Map.of()),
                span("3", "frontend", Map.of("otel.scope.name", "servlet")),
                span("4", "frontend", Map.of("otel.library.name", "okhttp"))), false);

        assertThat(traces.resourceSpans()).hasSize(2);
        ResourceSpans frontend = traces.resourceSpans().get(0);
        assertThat(frontend.getResource().getAttributes(0).getValue().getStringValue()).isEqualTo("frontend");
        assertThat(frontend.getScopeSpansList()).extracting(ScopeSpans::getScope).containsExactly(
                InstrumentationScope.newBuilder().setName("okhttp").setVersion("4.1").build(),
                InstrumentationScope.newBuilder().setName("servlet").build());
        assertThat(frontend.getScopeSpans(0).getSpansCount()).isEqualTo(2);
        assertThat(attributes(frontend.getScopeSpans(0).getSpans(0).getAttributesList())).doesNotContainKey("otel.library.name");
        assertThat(traces.resourceSpans().get(1).getScopeSpans(0).getSpansCount()).isEqualTo(1);
    }

    @Test
    void aSpanWithoutServiceNameHasAResourceWithoutServiceName() {
        Span span = Span.newBuilder().traceId("1").id("2").build();

        assertThat(ZipkinTranslator.toTraces(List.of(span), false).resourceSpans().get(0).getResource().getAttributesList()).isEmpty();
    }

    @Test
    void resourceTagsOtelcolKnowsMoveToTheResource() {
        Traces traces = ZipkinTranslator.toTraces(List.of(span("1", "svc",
                Map.of("host.name", "h1", "k8s.cluster.name", "c1", "opencensus.resourcetype", "host", "k", "v"))), false);

        assertThat(attributes(traces.resourceSpans().get(0).getResource().getAttributesList())).containsOnly(
                Map.entry("service.name", string("svc")), Map.entry("host.name", string("h1")),
                Map.entry("k8s.cluster.name", string("c1")), Map.entry("opencensus.resourcetype", string("host")));
        assertThat(attributes(only(traces).getAttributesList())).containsOnlyKeys("k");
    }

    @Test
    void theServiceGoesToTheAttributeThatOtlpServiceNameSourceNames() {
        Traces traces = ZipkinTranslator.toTraces(List.of(span("1", "resize", Map.of("otlp.service.name.source", "faas.name"))), false);

        assertThat(attributes(traces.resourceSpans().get(0).getResource().getAttributesList()))
                .containsOnly(Map.entry("faas.name", string("resize")));
        assertThat(only(traces).getAttributesList()).isEmpty();
    }

    @Test
    void otlpLinkTagsBecomeLinks() {
        Traces traces = ZipkinTranslator.toTraces(List.of(span("1", "s", Map.of(
                "otlp.link.0", "463ac35c9f6413ad48485a3953bb6124|a0a000000000000b|k=v|{\"why\":\"a|b\",\"n\":2}|1",
                "otlp.link.1", "||k=w|{}|0",
                "otlp.link.3", "463ac35c9f6413ad48485a3953bb6124|a0a000000000000b||{}|0"))), false);

        io.opentelemetry.proto.trace.v1.Span out = only(traces);
        assertThat(out.getLinksList()).containsExactly(
                io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
                        .setTraceId(ByteString.fromHex("463ac35c9f6413ad48485a3953bb6124")).setSpanId(ByteString.fromHex("a0a000000000000b"))
                        .setTraceState("k=v").addAttributes(attribute("why", string("a|b"))).addAttributes(attribute("n", integer(2)))
                        .setDroppedAttributesCount(1).build(),
                io.opentelemetry.proto.trace.v1.Span.Link.newBuilder().setTraceState("k=w").build());
        assertThat(attributes(out.getAttributesList())).as("links are read up to the first index missing").containsOnlyKeys("otlp.link.3");
    }

    @Test
    void anOtlpLinkTagThatDoesNotParseStaysATag() {
        Traces traces = ZipkinTranslator.toTraces(List.of(span("1", "s", Map.of(
                "otlp.link.0", "not|a|link", "otlp.link.1", "463ac35c9f6413ad48485a3953bb6124|a0a000000000000b||{not json}|0"))), false);

        assertThat(only(traces).getLinksList()).isEmpty();
        assertThat(attributes(only(traces).getAttributesList())).containsOnlyKeys("otlp.link.0", "otlp.link.1");
    }

    @Test
    void remoteServiceNameBecomesPeerService() {
        Span span = Span.newBuilder().traceId("1").id("2").kind(Span.Kind.CLIENT)
                .remoteEndpoint(Endpoint.newBuilder().serviceName("db").ip("2001:db8::c001").port(5432).build()).build();

        io.opentelemetry.proto.trace.v1.Span out = only(ZipkinTranslator.toTraces(List.of(span), false));
        assertThat(out.getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        assertThat(attributes(out.getAttributesList())).contains(
                Map.entry("peer.service", string("db")),
                Map.entry("net.peer.ip", string("2001:db8::c001")),
                Map.entry("net.peer.port", integer(5432)));
    }

    @Test
    void producerAndConsumerKindsMap() {
        Span producer = Span.newBuilder().traceId("1").id("2").kind(Span.Kind.PRODUCER).build();
        Span consumer = Span.newBuilder().traceId("1").id("3").kind(Span.Kind.CONSUMER).build();

        Traces traces = ZipkinTranslator.toTraces(List.of(producer, consumer), false);
        assertThat(traces.resourceSpans().get(0).getScopeSpans(0).getSpansList())
                .extracting(io.opentelemetry.proto.trace.v1.Span::getKind)
                .containsExactly(SpanKind.SPAN_KIND_PRODUCER, SpanKind.SPAN_KIND_CONSUMER);
    }

    @Test
    void noKindIsUnspecifiedUnlessTaggedInternal() {
        Span none = Span.newBuilder().traceId("1").id("2").timestamp(1).build();
        Span internal = Span.newBuilder().traceId("1").id("3").timestamp(1).putTag("span.kind", "internal").build();

        List<io.opentelemetry.proto.trace.v1.Span> spans =
                ZipkinTranslator.toTraces(List.of(none, internal), false).resourceSpans().get(0).getScopeSpans(0).getSpansList();
        assertThat(spans).extracting(io.opentelemetry.proto.trace.v1.Span::getKind)
                .containsExactly(SpanKind.SPAN_KIND_UNSPECIFIED, SpanKind.SPAN_KIND_INTERNAL);
        assertThat(spans.get(1).getAttributesList()).isEmpty();
    }

    @Test
    void errorTrueIsAnErrorStatus() {
        io.opentelemetry.proto.trace.v1.Span out = only(ZipkinTranslator.toTraces(List.of(span("1", "s", Map.of("error", "true"))), false));

        assertThat(out.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(attributes(out.getAttributesList())).doesNotContainKey("error");
    }

    @Test
    void anErrorMessageTagIsAnErrorStatusAndStays() {
        io.opentelemetry.proto.trace.v1.Span out = only(ZipkinTranslator.toTraces(List.of(span("1", "s", Map.of("error", "timeout"))), false));

        assertThat(out.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(attributes(out.getAttributesList())).containsEntry("error", string("timeout"));
    }

    @Test
    void otelStatusTagsBecomeTheStatus() {
        io.opentelemetry.proto.trace.v1.Span out = only(ZipkinTranslator.toTraces(List.of(span("1", "s",
                Map.of("otel.status_code", "ERROR", "otel.status_description", "boom"))), false));

        assertThat(out.getStatus()).isEqualTo(Status.newBuilder()
                .setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom").build());
        assertThat(out.getAttributesList()).isEmpty();
    }

    @Test
    void stringTagsStayStringsByDefault() {
        io.opentelemetry.proto.trace.v1.Span out = only(ZipkinTranslator.toTraces(List.of(span("1", "s", Map.of("n", "42"))), false));

        assertThat(attributes(out.getAttributesList())).containsEntry("n", string("42"));
    }

    @Test
    void parseStringTagsTypesOnlyWhatOtelcolTypes() {
        io.opentelemetry.proto.trace.v1.Span out = only(ZipkinTranslator.toTraces(List.of(span("1", "s", Map.of(
                "int", "-42", "double", "1.5", "bool", "true", "one", "1", "huge", "99999999999999999999",
                "exponent", "1.5e3", "plus", "+1", "t", "t", "text", "1.2.3"))), true));

        assertThat(attributes(out.getAttributesList())).containsOnly(
                Map.entry("int", integer(-42)),
                Map.entry("double", AnyValue.newBuilder().setDoubleValue(1.5).build()),
                Map.entry("bool", AnyValue.newBuilder().setBoolValue(true).build()),
                Map.entry("one", integer(1)),
                Map.entry("huge", integer(Long.MAX_VALUE)),
                Map.entry("exponent", string("1.5e3")),
                Map.entry("plus", string("+1")),
                Map.entry("t", string("t")),
                Map.entry("text", string("1.2.3")));
    }

    @Test
    void traceStateTagBecomesTheTraceState() {
        io.opentelemetry.proto.trace.v1.Span out = only(ZipkinTranslator.toTraces(List.of(span("1", "s", Map.of("w3c.tracestate", "a=b"))), false));

        assertThat(out.getTraceState()).isEqualTo("a=b");
        assertThat(out.getAttributesList()).isEmpty();
    }

    @Test
    void aSpanWithoutTimestampIsMarkedAndExportedWithoutOne() {
        Span span = Span.newBuilder().traceId("1").id("2").duration(5).localEndpoint(Endpoint.newBuilder().serviceName("s").build()).build();

        Traces traces = ZipkinTranslator.toTraces(List.of(span), false);
        assertThat(only(traces).getStartTimeUnixNano()).isZero();
        assertThat(only(traces).getEndTimeUnixNano()).isEqualTo(5000);
        Span back = ZipkinTranslator.toSpans(traces).get(0);
        assertThat(back.timestamp()).isNull();
        assertThat(back.tags()).isEmpty();
    }

    @Test
    void anAnnotationOtelcolWroteForAnEventWithAttributesGetsThemBack() {
        Span span = Span.newBuilder().traceId("1").id("2")
                .addAnnotation(10, "exception|{\"exception.message\":\"a|b \\\"q\\\"\",\"n\":1,\"r\":0.5,\"ok\":true,\"skip\":[1]}|2").build();

        io.opentelemetry.proto.trace.v1.Span.Event event = only(ZipkinTranslator.toTraces(List.of(span), false)).getEvents(0);
        assertThat(event.getName()).isEqualTo("exception");
        assertThat(attributes(event.getAttributesList())).containsExactly(
                Map.entry("exception.message", string("a|b \"q\"")),
                Map.entry("n", integer(1)),
                Map.entry("r", AnyValue.newBuilder().setDoubleValue(0.5).build()),
                Map.entry("ok", AnyValue.newBuilder().setBoolValue(true).build()));
        assertThat(event.getDroppedAttributesCount()).isEqualTo(2);
    }

    @Test
    void anAnnotationThatOnlyLooksLikeOtelcolsIsNamedByItsWholeValue() {
        Span span = Span.newBuilder().traceId("1").id("2").addAnnotation(10, "cache|{not json}|1").build();

        io.opentelemetry.proto.trace.v1.Span.Event event = only(ZipkinTranslator.toTraces(List.of(span), false)).getEvents(0);
        assertThat(event.getName()).isEqualTo("cache|{not json}|1");
        assertThat(event.getAttributesList()).isEmpty();
    }

    @Test
    void otlpBecomesZipkinWithEndpointsStatusAndAnnotations() {
        Traces traces = Traces.of(List.of(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", string("api"))).addAttributes(attribute("host.name", string("h"))))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1.0"))
                        .addSpans(otlpSpan().toBuilder()
                                .setKind(SpanKind.SPAN_KIND_CLIENT)
                                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("bad"))
                                .addAttributes(attribute("net.host.ip", string("10.0.0.1")))
                                .addAttributes(attribute("net.host.port", integer(8080)))
                                .addAttributes(attribute("peer.service", string("db")))
                                .addAttributes(attribute("net.peer.ip", string("10.0.0.2")))
                                .addAttributes(attribute("retries", integer(3)))
                                .addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
                                        .setName("retry").setTimeUnixNano(1_500_000_000_000L))))
                .build()));

        Span span = ZipkinTranslator.toSpans(traces).get(0);
        assertThat(span.traceId()).isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(span.id()).isEqualTo("1112131415161718");
        assertThat(span.parentId()).isEqualTo("2122232425262728");
        assertThat(span.kind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(span.timestampAsLong()).isEqualTo(1_000_000_000L);
        assertThat(span.durationAsLong()).isEqualTo(2_000_000_000L);
        assertThat(span.localEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("api").ip("10.0.0.1").port(8080).build());
        assertThat(span.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("db").ip("10.0.0.2").build());
        assertThat(span.annotations()).extracting(a -> a.value()).containsExactly("retry");
        assertThat(span.tags()).containsOnly(
                Map.entry("host.name", "h"),
                Map.entry("otel.scope.name", "lib"),
                Map.entry("otel.scope.version", "1.0"),
                Map.entry("retries", "3"),
                Map.entry("error", "true"),
                Map.entry("otel.status_code", "ERROR"),
                Map.entry("otel.status_description", "bad"));
    }

    @Test
    void aResourceWithoutServiceNameGetsTheNoServiceMarker() {
        Traces traces = Traces.of(List.of(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(otlpSpan())).build()));

        assertThat(ZipkinTranslator.toSpans(traces).get(0).localServiceName()).isEqualTo(ZipkinTranslator.NO_SERVICE_NAME.toLowerCase());
    }

    @Test
    void withoutServiceNameTheServiceIsNamedByFaasNameAsOtelcolDoes() {
        Traces traces = Traces.of(List.of(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("process.executable.name", "java"))
                        .addAttributes(attribute("faas.name", "resize")))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(otlpSpan())).build()));

        Span span = ZipkinTranslator.toSpans(traces).get(0);
        assertThat(span.localServiceName()).isEqualTo("resize");
        assertThat(span.tags()).containsEntry("otlp.service.name.source", "faas.name")
                .containsEntry("process.executable.name", "java").doesNotContainKey("faas.name");
    }

    @Test
    void scopeAttributesAreTagsBesideTheScopeNameAndOnlyForThatScope() {
        Traces traces = Traces.of(List.of(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "api")))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("lib").addAttributes(attribute("scope.attr", "s")))
                        .addSpans(otlpSpan()))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(otlpSpan()))
                .build()));

        List<Span> spans = ZipkinTranslator.toSpans(traces);
        assertThat(spans.get(0).tags()).containsOnly(Map.entry("otel.scope.name", "lib"), Map.entry("scope.attr", "s"));
        assertThat(spans.get(1).tags()).isEmpty();
    }

    @Test
    void linksBecomeOtlpLinkTagsAsOtelcolWritesThem() {
        Traces traces = Traces.of(List.of(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(otlpSpan().toBuilder()
                        .addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
                                .setTraceId(ByteString.fromHex("463ac35c9f6413ad48485a3953bb6124")).setSpanId(ByteString.fromHex("a0a000000000000b")))
                        .addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
                                .setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60c")).setSpanId(ByteString.fromHex("a0a0000000000004"))
                                .setTraceState("k=v").addAttributes(attribute("link.reason", "batch")).setDroppedAttributesCount(1))))
                .build()));

        assertThat(ZipkinTranslator.toSpans(traces).get(0).tags()).containsOnly(
                Map.entry("otlp.link.0", "463ac35c9f6413ad48485a3953bb6124|a0a000000000000b||{}|0"),
                Map.entry("otlp.link.1", "5b8efff798038103d269b633813fc60c|a0a0000000000004|k=v|{\"link.reason\":\"batch\"}|1"));
    }

    @Test
    void doubleTagsAreWrittenAsOtelcolsAsString() {
        assertThat(ZipkinSpans.doubleText(-0.0)).isEqualTo("-0");
        assertThat(ZipkinSpans.doubleText(3.0)).isEqualTo("3");
        assertThat(ZipkinSpans.doubleText(0.125)).isEqualTo("0.125");
        assertThat(ZipkinSpans.doubleText(1e15)).isEqualTo("1000000000000000");
        assertThat(ZipkinSpans.doubleText(1e21)).isEqualTo("1e+21");
        assertThat(ZipkinSpans.doubleText(1e-7)).isEqualTo("1e-7");
        assertThat(ZipkinSpans.doubleText(Double.NaN)).isEqualTo("json: unsupported value: NaN");
        assertThat(ZipkinSpans.text(AnyValue.newBuilder().setArrayValue(io.opentelemetry.proto.common.v1.ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setDoubleValue(1.5)).addValues(AnyValue.newBuilder().setDoubleValue(-0.0))).build()))
                .isEqualTo("[1.5,-0]");
    }

    @Test
    void internalSpansAreTaggedAndAnOkStatusDropsAStaleErrorTag() {
        Traces traces = Traces.of(List.of(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(otlpSpan().toBuilder()
                        .setKind(SpanKind.SPAN_KIND_INTERNAL)
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
                        .addAttributes(attribute("error", AnyValue.newBuilder().setBoolValue(false).build()))))
                .build()));

        Span span = ZipkinTranslator.toSpans(traces).get(0);
        assertThat(span.kind()).isNull();
        assertThat(span.tags()).containsOnly(Map.entry("span.kind", "internal"), Map.entry("otel.status_code", "OK"));
    }

    @Test
    void anEventWithAttributesIsWrittenAsOtelcolDoes() {
        Traces traces = Traces.of(List.of(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(otlpSpan().toBuilder()
                        .addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setName("exception").setTimeUnixNano(1000)
                                .addAttributes(attribute("exception.message", string("x\"y")))
                                .addAttributes(attribute("n", integer(2))))))
                .build()));

        assertThat(ZipkinTranslator.toSpans(traces).get(0).annotations().get(0).value())
                .isEqualTo("exception|{\"exception.message\":\"x\\\"y\",\"n\":2}|0");
    }

    @Test
    void otlpToZipkinToOtlpKeepsWhatZipkinCanCarry() {
        ResourceSpans original = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", string("checkout"))))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.okhttp").setVersion("2.0"))
                        .addSpans(otlpSpan().toBuilder()
                                .setKind(SpanKind.SPAN_KIND_SERVER)
                                .setTraceState("k=v")
                                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("failed"))
                                .addAttributes(attribute("http.method", string("GET")))
                                .addAttributes(attribute("net.host.ip", string("10.1.2.3")))
                                .addAttributes(attribute("net.host.port", integer(443)))
                                .addAttributes(attribute("peer.service", string("cart")))
                                .addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
                                        .setTraceId(ByteString.fromHex("463ac35c9f6413ad48485a3953bb6124"))
                                        .setSpanId(ByteString.fromHex("a0a000000000000b")).setTraceState("k=v")
                                        .addAttributes(attribute("link.reason", string("batch"))).setDroppedAttributesCount(1))
                                .addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
                                        .setName("cache miss").setTimeUnixNano(1_200_000_000_000L))
                                .addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
                                        .setName("exception").setTimeUnixNano(1_300_000_000_000L)
                                        // In key order: the annotation's JSON object sorts keys, as Go's encoder does.
                                        .addAttributes(attribute("attempt", integer(2)))
                                        .addAttributes(attribute("exception.type", string("IOException"))))))
                .build();

        Traces back = ZipkinTranslator.toTraces(ZipkinTranslator.toSpans(Traces.of(List.of(original))), false);

        ResourceSpans resource = back.resourceSpans().get(0);
        assertThat(resource.getResource()).isEqualTo(original.getResource());
        assertThat(resource.getScopeSpans(0).getScope()).isEqualTo(original.getScopeSpans(0).getScope());
        io.opentelemetry.proto.trace.v1.Span span = resource.getScopeSpans(0).getSpans(0);
        io.opentelemetry.proto.trace.v1.Span expected = original.getScopeSpans(0).getSpans(0);
        assertThat(span.toBuilder().clearAttributes().build()).isEqualTo(expected.toBuilder().clearAttributes().build());
        assertThat(attributes(span.getAttributesList())).isEqualTo(attributes(expected.getAttributesList()));
    }

    @Test
    void aServiceNamedByFaasNameGoesBackToFaasName() {
        ResourceSpans original = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("faas.name", string("resize")))
                        .addAttributes(attribute("host.name", string("h1"))))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(otlpSpan()))
                .build();

        Traces back = ZipkinTranslator.toTraces(ZipkinTranslator.toSpans(Traces.of(List.of(original))), false);

        assertThat(back.resourceSpans().get(0).getResource()).isEqualTo(original.getResource());
        assertThat(only(back).getAttributesList()).isEmpty();
    }

    @Test
    void zipkinToOtlpToZipkinGivesBackTheSameSpan() {
        List<Span> original = decode(API_EXAMPLE);

        assertThat(ZipkinTranslator.toSpans(ZipkinTranslator.toTraces(original, false))).isEqualTo(original);
    }

    @Test
    void zipkinToOtlpToZipkinKeepsErrorsInternalSpansAndTraceState() {
        List<Span> original = List.of(span("1", "svc", Map.of("error", "true", "span.kind", "internal", "w3c.tracestate", "a=b")));

        List<Span> back = ZipkinTranslator.toSpans(ZipkinTranslator.toTraces(original, false));

        assertThat(back.get(0).tags()).containsOnly(
                Map.entry("error", "true"), Map.entry("otel.status_code", "ERROR"),
                Map.entry("span.kind", "internal"), Map.entry("w3c.tracestate", "a=b"));
    }

    private static Span span(String id, String service, Map<String, String> tags) {
        Span.Builder span = Span.newBuilder().traceId("1").id(id).timestamp(1).duration(1).localEndpoint(Endpoint.newBuilder().serviceName(service).build());
        tags.forEach(span::putTag);
        return span.build();
    }

    private static io.opentelemetry.proto.trace.v1.Span otlpSpan() {
        return io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(ByteString.fromHex("0102030405060708090a0b0c0d0e0f10"))
                .setSpanId(ByteString.fromHex("1112131415161718"))
                .setParentSpanId(ByteString.fromHex("2122232425262728"))
                .setName("op")
                .setStartTimeUnixNano(1_000_000_000_000L)
                .setEndTimeUnixNano(3_000_000_000_000L)
                .build();
    }
}
