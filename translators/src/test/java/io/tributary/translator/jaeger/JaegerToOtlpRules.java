package io.tributary.translator.jaeger;

import static io.tributary.testkit.TestTraces.attribute;
import static io.tributary.translator.jaeger.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jaeger → OTLP, one mapping rule per test, run for each encoding: the inputs are written in the
 * api_v2 model and each subclass sends them through its own translator.
 */
abstract class JaegerToOtlpRules {

    abstract Traces toTraces(Model.Batch batch);

    Span translate(Model.Span span) {
        return onlySpan(toTraces(batch(span)));
    }

    @Test
    void processServiceNameAndTagsBecomeResourceAttributes() {
        Model.Batch batch = Model.Batch.newBuilder()
                .setProcess(Model.Process.newBuilder().setServiceName("checkout")
                        .addTags(tag("ip", "10.0.0.1")).addTags(tag("pid", 42L)))
                .addSpans(jaegerSpan())
                .build();

        Resource resource = toTraces(batch).resourceSpans().get(0).getResource();

        assertThat(resource.getAttributesList()).containsExactly(
                attribute("service.name", "checkout"),
                attribute("ip", "10.0.0.1"),
                attribute("pid", AnyValue.newBuilder().setIntValue(42).build()));
    }

    @Test
    void jaegerClientHostnameAndVersionTagsBecomeTheirOpenTelemetryNames() {
        Model.Batch batch = Model.Batch.newBuilder()
                .setProcess(Model.Process.newBuilder().setServiceName("svc")
                        .addTags(tag("hostname", "h1")).addTags(tag("jaeger.version", "Java-1.8.1")))
                .addSpans(jaegerSpan())
                .build();

        Resource resource = toTraces(batch).resourceSpans().get(0).getResource();

        assertThat(resource.getAttributesList()).containsExactly(
                attribute("service.name", "svc"),
                attribute("host.name", "h1"),
                attribute("opencensus.exporterversion", "Jaeger-Java-1.8.1"));
    }

    @Test
    void theNoServiceNamePlaceholderGivesAnEmptyResource() {
        Model.Batch batch = Model.Batch.newBuilder()
                .setProcess(Model.Process.newBuilder().setServiceName("OTLPResourceNoServiceName"))
                .addSpans(jaegerSpan())
                .build();

        assertThat(toTraces(batch).resourceSpans().get(0).getResource())
                .isEqualTo(Resource.getDefaultInstance());
    }

