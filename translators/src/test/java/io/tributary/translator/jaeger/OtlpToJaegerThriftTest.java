package io.tributary.translator.jaeger;

import static io.tributary.testkit.TestTraces.attribute;
import static io.tributary.testkit.TestTraces.string;
import static io.tributary.translator.jaeger.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.jaegertracing.thriftjava.Batch;
import io.jaegertracing.thriftjava.SpanRef;
import io.jaegertracing.thriftjava.SpanRefType;
import io.jaegertracing.thriftjava.Tag;
import io.jaegertracing.thriftjava.TagType;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OTLP → Jaeger Thrift: the shared rules (results read back through the model), plus the Thrift
 * encoding's own fields checked on the Thrift objects.
 */
class OtlpToJaegerThriftTest extends OtlpToJaegerRules {

    @Override
    List<Model.Batch> toBatches(Traces traces) {
        return JaegerThriftTranslator.toBatches(traces).stream().map(ThriftModel::toModel).toList();
    }

    private static io.jaegertracing.thriftjava.Span translateThrift(Span span) {
        List<Batch> batches = JaegerThriftTranslator.toBatches(traces(span));
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).getSpans()).hasSize(1);
        return batches.get(0).getSpans().get(0);
    }

    @Test
    void idsBecomeSignedHighLowAndSpanIdLongs() {
        io.jaegertracing.thriftjava.Span span = translateThrift(otlpSpan().setParentSpanId(PARENT_ID).build());

        assertThat(span.getTraceIdHigh()).isEqualTo(0x0af7651916cd43ddL);
        assertThat(span.getTraceIdLow()).isEqualTo(0x8448eb211c80319cL);
        assertThat(span.getSpanId()).isEqualTo(0xb7ad6b7169203331L);
        assertThat(span.getParentSpanId()).isEqualTo(0x00f067aa0ba902b7L);
        assertThat(span.getReferences()).containsExactly(
                new SpanRef(SpanRefType.CHILD_OF, 0x8448eb211c80319cL, 0x0af7651916cd43ddL, 0x00f067aa0ba902b7L));
    }

    /**
     * Thrift's parentSpanId is the model's parent, which falls back to a FOLLOWS_FROM reference (as
     * Jaeger's own converter writes it); read back, otelcol's Thrift mapping makes it a CHILD_OF
     * parent beside the FOLLOWS_FROM link, so the shared rule's read-back differs here.
     */
    @Override
    @Test
    void aLinkToTheParentOnlySetsTheParentReferenceType() {
        io.jaegertracing.thriftjava.Span span = translateThrift(otlpSpan().setParentSpanId(PARENT_ID)
                .addLinks(Span.Link.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID)).build());

        assertThat(span.getParentSpanId()).isEqualTo(0x00f067aa0ba902b7L);
        assertThat(span.getReferences()).containsExactly(
                new SpanRef(SpanRefType.FOLLOWS_FROM, 0x8448eb211c80319cL, 0x0af7651916cd43ddL, 0x00f067aa0ba902b7L));
    }

    @Test
    void aSpanWithoutParentHasParentSpanIdZero() {
        assertThat(translateThrift(otlpSpan().build()).getParentSpanId()).isZero();
    }

    @Test
    void timesAreTruncatedToMicroseconds() {
        Span span = otlpSpan().setStartTimeUnixNano(START_NANOS + 999).setEndTimeUnixNano(START_NANOS + 2_500_999)
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(START_NANOS + 1_999))
                .build();

        io.jaegertracing.thriftjava.Span translated = translateThrift(span);

        assertThat(translated.getStartTime()).isEqualTo(START_NANOS / 1_000);
        assertThat(translated.getDuration()).isEqualTo(2_500);
        assertThat(translated.getLogs().get(0).getTimestamp()).isEqualTo(START_NANOS / 1_000 + 1);
    }

    static Stream<Arguments> thriftTagTypes() {
        return Stream.of(
                Arguments.of(string("v"), new Tag("k", TagType.STRING).setVStr("v")),
                Arguments.of(AnyValue.newBuilder().setBoolValue(true).build(), new Tag("k", TagType.BOOL).setVBool(true)),
                Arguments.of(AnyValue.newBuilder().setIntValue(-3).build(), new Tag("k", TagType.LONG).setVLong(-3)),
                Arguments.of(AnyValue.newBuilder().setDoubleValue(0.5).build(), new Tag("k", TagType.DOUBLE).setVDouble(0.5)),
                Arguments.of(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {9})).build(),
                        new Tag("k", TagType.BINARY).setVBinary(new byte[] {9})));
    }

    @ParameterizedTest
    @MethodSource("thriftTagTypes")
    void attributesBecomeThriftTagsOfTheirType(AnyValue value, Tag expected) {
        assertThat(translateThrift(otlpSpan().addAttributes(attribute("k", value)).build()).getTags()).containsExactly(expected);
    }

    @Test
    void theResourceBecomesTheThriftProcess() {
        Batch batch = JaegerThriftTranslator.toBatches(traces(otlpSpan().build())).get(0);

        assertThat(batch.getProcess().getServiceName()).isEqualTo("svc");
        assertThat(batch.getProcess().getTags()).isNull();
    }
}
