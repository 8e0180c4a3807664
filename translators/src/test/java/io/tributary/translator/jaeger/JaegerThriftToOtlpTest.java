package io.tributary.translator.jaeger;

import static io.tributary.testkit.TestTraces.attribute;
import static io.tributary.translator.jaeger.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.jaegertracing.thriftjava.Batch;
import io.jaegertracing.thriftjava.Log;
import io.jaegertracing.thriftjava.Process;
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
 * Jaeger Thrift → OTLP: the shared rules (inputs converted from the model), plus the Thrift
 * encoding's own fields on hand-built Thrift spans.
 */
class JaegerThriftToOtlpTest extends JaegerToOtlpRules {
    // TRACE_ID, SPAN_ID and PARENT_ID as Thrift i64s; the low half and the span ID are negative.
    private static final long TRACE_ID_HIGH = 0x0af7651916cd43ddL;
    private static final long TRACE_ID_LOW = 0x8448eb211c80319cL;
    private static final long SPAN_ID_LONG = 0xb7ad6b7169203331L;
    private static final long PARENT_ID_LONG = 0x00f067aa0ba902b7L;
    private static final long START_MICROS = START_NANOS / 1_000;

    @Override
    Traces toTraces(Model.Batch batch) {
        return JaegerThriftTranslator.toTraces(ThriftModel.toThrift(batch));
    }

    private static io.jaegertracing.thriftjava.Span thriftSpan() {
        return new io.jaegertracing.thriftjava.Span(TRACE_ID_LOW, TRACE_ID_HIGH, SPAN_ID_LONG, 0, "op", 1, START_MICROS, 1_500);
    }

    private static Span translateThrift(io.jaegertracing.thriftjava.Span span) {
        return onlySpan(JaegerThriftTranslator.toTraces(new Batch(new Process("svc"), List.of(span))));
    }

    @Test
    void traceIdHighAndLowAreTheBigEndianHalvesOfTheTraceId() {
        Span span = translateThrift(thriftSpan());

        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getSpanId()).isEqualTo(SPAN_ID);
    }

    @Test
    void parentSpanIdBecomesTheParent() {
        assertThat(translateThrift(thriftSpan().setParentSpanId(PARENT_ID_LONG)).getParentSpanId()).isEqualTo(PARENT_ID);
    }

    @Test
    void aParentAlsoListedAsChildOfReferenceIsNotALink() {
        io.jaegertracing.thriftjava.Span span = thriftSpan().setParentSpanId(PARENT_ID_LONG).setReferences(List.of(
                new SpanRef(SpanRefType.CHILD_OF, TRACE_ID_LOW, TRACE_ID_HIGH, PARENT_ID_LONG),
                new SpanRef(SpanRefType.FOLLOWS_FROM, TRACE_ID_LOW, TRACE_ID_HIGH, 5)));

        Span translated = translateThrift(span);

        assertThat(translated.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(translated.getLinksList()).containsExactly(Span.Link.newBuilder()
                .setTraceId(TRACE_ID).setSpanId(hex("0000000000000005"))
                .addAttributes(attribute("opentracing.ref_type", "follows_from")).build());
    }

    /** otelcol reads Thrift's parentSpanId before any reference: an earlier CHILD_OF reference stays a link. */
    @Test
    void parentSpanIdWinsOverAnEarlierChildOfReference() {
        io.jaegertracing.thriftjava.Span span = thriftSpan().setParentSpanId(PARENT_ID_LONG).setReferences(List.of(
                new SpanRef(SpanRefType.CHILD_OF, TRACE_ID_LOW, TRACE_ID_HIGH, 5),
                new SpanRef(SpanRefType.CHILD_OF, TRACE_ID_LOW, TRACE_ID_HIGH, PARENT_ID_LONG)));

        Span translated = translateThrift(span);

        assertThat(translated.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(translated.getLinksList()).containsExactly(Span.Link.newBuilder()
                .setTraceId(TRACE_ID).setSpanId(hex("0000000000000005"))
                .addAttributes(attribute("opentracing.ref_type", "child_of")).build());
    }

    @Test
    void microsecondTimesBecomeNanoseconds() {
        io.jaegertracing.thriftjava.Span span = thriftSpan()
                .setLogs(List.of(new Log(START_MICROS + 3, List.of(new Tag("event", TagType.STRING).setVStr("retry")))));

        Span translated = translateThrift(span);

        assertThat(translated.getStartTimeUnixNano()).isEqualTo(START_NANOS);
        assertThat(translated.getEndTimeUnixNano()).isEqualTo(START_NANOS + 1_500_000);
        assertThat(translated.getEventsList()).containsExactly(
                Span.Event.newBuilder().setTimeUnixNano(START_NANOS + 3_000).setName("retry").build());
    }

    static Stream<Arguments> thriftTagTypes() {
        return Stream.of(
                Arguments.of(new Tag("k", TagType.STRING).setVStr("v"), AnyValue.newBuilder().setStringValue("v").build()),
                Arguments.of(new Tag("k", TagType.BOOL).setVBool(true), AnyValue.newBuilder().setBoolValue(true).build()),
                Arguments.of(new Tag("k", TagType.LONG).setVLong(Long.MIN_VALUE), AnyValue.newBuilder().setIntValue(Long.MIN_VALUE).build()),
                Arguments.of(new Tag("k", TagType.DOUBLE).setVDouble(-0.25), AnyValue.newBuilder().setDoubleValue(-0.25).build()),
                Arguments.of(new Tag("k", TagType.BINARY).setVBinary(new byte[] {7, 0}),
                        AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {7, 0})).build()));
    }

    @ParameterizedTest
    @MethodSource("thriftTagTypes")
    void thriftTagsBecomeAttributesOfTheirType(Tag tag, AnyValue expected) {
        assertThat(translateThrift(thriftSpan().setTags(List.of(tag))).getAttributesList()).containsExactly(attribute("k", expected));
    }

    @Test
    void processServiceNameAndTagsBecomeTheResource() {
        Process process = new Process("checkout").setTags(List.of(new Tag("ip", TagType.STRING).setVStr("10.0.0.1")));

        Traces traces = JaegerThriftTranslator.toTraces(new Batch(process, List.of(thriftSpan())));

        assertThat(traces.resourceSpans().get(0).getResource().getAttributesList())
                .containsExactly(attribute("service.name", "checkout"), attribute("ip", "10.0.0.1"));
    }

    @Test
    void anEmptyBatchGivesNoSpans() {
        assertThat(JaegerThriftTranslator.toTraces(new Batch()).isEmpty()).isTrue();
    }
}