    static Stream<Arguments> tagTypes() {
        return Stream.of(
                Arguments.of(tag("k", "v"), AnyValue.newBuilder().setStringValue("v").build()),
                Arguments.of(tag("k", true), AnyValue.newBuilder().setBoolValue(true).build()),
                Arguments.of(tag("k", -7L), AnyValue.newBuilder().setIntValue(-7).build()),
                Arguments.of(Model.KeyValue.newBuilder().setKey("k").setVType(Model.ValueType.FLOAT64).setVFloat64(2.5).build(),
                        AnyValue.newBuilder().setDoubleValue(2.5).build()),
                Arguments.of(Model.KeyValue.newBuilder().setKey("k").setVType(Model.ValueType.BINARY)
                                .setVBinary(ByteString.copyFrom(new byte[] {0, (byte) 0xFF})).build(),
                        AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, (byte) 0xFF})).build()));
    }

    @ParameterizedTest
    @MethodSource("tagTypes")
    void spanTagsBecomeAttributesOfTheirType(Model.KeyValue tag, AnyValue expected) {
        assertThat(translate(jaegerSpan(tag).build()).getAttributesList()).containsExactly(attribute("k", expected));
    }

    @ParameterizedTest
    @CsvSource({
        "client, SPAN_KIND_CLIENT",
        "server, SPAN_KIND_SERVER",
        "producer, SPAN_KIND_PRODUCER",
        "consumer, SPAN_KIND_CONSUMER",
        "internal, SPAN_KIND_INTERNAL",
        "rpc, SPAN_KIND_UNSPECIFIED",
    })
    void spanKindTagBecomesTheKindAndIsRemoved(String tagValue, SpanKind expected) {
        Span span = translate(jaegerSpan(tag("span.kind", tagValue), tag("x", "y")).build());

        assertThat(span.getKind()).isEqualTo(expected);
        assertThat(span.getAttributesList()).containsExactly(attribute("x", "y"));
    }

    static Stream<Arguments> statusRules() {
        return Stream.of(
                Arguments.of("error=true", List.of(tag("error", true)),
                        Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).build(), List.of()),
                Arguments.of("error=true with otel.status_description", List.of(tag("error", true), tag("otel.status_description", "boom")),
                        Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).setMessage("boom").build(), List.of()),
                Arguments.of("error=true with http.status_message, which stays", List.of(tag("error", true), tag("http.status_message", "Bad Gateway")),
                        Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).setMessage("Bad Gateway").build(),
                        List.of(attribute("http.status_message", "Bad Gateway"))),
                Arguments.of("error=true wins over otel.status_code=OK", List.of(tag("error", true), tag("otel.status_code", "OK")),
                        Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).build(), List.of()),
                Arguments.of("error=false stays an attribute", List.of(tag("error", false)),
                        Status.getDefaultInstance(), List.of(attribute("error", AnyValue.newBuilder().setBoolValue(false).build()))),
                Arguments.of("otel.status_code=OK", List.of(tag("otel.status_code", "OK")),
                        Status.newBuilder().setCode(StatusCode.STATUS_CODE_OK).build(), List.of()),
                Arguments.of("otel.status_code is case-insensitive", List.of(tag("otel.status_code", "error"), tag("otel.status_description", "bad")),
                        Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).setMessage("bad").build(), List.of()),
                Arguments.of("http 500", List.of(tag("http.status_code", 500L)),
                        Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).build(),
                        List.of(attribute("http.status_code", AnyValue.newBuilder().setIntValue(500).build()))),
                Arguments.of("http 404 on a client span", List.of(tag("span.kind", "client"), tag("http.status_code", "404")),
                        Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).build(), List.of(attribute("http.status_code", "404"))),
                Arguments.of("http 404 on a server span", List.of(tag("span.kind", "server"), tag("http.status_code", 404L)),
                        Status.getDefaultInstance(), List.of(attribute("http.status_code", AnyValue.newBuilder().setIntValue(404).build()))),
                Arguments.of("http 200", List.of(tag("http.status_code", 200L)),
                        Status.getDefaultInstance(), List.of(attribute("http.status_code", AnyValue.newBuilder().setIntValue(200).build()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusRules")
    void statusComesFromErrorStatusCodeAndHttpTags(String rule, List<Model.KeyValue> tags, Status expected, List<KeyValue> remaining) {
        Span span = translate(jaegerSpan(tags.toArray(Model.KeyValue[]::new)).build());

        assertThat(span.getStatus()).isEqualTo(expected);
        assertThat(span.getAttributesList()).containsExactlyElementsOf(remaining);
    }

    @Test
    void logsBecomeEventsNamedByTheirEventField() {
        Model.Span span = jaegerSpan()
                .addLogs(Model.Log.newBuilder().setTimestamp(timestamp(START_NANOS + 5_000))
                        .addFields(tag("event", "retry")).addFields(tag("attempt", 2L)))
                .addLogs(Model.Log.newBuilder().setTimestamp(timestamp(START_NANOS + 6_000)).addFields(tag("message", "hi")))
                .build();

        assertThat(translate(span).getEventsList()).containsExactly(
                Span.Event.newBuilder().setTimeUnixNano(START_NANOS + 5_000).setName("retry")
                        .addAttributes(attribute("attempt", AnyValue.newBuilder().setIntValue(2).build())).build(),
                Span.Event.newBuilder().setTimeUnixNano(START_NANOS + 6_000).addAttributes(attribute("message", "hi")).build());
    }

    @Test
    void theFirstChildOfReferenceIsTheParentAndOtherReferencesAreLinks() {
        Model.Span span = jaegerSpan()
                .addReferences(Model.SpanRef.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                        .setRefType(Model.SpanRefType.FOLLOWS_FROM))
                .addReferences(Model.SpanRef.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID)
                        .setRefType(Model.SpanRefType.CHILD_OF))
                .build();

        Span translated = translate(span);

        assertThat(translated.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(translated.getLinksList()).containsExactly(Span.Link.newBuilder()
                .setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                .addAttributes(attribute("opentracing.ref_type", "follows_from")).build());
    }

    /** Jaeger's model: without a CHILD_OF reference in the trace, the first FOLLOWS_FROM one is the parent, and stays a link. */
    @Test
    void withoutChildOfTheFirstFollowsFromReferenceInTheTraceIsTheParent() {
        Span.Link followsFrom = Span.Link.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID)
                .addAttributes(attribute("opentracing.ref_type", "follows_from")).build();
        Span.Link otherTrace = Span.Link.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                .addAttributes(attribute("opentracing.ref_type", "child_of")).build();
        Model.Span span = jaegerSpan()
                .addReferences(Model.SpanRef.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                        .setRefType(Model.SpanRefType.CHILD_OF))
                .addReferences(Model.SpanRef.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID)
                        .setRefType(Model.SpanRefType.FOLLOWS_FROM))
                .build();

        Span translated = translate(span);

        assertThat(translated.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(translated.getLinksList()).containsExactly(otherTrace, followsFrom);
    }

    @Test
    void aChildOfReferenceIntoAnotherTraceIsALinkNotTheParent() {
        Model.Span span = jaegerSpan()
                .addReferences(Model.SpanRef.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                        .setRefType(Model.SpanRefType.CHILD_OF))
                .build();

        Span translated = translate(span);

        assertThat(translated.getParentSpanId()).isEmpty();
        assertThat(translated.getLinksList()).containsExactly(Span.Link.newBuilder()
                .setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                .addAttributes(attribute("opentracing.ref_type", "child_of")).build());
    }

    @Test
    void idsNameAndStartPlusDurationBecomeStartAndEnd() {
        Span span = translate(jaegerSpan().setDuration(duration(1_500_123_000)).build());

        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(span.getName()).isEqualTo("op");
        assertThat(span.getStartTimeUnixNano()).isEqualTo(START_NANOS);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(START_NANOS + 1_500_123_000);
    }

    /** A zero ID is OTLP's invalid one: left out, as otelcol's pdata writes it. */
    @Test
    void zeroIdsAreLeftOut() {
        Span span = translate(jaegerSpan().setTraceId(ByteString.copyFrom(new byte[16])).setSpanId(ByteString.copyFrom(new byte[8])).build());

        assertThat(span.getTraceId()).isEmpty();
        assertThat(span.getSpanId()).isEmpty();
    }

    /** otelcol fills no OTLP span flags from Jaeger's (sampled, debug). */
    @ParameterizedTest
    @CsvSource({"1", "2", "3"})
    void jaegerFlagsAreDropped(int jaegerFlags) {
        assertThat(translate(jaegerSpan().setFlags(jaegerFlags).build()).getFlags()).isZero();
    }

    @Test
    void w3cTraceStateTagBecomesTheTraceState() {
        Span span = translate(jaegerSpan(tag("w3c.tracestate", "congo=t61rcWkgMzE")).build());

        assertThat(span.getTraceState()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(span.getAttributesList()).isEmpty();
    }

    @Test
    void scopeTagsBecomeTheInstrumentationScope() {
        Model.Span span = jaegerSpan(tag("otel.scope.name", "io.lib"), tag("otel.scope.version", "1.2"), tag("x", "y")).build();

        ResourceSpans rs = toTraces(batch(span)).resourceSpans().get(0);

        assertThat(rs.getScopeSpans(0).getScope())
                .isEqualTo(InstrumentationScope.newBuilder().setName("io.lib").setVersion("1.2").build());
        assertThat(rs.getScopeSpans(0).getSpans(0).getAttributesList()).containsExactly(attribute("x", "y"));
    }

    /** As otelcol: only {@code otel.scope.*} names the scope; the legacy library tags are plain attributes. */
    @Test
    void legacyLibraryTagsStayAttributes() {
        Model.Span span = jaegerSpan(tag("otel.library.name", "io.lib"), tag("otel.library.version", "1.2")).build();

        ResourceSpans rs = toTraces(batch(span)).resourceSpans().get(0);

        assertThat(rs.getScopeSpans(0).hasScope()).isFalse();
        assertThat(rs.getScopeSpans(0).getSpans(0).getAttributesList())
                .containsExactly(attribute("otel.library.name", "io.lib"), attribute("otel.library.version", "1.2"));
    }

    @Test
    void spansAreGroupedByScopeInOrderOfFirstAppearance() {
        Model.Batch batch = batch(
                jaegerSpan(tag("otel.scope.name", "a")).setOperationName("1").build(),
                jaegerSpan().setOperationName("2").build(),
                jaegerSpan(tag("otel.scope.name", "a")).setOperationName("3").build());

        ResourceSpans rs = toTraces(batch).resourceSpans().get(0);

        assertThat(rs.getScopeSpansList()).extracting(ss -> ss.getScope().getName()).containsExactly("a", "");
        assertThat(rs.getScopeSpans(0).getSpansList()).extracting(Span::getName).containsExactly("1", "3");
    }

    @Test
    void aProcessWithoutSpansStillGivesItsResource() {
        List<ResourceSpans> resources = toTraces(batch()).resourceSpans();

        assertThat(resources).hasSize(1);
        assertThat(resources.get(0).getScopeSpansList()).isEmpty();
    }
}
