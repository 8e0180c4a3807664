package io.tributary.processor.probabilisticsampler;

import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.scope;
import static io.tributary.testkit.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Exposition;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig.Mode;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbabilisticSamplerProcessorTest {
    private final Telemetry telemetry = new Telemetry();
    private final RecordingConsumer next = new RecordingConsumer();
    private final Random random = new Random(20_000);

    @Test
    void tenPercentOfTwentyThousandRandomTraceIdsAreKept() {
        Processor sampler = processor(hashSeed(10));

        for (int request = 0; request < 20; request++) {
            List<Span> spans = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                spans.add(span(randomTraceId(), i));
            }
            sampler.consume(Traces.of(List.of(resource("svc", scope("lib", spans)))));
        }

        assertThat(next.spanCount()).isBetween(1800, 2200);
        assertThat(counter("otelcol.processor.incoming.items")).isEqualTo(20_000);
        assertThat(counter("otelcol.processor.outgoing.items")).isEqualTo(next.spanCount());
    }

    @Test
    void theSpansOfATraceSentInSeveralRequestsAreKeptOrDroppedTogether() {
        Processor sampler = processor(hashSeed(30));
        List<ByteString> traceIds = Stream.generate(this::randomTraceId).limit(200).toList();

        // Five requests, each holding one span of every trace, from a different service.
        for (int part = 0; part < 5; part++) {
            List<Span> spans = new ArrayList<>();
            for (ByteString traceId : traceIds) {
                spans.add(span(traceId, part));
            }
            sampler.consume(Traces.of(List.of(resource("svc-" + part, scope("lib", spans)))));
        }

        Map<ByteString, Integer> keptPerTrace = new HashMap<>();
        next.spans().forEach(span -> keptPerTrace.merge(span.getTraceId(), 1, Integer::sum));
        assertThat(keptPerTrace.values()).allMatch(kept -> kept == 5);
        assertThat(keptPerTrace).hasSizeBetween(30, 90);
    }

    static Stream<Arguments> priorities() {
        return Stream.of(
                Arguments.of("int 0 drops at 100 %", 100.0, AnyValue.newBuilder().setIntValue(0), false),
                Arguments.of("int 2 keeps at 0 %", 0.0, AnyValue.newBuilder().setIntValue(2), true),
                Arguments.of("int -1 defers at 100 %", 100.0, AnyValue.newBuilder().setIntValue(-1), true),
                Arguments.of("int -1 defers at 0 %", 0.0, AnyValue.newBuilder().setIntValue(-1), false),
                Arguments.of("double 0 drops", 100.0, AnyValue.newBuilder().setDoubleValue(0), false),
                Arguments.of("double 0.5 keeps", 0.0, AnyValue.newBuilder().setDoubleValue(0.5), true),
                Arguments.of("string 0.0 drops", 100.0, AnyValue.newBuilder().setStringValue("0.0"), false),
                Arguments.of("string 1 keeps", 0.0, AnyValue.newBuilder().setStringValue("1"), true),
                Arguments.of("string 0x1p-2 keeps", 0.0, AnyValue.newBuilder().setStringValue("0x1p-2"), true),
                Arguments.of("string Inf keeps", 0.0, AnyValue.newBuilder().setStringValue("Inf"), true),
                Arguments.of("string -0.5 defers", 0.0, AnyValue.newBuilder().setStringValue("-0.5"), false),
                Arguments.of("string NaN defers", 100.0, AnyValue.newBuilder().setStringValue("NaN"), true),
                Arguments.of("string 1e999 (out of range) defers", 0.0, AnyValue.newBuilder().setStringValue("1e999"), false),
                Arguments.of("string ' 1' (Go accepts no spaces) defers", 0.0, AnyValue.newBuilder().setStringValue(" 1"), false),
                Arguments.of("string 1_0 (a Go digit separator) keeps", 0.0, AnyValue.newBuilder().setStringValue("1_0"), true),
                Arguments.of("string 0_0 drops", 100.0, AnyValue.newBuilder().setStringValue("0_0"), false),
                Arguments.of("string 1__0 defers", 0.0, AnyValue.newBuilder().setStringValue("1__0"), false),
                Arguments.of("bool true defers", 0.0, AnyValue.newBuilder().setBoolValue(true), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("priorities")
    void samplingPriorityAttributeOverridesThePercentage(String name, double percentage, AnyValue.Builder value, boolean kept) {
        Processor sampler = processor(hashSeed(percentage));
        Span span = span(randomTraceId(), 0).toBuilder()
                .addAttributes(KeyValue.newBuilder().setKey("http.method").setValue(AnyValue.newBuilder().setStringValue("GET")))
                .addAttributes(KeyValue.newBuilder().setKey("sampling.priority").setValue(value))
                .build();

        sampler.consume(Traces.of(List.of(resource("svc", scope("lib", List.of(span))))));

        assertThat(next.spanCount()).isEqualTo(kept ? 1 : 0);
    }

    @Test
    void theFirstSamplingPriorityAttributeDecidesAndALookalikeKeyDoesNot() {
        Processor sampler = processor(hashSeed(0));
        Span span = span(randomTraceId(), 0).toBuilder()
                .addAttributes(KeyValue.newBuilder().setKey("sampling.prioritx").setValue(AnyValue.newBuilder().setIntValue(0)))
                .addAttributes(KeyValue.newBuilder().setKey("sampling.priority").setValue(AnyValue.newBuilder().setIntValue(1)))
                .addAttributes(KeyValue.newBuilder().setKey("sampling.priority").setValue(AnyValue.newBuilder().setIntValue(0)))
                .build();

        sampler.consume(Traces.of(List.of(resource("svc", scope("lib", List.of(span))))));

        assertThat(next.spanCount()).isEqualTo(1);
    }

    @Test
    void droppedSpansLeaveNoEmptyScopeOrResourceBehind() {
        Processor sampler = processor(hashSeed(100));
        Span keep = span(randomTraceId(), 1);
        Span drop = prioritized(span(randomTraceId(), 2), 0);

        sampler.consume(Traces.of(List.of(
                resource("a", scope("a1", List.of(drop, drop)), scope("a2", List.of(drop, keep))),
                resource("b", scope("b1", List.of(drop))))));

        assertThat(next.resourceSpans()).hasSize(1);
        ResourceSpans rs = next.resourceSpans().get(0);
        assertThat(rs.getResource().getAttributes(0).getValue().getStringValue()).isEqualTo("a");
        assertThat(rs.getScopeSpansList()).extracting(ss -> ss.getScope().getName()).containsExactly("a2");
        assertThat(rs.getScopeSpans(0).getSpansList()).extracting(Span::getSpanId).containsExactly(keep.getSpanId());
        assertThat(counter("otelcol.processor.dropped.spans")).isEqualTo(4);
    }

    @Test
    void whenNothingSurvivesTheNextConsumerIsNotCalled() {
        Processor sampler = processor(hashSeed(0));

        sampler.consume(Traces.of(List.of(resource("svc", scope("lib", List.of(span(randomTraceId(), 1), span(randomTraceId(), 2)))))));

        assertThat(next.batches()).isEmpty();
        assertThat(counter("otelcol.processor.outgoing.items")).isZero();
    }

    @Test
    void aRequestKeptWholeWithItsTracestateAsItCameIsPassedOnAsTheSameTraces() throws Exception {
        // Equalizing at 50 % leaves a span already sampled at 50 % exactly as it came.
        Processor sampler = processor(new ProbabilisticSamplerConfig(50, 0, Mode.EQUALIZING, true, 4, "traceID", "", ""));
        Span span = span(randomTraceId(), 1).toBuilder().setTraceState("ot=rv:c0000000000000;th:8").build();
        ByteString wire = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource("svc", scope("lib", List.of(span, span)))).build().toByteString();
        Traces incoming = Traces.parse(wire);

        sampler.consume(incoming);

        assertThat(next.batches()).containsExactly(incoming);
        assertThat(next.batches().get(0).encoded()).isSameAs(wire);
    }

    @Test
    void aKeptSpanCarriesTheThresholdAndRandomnessInItsTracestate() {
        Processor sampler = processor(hashSeed(10));
        // Seed 0 puts this trace ID in bucket 606 of 16384, below the 1638 that 10 % keeps.
        Span span = span(HashSeedSamplingTest.id("a5895363bd318b6ac963047bdc4117af"), 1).toBuilder()
                .setTraceState("vendor=x").build();

        sampler.consume(Traces.of(List.of(resource("svc", scope("lib", List.of(span))))));

        assertThat(next.spans()).singleElement()
                .extracting(Span::getTraceState).isEqualTo("ot=rv:f6841d9065c25e;th:e668,vendor=x");
    }

    @Test
    void aRewrittenSpanKeepsEveryOtherFieldAndTheRequestItsOtherSpans() throws Exception {
        Processor sampler = processor(hashSeed(100));
        Span rich = span(HashSeedSamplingTest.id("a5895363bd318b6ac963047bdc4117af"), 1).toBuilder()
                .setParentSpanId(ByteString.copyFrom(new byte[] {9, 9, 9, 9, 9, 9, 9, 9}))
                .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(1).setEndTimeUnixNano(2)
                .addAttributes(KeyValue.newBuilder().setKey("http.route").setValue(AnyValue.newBuilder().setStringValue("/a")))
                .addEvents(Span.Event.newBuilder().setName("retry"))
                .build();
        Span withState = rich.toBuilder().setTraceState("vendor=x").build();
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource("svc", scope("lib", List.of(rich, withState)))).build();

        sampler.consume(Traces.parse(request.toByteString()));

        String written = "ot=rv:f6841d9065c25e;th:0";
        ExportTraceServiceRequest expected = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource("svc", scope("lib", List.of(
                        rich.toBuilder().setTraceState(written).build(),
                        rich.toBuilder().setTraceState(written + ",vendor=x").build())))).build();
        assertThat(next.batches()).singleElement()
                .satisfies(out -> assertThat(ExportTraceServiceRequest.parseFrom(out.encoded())).isEqualTo(expected));
    }

    @Test
    void countsEverySpanByPolicyAndDecisionAsOtelcolV0148WithoutAProcessorLabel() {
        Processor sampler = processor(hashSeed(100));

        sampler.consume(Traces.of(List.of(resource("svc", scope("lib", List.of(
                span(randomTraceId(), 1), span(randomTraceId(), 2), prioritized(span(randomTraceId(), 3), 0)))))));

        // v0.148's name, and the one later releases count under (both, as those releases emit).
        for (String name : List.of("otelcol_processor_probabilistic_sampler_count_traces_sampled_total",
                "otelcol_processor_probabilistic_sampler_count_spans_processed_total")) {
            assertThat(telemetry.scrape())
                    .contains(name + "{policy=\"trace_id_hash\",sampled=\"true\"} 2.0")
                    .contains(name + "{policy=\"sampling_priority\",sampled=\"false\"} 1.0")
                    .doesNotContain(name + "{policy=\"trace_id_hash\",sampled=\"false\"}");
        }
    }

    @Test
    void anExplicitReaderShowsTheCountsInTheSamplersScopeAsOtelcol() {
        Telemetry explicit = new Telemetry(Exposition.PULL_READER);
        Processor sampler = new ProbabilisticSamplerFactory().create(
                TestContext.of("probabilistic_sampler").telemetry(explicit).build(), hashSeed(100), next);

        sampler.consume(Traces.of(List.of(resource("svc", scope("lib", List.of(span(randomTraceId(), 1)))))));

        assertThat(explicit.scrape()).contains("otelcol_processor_probabilistic_sampler_count_traces_sampled_total{"
                + "otel_scope_name=\"github.com/open-telemetry/opentelemetry-collector-contrib/processor/probabilisticsamplerprocessor\","
                + "otel_scope_schema_url=\"\",otel_scope_version=\"\",policy=\"trace_id_hash\",sampled=\"true\"} 1.0");
    }

    private Processor processor(ProbabilisticSamplerConfig config) {
        ComponentContext context = TestContext.of("probabilistic_sampler").telemetry(telemetry).build();
        return new ProbabilisticSamplerFactory().create(context, config, next);
    }

    private static ProbabilisticSamplerConfig hashSeed(double percentage) {
        return new ProbabilisticSamplerConfig(percentage, 0, Mode.HASH_SEED, true, 4, "traceID", "", "");
    }

    private double counter(String name) {
        return telemetry.registry().get(name).tag("processor", "probabilistic_sampler").counter().count();
    }

    private ByteString randomTraceId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return ByteString.copyFrom(id);
    }

    private static Span prioritized(Span span, long priority) {
        return span.toBuilder().addAttributes(KeyValue.newBuilder().setKey("sampling.priority")
                .setValue(AnyValue.newBuilder().setIntValue(priority))).build();
    }
}
