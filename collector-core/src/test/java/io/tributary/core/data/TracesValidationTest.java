package io.tributary.core.data;

import static io.tributary.testkit.TestTraces.request;
import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.scope;
import static io.tributary.testkit.TestTraces.span;
import static io.tributary.testkit.TestTraces.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.TestTraces;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TracesValidationTest {
    private static final ByteString VALID = request(
            resource("frontend", scope("http", spans("a", "b"))),
            resource("backend", scope("rpc", spans("c")), scope("db", spans("d", "e", "f"))))
            .toByteString();

    /** The fourth span of the second scope of the first resource, replaced by {@code bad}. */
    private static ByteString withSpan(Span bad) {
        return request(resource("svc", scope("first", spans("a")), scope("second", spans("b", "c", "d")).toBuilder().addSpans(bad).build()))
                .toByteString();
    }

    private static Span withUnknown(Span span, int number, UnknownFieldSet.Field value) {
        return span.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder().addField(number, value).build()).build();
    }

    private static ByteString bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return ByteString.copyFrom(bytes);
    }

    static Stream<Arguments> malformed() {
        String span3 = "resource_spans[0].scope_spans[1].spans[3]: ";
        byte[] random = new byte[64];
        new Random(1).nextBytes(random);
        return Stream.of(
                Arguments.of("random bytes", ByteString.copyFrom(random), "request: group 14 is closed by an end tag for field 91343"),
                Arguments.of("truncated", VALID.substring(0, VALID.size() - 3),
                        "request: resource_spans is truncated: length 66 but 63 bytes left"),
                Arguments.of("top-level entry longer than the request", bytes(0x0A, 0x05, 0x12),
                        "request: resource_spans is truncated: length 5 but 1 bytes left"),
                Arguments.of("short trace_id", withSpan(span("x").toBuilder().setTraceId(ByteString.copyFromUtf8("abc")).build()),
                        span3 + "trace_id must be 16 bytes, got 3"),
                Arguments.of("long span_id", withSpan(span("x").toBuilder().setSpanId(ByteString.copyFromUtf8("0123456789")).build()),
                        span3 + "span_id must be 8 bytes, got 10"),
                Arguments.of("short parent_span_id", withSpan(span("x").toBuilder().setParentSpanId(ByteString.copyFromUtf8("ab")).build()),
                        span3 + "parent_span_id must be empty or 8 bytes, got 2"),
                Arguments.of("bad link trace_id",
                        withSpan(span("x").toBuilder().addLinks(Span.Link.newBuilder().setTraceId(ByteString.copyFromUtf8("a"))).build()),
                        "resource_spans[0].scope_spans[1].spans[3].links[0]: trace_id must be 16 bytes, got 1"),
                Arguments.of("name with wrong wire type",
                        withSpan(withUnknown(span("").toBuilder().clearName().build(), 5, UnknownFieldSet.Field.newBuilder().addVarint(7).build())),
                        span3 + "name has wire type 0, expected 2"),
                Arguments.of("spans with wrong wire type",
                        request(resource("svc")).toByteString().concat(bytes(0x0A, 0x04, 0x12, 0x02, 0x10, 0x01)),
                        "resource_spans[1].scope_spans[0]: spans has wire type 0, expected 2"),
                Arguments.of("name not UTF-8",
                        withSpan(withUnknown(span("").toBuilder().clearName().build(), 5,
                                UnknownFieldSet.Field.newBuilder().addLengthDelimited(bytes(0xC3, 0x28)).build())),
                        span3 + "name is not valid UTF-8"),
                Arguments.of("attribute value not UTF-8",
                        request(ResourceSpans.newBuilder().setResource(Resource.newBuilder()
                                .addAttributes(TestTraces.attribute("ok", TestTraces.string("fine")))
                                .addAttributes(TestTraces.attribute("bad", AnyValue.newBuilder()
                                        .setUnknownFields(UnknownFieldSet.newBuilder().addField(1,
                                                UnknownFieldSet.Field.newBuilder().addLengthDelimited(bytes(0xFF)).build()).build())
                                        .build())))
                                .build()).toByteString(),
                        "resource_spans[0].resource.attributes[1].value: string_value is not valid UTF-8"),
                Arguments.of("fixed64 cut short", bytes(0x0A, 0x0B, 0x12, 0x09, 0x12, 0x07, 0x39, 1, 2, 3, 4, 5, 6),
                        "resource_spans[0].scope_spans[0].spans[0]: start_time_unix_nano is truncated: needs 8 bytes, 6 left"),
                Arguments.of("invalid wire type", bytes(0x0F), "request: resource_spans has wire type 7, expected 2"),
                Arguments.of("unknown field with invalid wire type", bytes(0x16), "request: field 2 has invalid wire type 6"),
                Arguments.of("stray end-group tag", bytes(0x14), "request: field 2 closes a group that was never opened"),
                Arguments.of("unclosed group", bytes(0x13, 0x08, 0x01), "request: group 2 is never closed"),
                Arguments.of("zero tag", bytes(0x00), "request: invalid tag 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedInputSayingWhereAndWhy(String description, ByteString input, String message) {
        assertThatThrownBy(() -> Traces.parse(input))
                .isInstanceOf(InvalidOtlpException.class)
                .hasMessage(message);
    }

    @Test
    void acceptsWellFormedUnknownGroups() throws Exception {
        ByteString group = bytes(0x13, 0x08, 0x01, 0x14); // field 2 group { field 1: 1 }

        assertThat(Traces.parse(VALID.concat(group)).spanCount()).isEqualTo(6);
    }

    @Test
    void acceptsAnEmptyParentSpanIdAndMissingIds() throws Exception {
        Span root = Span.newBuilder().setName("no ids").build();

        assertThat(Traces.parse(request(resource("svc", scope("s").toBuilder().addSpans(root).build())).toByteString()).spanCount())
                .isEqualTo(1);
    }

    /** Strings are checked a word at a time, short ones with the bytes after them masked off: a bad byte anywhere must be found. */
    @Test
    void findsABadByteAtEveryPositionOfStringsOfEveryLength() {
        for (int length = 1; length <= 20; length++) {
            for (int at = 0; at < length; at++) {
                byte[] name = "abcdefghijklmnopqrst".substring(0, length).getBytes(StandardCharsets.US_ASCII);
                name[at] = (byte) 0xFF;
                ByteString input = withSpan(withUnknown(span("").toBuilder().clearName().build(), 5,
                        UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(name)).build()));

                assertThatThrownBy(() -> Traces.parse(input)).as("0xFF at %d of %d", at, length)
                        .hasMessage("resource_spans[0].scope_spans[1].spans[3]: name is not valid UTF-8");
            }
        }
    }

    /** A string in the last bytes of the request cannot be read a word at a time past its end. */
    @Test
    void findsABadByteInAStringThatEndsTheRequest() throws Exception {
        for (int length = 1; length <= 9; length++) {
            ResourceSpans good = ResourceSpans.newBuilder().setSchemaUrl("x".repeat(length)).build();
            byte[] bytes = request(good).toByteArray();
            assertThat(Traces.parse(UnsafeByteOperations.unsafeWrap(bytes)).resourceSpansCount()).isEqualTo(1);

            bytes[bytes.length - 1] = (byte) 0x80;
            ByteString bad = UnsafeByteOperations.unsafeWrap(bytes);
            assertThatThrownBy(() -> Traces.parse(bad)).as("length %d", length)
                    .hasMessage("resource_spans[0]: schema_url is not valid UTF-8");
        }
    }

    @Test
    void acceptsMultiByteUtf8AtEveryPositionOfALongString() throws Exception {
        for (int at = 0; at < 20; at++) {
            String name = "a".repeat(at) + "\u00e9" + "b".repeat(19 - at);

            assertThat(Traces.parse(withSpan(span(name))).resourceSpans().get(0).getScopeSpans(1).getSpans(3).getName())
                    .isEqualTo(name);
        }
    }

    /** The walk reads a flat request in place: only the slice's bytes count, not the array around it. */
    @Test
    void validatesASliceOfALargerArrayWithinTheSlice() throws Exception {
        byte[] around = new byte[VALID.size() + 20];
        VALID.copyTo(around, 10);

        assertThat(Traces.parse(UnsafeByteOperations.unsafeWrap(around, 10, VALID.size())).spanCount()).isEqualTo(6);
        assertThatThrownBy(() -> Traces.parse(UnsafeByteOperations.unsafeWrap(around, 10, VALID.size() - 3)))
                .hasMessage("request: resource_spans is truncated: length 66 but 63 bytes left");
    }

    /** Whatever the walk accepts must decode: the nesting limit must agree with protobuf-java's. */
    @Test
    void nestingLimitAgreesWithProtobuf() {
        for (int arrays = 40; arrays <= 60; arrays++) {
            AnyValue value = TestTraces.string("leaf");
            for (int i = 0; i < arrays; i++) {
                value = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(value)).build();
            }
            ByteString input = request(resource("svc", scope("s").toBuilder()
                    .addSpans(span("deep").toBuilder().addAttributes(TestTraces.attribute("k", value))).build()))
                    .toByteString();

            boolean protobufAccepts = decodes(input);
            Throwable ours = catchThrowable(() -> Traces.parse(input));

            assertThat(ours == null).as("%d nested arrays; protobuf accepts: %s; ours: %s", arrays, protobufAccepts, ours)
                    .isEqualTo(protobufAccepts);
            if (ours != null) {
                assertThat(ours).hasMessageContaining("nested deeper than 100");
            }
        }
    }

    /** Corrupted requests: anything the walk accepts decodes to what protobuf-java decodes. */
    @Test
    void acceptsNothingProtobufCannotDecode() {
        Random random = new Random(99);
        int accepted = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = TestTraces.random(random).toByteArray();
            if (bytes.length == 0) {
                continue;
            }
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            ByteString input = ByteString.copyFrom(bytes, 0, random.nextInt(4) == 0 ? random.nextInt(bytes.length) : bytes.length);
            Traces traces;
            try {
                traces = Traces.parse(input);
            } catch (InvalidOtlpException e) {
                continue;
            }
            accepted++;
            assertThat(decodes(input)).as("input %d accepted by the walk", i).isTrue();
            assertThat(traces.resourceSpans()).isEqualTo(decode(input).getResourceSpansList());
        }
        assertThat(accepted).as("some corruptions stay valid (e.g. in timestamps)").isPositive();
    }

    private static boolean decodes(ByteString input) {
        try {
            ExportTraceServiceRequest.parseFrom(input);
            return true;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static ExportTraceServiceRequest decode(ByteString input) {
        try {
            return ExportTraceServiceRequest.parseFrom(input);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
