package io.tributary.translator.jaeger;

import static io.tributary.testkit.TestTraces.attribute;
import static io.tributary.testkit.TestTraces.string;
import static io.tributary.translator.jaeger.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
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
 * OTLP → Jaeger, one mapping rule per test, run for each encoding: each subclass translates with
 * its own translator and presents the result in the api_v2 model.
 */
abstract class OtlpToJaegerRules {

    abstract List<Model.Batch> toBatches(Traces traces);

    Model.Span translate(Span span) {
        return onlySpan(toBatches(traces(span)));
    }

    static ResourceSpans resourceSpans(Resource resource, Span... spans) {
        return ResourceSpans.newBuilder().setResource(resource)
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))).build();
    }

    @Test
    void serviceNameAndResourceAttributesBecomeTheProcess() {
        Resource resource = Resource.newBuilder()
                .addAttributes(attribute("host.name", "h1"))
                .addAttributes(attribute("service.name", "checkout"))
                .addAttributes(attribute("pid", AnyValue.newBuilder().setIntValue(42).build()))
                .build();

        List<Model.Batch> batches = toBatches(Traces.of(List.of(resourceSpans(resource, otlpSpan().build()))));

        assertThat(batches.get(0).getProcess()).isEqualTo(Model.Process.newBuilder()
                .setServiceName("checkout").addTags(tag("host.name", "h1")).addTags(tag("pid", 42L)).build());
    }

    @Test
    void aResourceWithoutAttributesGetsTheNoServiceNamePlaceholder() {
        List<Model.Batch> batches = toBatches(
                Traces.of(List.of(resourceSpans(Resource.getDefaultInstance(), otlpSpan().build()))));

        assertThat(batches.get(0).getProcess().getServiceName()).isEqualTo("OTLPResourceNoServiceName");
    }

    @Test
    void eachResourceBecomesOneBatchWithTheSpansOfAllItsScopes() {
        Resource a = Resource.newBuilder().addAttributes(attribute("service.name", "a")).build();
        ResourceSpans first = ResourceSpans.newBuilder().setResource(a)
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(otlpSpan().setName("1")))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(otlpSpan().setName("2")))
                .build();
        ResourceSpans second = resourceSpans(Resource.newBuilder().addAttributes(attribute("service.name", "b")).build(),
                otlpSpan().setName("3").build());
        ResourceSpans empty = ResourceSpans.getDefaultInstance();

        List<Model.Batch> batches = toBatches(Traces.of(List.of(first, empty, second)));

        assertThat(batches).extracting(b -> b.getProcess().getServiceName()).containsExactly("a", "b");
        assertThat(batches.get(0).getSpansList()).extracting(Model.Span::getOperationName).containsExactly("1", "2");
        assertThat(batches.get(1).getSpansList()).extracting(Model.Span::getOperationName).containsExactly("3");
    }

    static Stream<Arguments> attributeTypes() {
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(string("a")).addValues(AnyValue.newBuilder().setIntValue(1)).addValues(AnyValue.newBuilder().setDoubleValue(1.5))).build();
        AnyValue map = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(attribute("z", AnyValue.newBuilder().setBoolValue(true).build()))
                .addValues(attribute("a", "<x>"))).build();
        return Stream.of(
                Arguments.of(string("v"), tag("k", "v")),
                Arguments.of(AnyValue.newBuilder().setBoolValue(true).build(), tag("k", true)),
                Arguments.of(AnyValue.newBuilder().setIntValue(-7).build(), tag("k", -7L)),
                Arguments.of(AnyValue.newBuilder().setDoubleValue(2.5).build(),
                        Model.KeyValue.newBuilder().setKey("k").setVType(Model.ValueType.FLOAT64).setVFloat64(2.5).build()),
                Arguments.of(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2})).build(),
                        Model.KeyValue.newBuilder().setKey("k").setVType(Model.ValueType.BINARY)
                                .setVBinary(ByteString.copyFrom(new byte[] {1, 2})).build()),
                Arguments.of(array, tag("k", "[\"a\",1,1.5]")),
                Arguments.of(map, tag("k", "{\"a\":\"\\u003cx\\u003e\",\"z\":true}")),
                Arguments.of(AnyValue.getDefaultInstance(), tag("k", "")));
    }

    @ParameterizedTest
    @MethodSource("attributeTypes")
    void attributesBecomeTagsOfTheirTypeAndArraysAndMapsBecomeJson(AnyValue value, Model.KeyValue expected) {
        assertThat(translate(otlpSpan().addAttributes(attribute("k", value)).build()).getTagsList()).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "SPAN_KIND_CLIENT, client",
        "SPAN_KIND_SERVER, server",
        "SPAN_KIND_PRODUCER, producer",
        "SPAN_KIND_CONSUMER, consumer",
        "SPAN_KIND_INTERNAL, internal",
    })
    void kindBecomesTheSpanKindTag(SpanKind kind, String tagValue) {
        assertThat(translate(otlpSpan().setKind(kind).build()).getTagsList()).containsExactly(tag("span.kind", tagValue));
    }

    @Test
    void anUnspecifiedKindAddsNoTag() {
        assertThat(translate(otlpSpan().build()).getTagsList()).isEmpty();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).setMessage("boom").build(),
                        List.of(tag("otel.status_code", "ERROR"), tag("error", true), tag("otel.status_description", "boom"))),
                Arguments.of(Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).build(),
                        List.of(tag("otel.status_code", "ERROR"), tag("error", true))),
                Arguments.of(Status.newBuilder().setCode(StatusCode.STATUS_CODE_OK).build(),
                        List.of(tag("otel.status_code", "OK"))),
                Arguments.of(Status.getDefaultInstance(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void statusBecomesStatusCodeErrorAndDescriptionTags(Status status, List<Model.KeyValue> expected) {
        assertThat(translate(otlpSpan().setStatus(status).build()).getTagsList()).containsExactlyElementsOf(expected);
    }

    @Test
    void scopeBecomesScopeTagsBeforeTheAttributes() {
        ResourceSpans rs = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "svc")))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("io.lib").setVersion("1.2"))
                        .addSpans(otlpSpan().addAttributes(attribute("x", "y"))))
                .build();

        Model.Span span = onlySpan(toBatches(Traces.of(List.of(rs))));

        assertThat(span.getTagsList()).containsExactly(
                tag("otel.scope.name", "io.lib"), tag("otel.scope.version", "1.2"), tag("x", "y"));
    }

    @Test
    void traceStateBecomesTheW3cTraceStateTag() {
        assertThat(translate(otlpSpan().setTraceState("congo=t61rcWkgMzE").build()).getTagsList())
                .containsExactly(tag("w3c.tracestate", "congo=t61rcWkgMzE"));
    }

    @Test
    void nonZeroDroppedCountsBecomeTags() {
        Span span = otlpSpan().setDroppedAttributesCount(3).setDroppedEventsCount(0).setDroppedLinksCount(1).build();

        assertThat(translate(span).getTagsList()).containsExactly(
                tag("otel.dropped_attributes_count", 3L), tag("otel.dropped_links_count", 1L));
    }

    @Test
    void eventsBecomeLogsWithTheNameAsTheEventField() {
        Span span = otlpSpan()
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(START_NANOS + 5_000).setName("retry")
                        .addAttributes(attribute("attempt", AnyValue.newBuilder().setIntValue(2).build())))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(START_NANOS + 6_000).setName("ignored")
                        .addAttributes(attribute("event", "wins")))
                .build();

        assertThat(translate(span).getLogsList()).containsExactly(
                Model.Log.newBuilder().setTimestamp(timestamp(START_NANOS + 5_000))
                        .addFields(tag("event", "retry")).addFields(tag("attempt", 2L)).build(),
                Model.Log.newBuilder().setTimestamp(timestamp(START_NANOS + 6_000))
                        .addFields(tag("event", "wins")).build());
    }

    @Test
    void theParentIsTheFirstReferenceAndLinksFollowAsFollowsFrom() {
        Span span = otlpSpan().setParentSpanId(PARENT_ID)
                .addLinks(Span.Link.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID))
                .build();

        assertThat(translate(span).getReferencesList()).containsExactly(
                Model.SpanRef.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID).setRefType(Model.SpanRefType.CHILD_OF).build(),
                Model.SpanRef.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                        .setRefType(Model.SpanRefType.FOLLOWS_FROM).build());
    }

    @Test
    void aLinkToTheParentOnlySetsTheParentReferenceType() {
        Span span = otlpSpan().setParentSpanId(PARENT_ID)
                .addLinks(Span.Link.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID))
                .build();

        assertThat(translate(span).getReferencesList()).containsExactly(
                Model.SpanRef.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID).setRefType(Model.SpanRefType.FOLLOWS_FROM).build());
    }

    @Test
    void aLinkMarkedChildOfKeepsThatType() {
        Span span = otlpSpan()
                .addLinks(Span.Link.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                        .addAttributes(attribute("opentracing.ref_type", "child_of")))
                .build();

        assertThat(translate(span).getReferences(0).getRefType()).isEqualTo(Model.SpanRefType.CHILD_OF);
    }

    @Test
    void idsNameAndTimesMap() {
        Span span = otlpSpan().setStartTimeUnixNano(START_NANOS + 7_000).setEndTimeUnixNano(START_NANOS + 1_500_130_000L).build();

        Model.Span translated = translate(span);

        assertThat(translated.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(translated.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(translated.getOperationName()).isEqualTo("op");
        assertThat(translated.getStartTime()).isEqualTo(timestamp(START_NANOS + 7_000));
        assertThat(translated.getDuration()).isEqualTo(duration(1_500_123_000));
        assertThat(translated.getReferencesList()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "0x101, 1", "0, 0", "0x300, 0"})
    void theSampledBitBecomesTheJaegerSampledFlag(String otlpFlags, int jaegerFlags) {
        Span span = otlpSpan().setFlags(Integer.decode(otlpFlags)).build();

        assertThat(translate(span).getFlags()).isEqualTo(jaegerFlags);
    }
}
