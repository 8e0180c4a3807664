package io.tributary.translator.jaeger;

import static io.tributary.testkit.TestTraces.attribute;
import static io.tributary.translator.jaeger.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jaegertracing.thriftjava.Batch;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TCompactProtocol;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** OTLP → Jaeger (encoded on the wire and decoded again) → OTLP keeps everything Jaeger can represent, but span flags (otelcol's receiving side drops them). */
class JaegerRoundTripTest {
    private static final ByteString CHILD_ID = hex("1111111111111111");

    static Stream<Named<UnaryOperator<Traces>>> encodings() {
        return Stream.of(
                Named.of("protobuf", JaegerRoundTripTest::viaProto),
                Named.of("thrift", JaegerRoundTripTest::viaThrift));
    }

    private static Traces viaProto(Traces traces) {
        List<Traces> back = new ArrayList<>();
        for (Model.Batch batch : JaegerProtoTranslator.toBatches(traces)) {
            try {
                back.add(JaegerProtoTranslator.toTraces(Model.Batch.parseFrom(batch.toByteArray())));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return Traces.concat(back);
    }

    private static Traces viaThrift(Traces traces) {
        List<Traces> back = new ArrayList<>();
        for (Batch batch : JaegerThriftTranslator.toBatches(traces)) {
            try {
                byte[] wire = new TSerializer(new TCompactProtocol.Factory()).serialize(batch);
                Batch decoded = new Batch();
                new TDeserializer(new TCompactProtocol.Factory()).deserialize(decoded, wire);
                back.add(JaegerThriftTranslator.toTraces(decoded));
            } catch (TException e) {
                throw new AssertionError(e);
            }
        }
        return Traces.concat(back);
    }

    private static AnyValue intValue(long v) {
        return AnyValue.newBuilder().setIntValue(v).build();
    }

    /** Two resources, two scopes, every attribute type, events, links, every kind and status, µs-aligned times. */
    private static List<ResourceSpans> everythingJaegerCanRepresent() {
        Span server = otlpSpan()
                .setName("GET /cart")
                .setKind(SpanKind.SPAN_KIND_SERVER)
                .setTraceState("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7")
                .setStatus(Status.newBuilder().setCode(StatusCode.STATUS_CODE_OK).setMessage("fine"))
                .addAttributes(attribute("http.method", "GET"))
                .addAttributes(attribute("retries", intValue(-3)))
                .addAttributes(attribute("ratio", AnyValue.newBuilder().setDoubleValue(0.125).build()))
                .addAttributes(attribute("cached", AnyValue.newBuilder().setBoolValue(false).build()))
                .addAttributes(attribute("digest", AnyValue.newBuilder().setBytesValue(hex("deadbeef")).build()))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(START_NANOS + 10_000).setName("cache miss")
                        .addAttributes(attribute("key", "cart:42")).addAttributes(attribute("size", intValue(7))))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(START_NANOS + 20_000)
                        .addAttributes(attribute("message", "unnamed")))
                .addLinks(Span.Link.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                        .addAttributes(attribute("opentracing.ref_type", "follows_from")))
                .addLinks(Span.Link.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(hex("2222222222222222"))
                        .addAttributes(attribute("opentracing.ref_type", "child_of")))
                .build();
        Span client = otlpSpan()
                .setSpanId(CHILD_ID)
                .setParentSpanId(SPAN_ID)
                .setName("SELECT cart")
                .setKind(SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(START_NANOS + 1_000)
                .setEndTimeUnixNano(START_NANOS + 501_000)
                .setStatus(Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).setMessage("deadlock"))
                .addAttributes(attribute("db.system", "postgresql"))
                .build();
        Span internal = otlpSpan()
                .setSpanId(hex("3333333333333333"))
                .setParentSpanId(SPAN_ID)
                .setName("render")
                .setKind(SpanKind.SPAN_KIND_INTERNAL)
                .build();
        Span producer = otlpSpan()
                .setTraceId(OTHER_TRACE_ID)
                .setSpanId(OTHER_SPAN_ID)
                .setName("publish")
                .setKind(SpanKind.SPAN_KIND_PRODUCER)
                .build();
        Span consumer = otlpSpan()
                .setTraceId(OTHER_TRACE_ID)
                .setSpanId(hex("4444444444444444"))
                .setParentSpanId(OTHER_SPAN_ID)
                .setName("consume")
                .setKind(SpanKind.SPAN_KIND_CONSUMER)
                .build();

        return List.of(
                ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(attribute("service.name", "checkout"))
                                .addAttributes(attribute("host.name", "h1"))
                                .addAttributes(attribute("process.pid", intValue(4242)))
                                .addAttributes(attribute("sampler.param", AnyValue.newBuilder().setDoubleValue(0.5).build()))
                                .addAttributes(attribute("container", AnyValue.newBuilder().setBoolValue(true).build())))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.servlet").setVersion("2.1.0"))
                                .addSpans(server).addSpans(client))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(internal))
                        .build(),
                ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "inventory")))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.kafka"))
                                .addSpans(producer).addSpans(consumer))
                        .build());
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void otlpThroughJaegerAndBackKeepsEverythingJaegerCanRepresent(UnaryOperator<Traces> roundTrip) {
        List<ResourceSpans> original = everythingJaegerCanRepresent();

        assertThat(roundTrip.apply(Traces.of(original)).resourceSpans()).containsExactlyElementsOf(original);
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void aLinkComesBackMarkedWithItsJaegerReferenceType(UnaryOperator<Traces> roundTrip) {
        Span span = otlpSpan().addLinks(Span.Link.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)).build();

        Span back = onlySpan(roundTrip.apply(traces(span)));

        assertThat(back.getLinksList()).containsExactly(Span.Link.newBuilder().setTraceId(OTHER_TRACE_ID).setSpanId(OTHER_SPAN_ID)
                .addAttributes(attribute("opentracing.ref_type", "follows_from")).build());
    }
}
