package io.tributary.core.data.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.testkit.TestTraces;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Span fields read from bytes protobuf-java encoded, at an offset within a larger array. */
class SpanFieldsTest {
    private static final byte[] PADDING = {9, 9, 9};

    private static SpanFields read(Span span) {
        byte[] encoded = span.toByteArray();
        byte[] buf = new byte[PADDING.length + encoded.length + PADDING.length];
        System.arraycopy(encoded, 0, buf, PADDING.length, encoded.length);
        return new SpanFields().read(buf, PADDING.length, PADDING.length + encoded.length);
    }

    private static byte[] range(SpanFields fields, int from, int to) {
        return Arrays.copyOfRange(fields.buffer(), from, to);
    }

    @Test
    void everyFieldIsWhereTheSpanHasIt() {
        Span span = TestTraces.span("GET /cart", "http.route", "/cart").toBuilder()
                .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .setParentSpanId(ByteString.copyFrom(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}))
                .setTraceState("ot=th:8")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(1_000_000_000L)
                .setEndTimeUnixNano(1_250_000_000L)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
                .build();

        SpanFields fields = read(span);

        assertThat(range(fields, fields.traceIdFrom(), fields.traceIdTo())).isEqualTo(span.getTraceId().toByteArray());
        assertThat(range(fields, fields.spanIdFrom(), fields.spanIdTo())).isEqualTo(span.getSpanId().toByteArray());
        assertThat(range(fields, fields.parentSpanIdFrom(), fields.parentSpanIdTo())).isEqualTo(span.getParentSpanId().toByteArray());
        assertThat(new String(range(fields, fields.traceStateFrom(), fields.traceStateTo()), StandardCharsets.UTF_8)).isEqualTo("ot=th:8");
        assertThat(fields.isRoot()).isFalse();
        assertThat(new String(range(fields, fields.nameFrom(), fields.nameTo()), StandardCharsets.UTF_8)).isEqualTo("GET /cart");
        assertThat(fields.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER_VALUE);
        assertThat(fields.startTimeUnixNano()).isEqualTo(1_000_000_000L);
        assertThat(fields.endTimeUnixNano()).isEqualTo(1_250_000_000L);
        assertThat(fields.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR_VALUE);
        Attributes.Value route = fields.attribute("http.route".getBytes(StandardCharsets.UTF_8));
        assertThat(route).isNotNull();
        assertThat(range(fields, route.from(), route.to())).isEqualTo(AnyValue.newBuilder().setStringValue("/cart").build().toByteArray());
        assertThat(fields.attribute("missing".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void absentFieldsReadAsDefaultsAndAReusedReaderForgetsThePreviousSpan() {
        SpanFields fields = read(TestTraces.span("full").toBuilder().setKind(Span.SpanKind.SPAN_KIND_CLIENT).setTraceState("ot=th:8")
                .setParentSpanId(ByteString.copyFrom(new byte[8]))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)).build());
        byte[] bare = Span.getDefaultInstance().toByteArray();

        fields.read(bare, 0, bare.length);

        assertThat(fields.isRoot()).isTrue();
        assertThat(fields.nameTo() - fields.nameFrom()).isZero();
        assertThat(fields.traceStateTo() - fields.traceStateFrom()).isZero();
        assertThat(fields.kind()).isZero();
        assertThat(fields.statusCode()).isZero();
        assertThat(fields.startTimeUnixNano()).isZero();
    }

    @Test
    void eventsAreVisitedInOrder() throws Exception {
        Span span = TestTraces.span("op").toBuilder()
                .addEvents(Span.Event.newBuilder().setName("exception").addAttributes(TestTraces.attribute("exception.type", "E")))
                .addEvents(Span.Event.newBuilder().setName("retry"))
                .build();
        List<byte[]> events = new ArrayList<>();

        read(span).events((buf, from, to) -> events.add(Arrays.copyOfRange(buf, from, to)));

        assertThat(events).hasSize(2);
        assertThat(Span.Event.parseFrom(events.get(0))).isEqualTo(span.getEvents(0));
        assertThat(Span.Event.parseFrom(events.get(1))).isEqualTo(span.getEvents(1));
    }
}
