package io.tributary.translator.jaeger;

import static io.tributary.translator.jaeger.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jaeger api_v2 protobuf → OTLP: the shared rules, plus what only the protobuf encoding can carry. */
class JaegerProtoToOtlpTest extends JaegerToOtlpRules {

    @Override
    Traces toTraces(Model.Batch batch) {
        return JaegerProtoTranslator.toTraces(batch);
    }

    @Test
    void aSpanProcessOverridesTheBatchProcessAndSpansAreGroupedByProcess() {
        Model.Process other = Model.Process.newBuilder().setServiceName("other").build();
        Model.Batch batch = batch(
                jaegerSpan().setOperationName("a").build(),
                jaegerSpan().setOperationName("b").setProcess(other).build(),
                jaegerSpan().setOperationName("c").build());

        List<ResourceSpans> resources = toTraces(batch).resourceSpans();

        assertThat(resources).extracting(rs -> rs.getResource().getAttributes(0).getValue().getStringValue())
                .containsExactly("svc", "other");
        assertThat(resources.get(0).getScopeSpans(0).getSpansList()).extracting(Span::getName).containsExactly("a", "c");
        assertThat(resources.get(1).getScopeSpans(0).getSpansList()).extracting(Span::getName).containsExactly("b");
    }

    @Test
    void aShortTraceIdIsLeftPaddedToSixteenBytes() {
        Span span = translate(jaegerSpan().setTraceId(hex("0000000000000001")).build());

        assertThat(span.getTraceId()).isEqualTo(hex("00000000000000000000000000000001"));
    }

    @Test
    void anOverlongTraceIdIsRejected() {
        Model.Batch batch = batch(jaegerSpan().setTraceId(ByteString.copyFrom(new byte[17])).build());

        assertThatThrownBy(() -> toTraces(batch)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Jaeger's model reads 8- or 16-byte trace IDs and 8-byte span IDs only; otelcol refuses the call otherwise. */
    @ParameterizedTest
    @CsvSource({"12, 8", "16, 4", "4, 8"})
    void idsOfAnotherWidthAreRejected(int traceIdBytes, int spanIdBytes) {
        Model.Batch batch = batch(jaegerSpan().setTraceId(ByteString.copyFrom(new byte[traceIdBytes]))
                .setSpanId(ByteString.copyFrom(new byte[spanIdBytes])).build());

        assertThatThrownBy(() -> toTraces(batch)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReferenceWithATraceIdOfAnotherWidthIsRejected() {
        Model.Batch batch = batch(jaegerSpan().addReferences(Model.SpanRef.newBuilder()
                .setTraceId(ByteString.copyFrom(new byte[12])).setSpanId(OTHER_SPAN_ID)).build());

        assertThatThrownBy(() -> toTraces(batch)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesKeepNanosecondPrecision() {
        Span span = translate(jaegerSpan().setStartTime(timestamp(START_NANOS + 7)).setDuration(duration(1_500_000_123)).build());

        assertThat(span.getStartTimeUnixNano()).isEqualTo(START_NANOS + 7);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(START_NANOS + 7 + 1_500_000_123);
    }
}
