package io.tributary.translator.zipkin;

import static io.tributary.testkit.TestTraces.attributes;
import static io.tributary.testkit.TestTraces.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.twitter.zipkin.thriftjava.Annotation;
import com.twitter.zipkin.thriftjava.AnnotationType;
import com.twitter.zipkin.thriftjava.BinaryAnnotation;
import com.twitter.zipkin.thriftjava.Endpoint;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.core.data.Traces;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;

/** otelcol's own Zipkin v1 mapping, rule by rule, for JSON and Thrift. */
class ZipkinV1TranslatorTest {
    private static final long RECEIVED = 1_800_000_000_123_456_789L;
    private static final long T0 = 1_700_000_000_000_000L;
    private static final String SERVER = """
            {"serviceName": "backend", "ipv4": "192.0.2.30", "port": 80}""";

    private static Traces json(String body) {
        return ZipkinV1Translator.fromJson(body.getBytes(StandardCharsets.UTF_8), false, RECEIVED);
    }

    /** One span of trace 1, ID 2, with the given members. */
    private static Traces jsonSpan(String members) {
        return json("[{\"traceId\": \"0000000000000001\", \"id\": \"0000000000000002\"" + (members.isEmpty() ? "" : ", " + members) + "}]");
    }

    private static Span only(Traces traces) {
        assertThat(traces.spanCount()).isEqualTo(1);
        return traces.resourceSpans().get(0).getScopeSpans(0).getSpans(0);
    }

    private static Map<String, AnyValue> resource(Traces traces) {
        assertThat(traces.resourceSpans()).hasSize(1);
        return attributes(traces.resourceSpans().get(0).getResource().getAttributesList());
    }

    private static com.twitter.zipkin.thriftjava.Span thriftSpan() {
        return new com.twitter.zipkin.thriftjava.Span().setTrace_id(1).setId(2).setName("op");
    }

    private static byte[] thrift(com.twitter.zipkin.thriftjava.Span... spans) throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(256);
        TBinaryProtocol protocol = new TBinaryProtocol(buffer);
        protocol.writeListBegin(new TList(TType.STRUCT, spans.length));
        for (com.twitter.zipkin.thriftjava.Span span : spans) {
            span.write(protocol);
        }
        protocol.writeListEnd();
        return Arrays.copyOf(buffer.getArray(), buffer.length());
    }

    private static BinaryAnnotation binary(String key, AnnotationType type, byte[] value) {
        return new BinaryAnnotation().setKey(key).setAnnotation_type(type).setValue(value);
    }

    @Test
    void theFirstCoreAnnotationsEndpointBecomesTheResourceWithItsAddressesAsStrings() {
        Traces traces = jsonSpan("""
                "annotations": [{"timestamp": 1, "value": "sr", "endpoint": %s},
                                {"timestamp": 2, "value": "cs", "endpoint": {"serviceName": "other", "ipv6": "::1"}}]""".formatted(SERVER));

        assertThat(resource(traces)).containsExactly(
                Map.entry("service.name", value("backend")), Map.entry("ipv4", value("192.0.2.30")), Map.entry("port", value("80")));
    }

    @Test
    void theKindComesFromTheFirstCoreAnnotation() {
        Map<String, SpanKind> kinds = Map.of("cs", SpanKind.SPAN_KIND_CLIENT, "cr", SpanKind.SPAN_KIND_CLIENT,
                "sr", SpanKind.SPAN_KIND_SERVER, "ss", SpanKind.SPAN_KIND_SERVER,
                "ms", SpanKind.SPAN_KIND_PRODUCER, "mr", SpanKind.SPAN_KIND_CONSUMER);
        kinds.forEach((annotation, kind) -> assertThat(only(jsonSpan("""
                "annotations": [{"timestamp": 1, "value": "%s"}, {"timestamp": 2, "value": "sr"}]""".formatted(annotation))).getKind())
                .as(annotation).isEqualTo(kind));
        assertThat(only(jsonSpan("\"timestamp\": 1")).getKind()).isEqualTo(SpanKind.SPAN_KIND_UNSPECIFIED);
    }

    @Test
    void otherAnnotationsBecomeEventsAndEmptyOnesAreIgnored() {
        Span span = only(jsonSpan("""
                "annotations": [{"timestamp": 10, "value": "sr"}, {"timestamp": 20, "value": "cache miss"},
                                {"timestamp": 1, "value": ""}, {"timestamp": 30, "value": "ss"}]"""));

        assertThat(span.getEventsList()).containsExactly(Span.Event.newBuilder().setTimeUnixNano(20_000).setName("cache miss").build());
        assertThat(span.getStartTimeUnixNano()).as("the empty annotation's earlier time is ignored").isEqualTo(10_000);
    }

    @Test
    void withoutASpanTimestampTheAnnotationsSpanTheSpan() {
        Span span = only(jsonSpan("""
                "annotations": [{"timestamp": %d, "value": "cs"}, {"timestamp": %d, "value": "cr"}, {"timestamp": %d, "value": "retry"}]"""
                .formatted(T0 + 5, T0 + 50, T0)));

        assertThat(span.getStartTimeUnixNano()).isEqualTo(T0 * 1000);
        assertThat(span.getEndTimeUnixNano()).isEqualTo((T0 + 50) * 1000);
        assertThat(span.getAttributesList()).isEmpty();
    }

    @Test
    void theSpanTimestampAndDurationWinOverTheAnnotations() {
        Span span = only(jsonSpan("""
                "timestamp": %d, "duration": 7, "annotations": [{"timestamp": %d, "value": "sr"}]""".formatted(T0, T0 - 100)));

        assertThat(span.getStartTimeUnixNano()).isEqualTo(T0 * 1000);
        assertThat(span.getEndTimeUnixNano()).isEqualTo((T0 + 7) * 1000);
    }

    @Test
    void aJsonSpanWithoutAnyTimeGetsTheTimeOfReceiptAndIsMarked() {
        Span span = only(jsonSpan("\"name\": \"local\""));

        assertThat(span.getStartTimeUnixNano()).isEqualTo(RECEIVED);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(RECEIVED);
        assertThat(attributes(span.getAttributesList())).containsExactly(Map.entry(ZipkinTranslator.START_TIME_ABSENT, value(true)));
    }

    @Test
    void aThriftSpanWithoutAnyTimeStaysAtZeroAsInOtelcol() throws TException {
        Span span = only(ZipkinV1Translator.fromThrift(thrift(thriftSpan())));

        assertThat(span.getStartTimeUnixNano()).isZero();
        assertThat(span.getEndTimeUnixNano()).isZero();
        assertThat(span.getAttributesList()).isEmpty();
    }

    @Test
    void withoutANamedCoreAnnotationTheLastBinaryAnnotationNamingAServiceNamesTheSpan() {
        Traces traces = jsonSpan("""
                "annotations": [{"timestamp": 1, "value": "sr", "endpoint": {"ipv4": "192.0.2.1"}}],
                "binaryAnnotations": [{"key": "a", "value": "1", "endpoint": {"serviceName": "first", "ipv4": "192.0.2.2"}},
                                      {"key": "b", "value": "2", "endpoint": {"serviceName": "second"}},
                                      {"key": "c", "value": "3", "endpoint": {"serviceName": ""}}]""");

        assertThat(resource(traces)).as("only the name: the endpoint's addresses are not the span's")
                .containsExactly(Map.entry("service.name", value("second")));
    }

    @Test
    void anAddressAnnotationStaysABooleanAttributeAndItsServiceNamesASpanWithoutOther() throws TException {
        com.twitter.zipkin.thriftjava.Span span = thriftSpan().setTimestamp(T0).setBinary_annotations(List.of(
                binary("ma", AnnotationType.BOOL, new byte[] {1}).setHost(new Endpoint().setService_name("kafka").setPort((short) 9092))));

        Traces traces = ZipkinV1Translator.fromThrift(thrift(span));

        assertThat(resource(traces)).containsExactly(Map.entry("service.name", value("kafka")));
        assertThat(attributes(only(traces).getAttributesList())).containsExactly(Map.entry("ma", value(true)));
    }

    @Test
    void localComponentBecomesComponentAndNamesASpanWithoutAnyEndpoint() {
        Traces traces = jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "lc", "value": "worker"}]""");

        assertThat(resource(traces)).containsExactly(Map.entry("service.name", value("worker")));
        assertThat(attributes(only(traces).getAttributesList())).containsExactly(Map.entry("component", value("worker")));
    }

    @Test
    void aSpanWithoutAnyServiceIsTheUnknownService() {
        assertThat(resource(jsonSpan("\"timestamp\": 1"))).containsExactly(Map.entry("service.name", value("unknown-service")));
    }

    @Test
    void spansGoToOneResourcePerWholeEndpointInOrderOfAppearance() {
        String sr = "{\"traceId\": \"0000000000000001\", \"id\": \"%s\", \"timestamp\": 1, "
                + "\"annotations\": [{\"timestamp\": 1, \"value\": \"sr\", \"endpoint\": %s}]}";
        Traces traces = json("[" + String.join(",",
                sr.formatted("0000000000000002", "{\"serviceName\": \"svc\", \"port\": 80}"),
                sr.formatted("0000000000000003", "{\"serviceName\": \"svc\", \"port\": 81}"),
                sr.formatted("0000000000000004", "{\"serviceName\": \"svc\", \"port\": 80}")) + "]");

        assertThat(traces.resourceSpans()).extracting(rs -> attributes(rs.getResource().getAttributesList()).get("port"))
                .containsExactly(value("80"), value("81"));
        assertThat(traces.resourceSpans().get(0).getScopeSpans(0).getSpansCount()).isEqualTo(2);
        assertThat(traces.resourceSpans().get(0).getScopeSpans(0).hasScope()).isFalse();
    }

    @Test
    void anErrorAnnotationIsAnErrorStatusWhateverItsValueAndIsNoAttribute() {
        Span span = only(jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "error", "value": "false"}]"""));

        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.getAttributesList()).isEmpty();
    }

    @Test
    void otelStatusCodeIsReadAsANumberOnlyAndIsNeverAnAttribute() {
        Span named = only(jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "otel.status_code", "value": "Error"},
                                                     {"key": "otel.status_description", "value": "boom"}]"""));
        Span numbered = only(jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "otel.status_code", "value": "2"},
                                                     {"key": "otel.status_description", "value": "boom"}]"""));

        assertThat(named.hasStatus()).isFalse();
        assertThat(named.getAttributesList()).isEmpty();
        assertThat(numbered.getStatus()).isEqualTo(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom").build());
        assertThat(numbered.getAttributesList()).isEmpty();
    }

    @Test
    void anErrorAnnotationTakesTheStatusDescription() {
        Span span = only(jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "error", "value": ""}, {"key": "otel.status_description", "value": "boom"}]"""));

        assertThat(span.getStatus()).isEqualTo(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom").build());
    }

    @Test
    void censusStatusWinsOverTheOtherStatusAnnotations() {
        Span span = only(jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "census.status_code", "value": "0"}, {"key": "error", "value": "x"},
                                                     {"key": "otel.status_code", "value": "2"}, {"key": "census.status_description", "value": "fine"}]"""));

        assertThat(span.getStatus()).isEqualTo(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK).setMessage("fine").build());
        assertThat(span.getAttributesList()).isEmpty();
    }

    @Test
    void anHttpStatusCodeGivesTheStatusWhenNothingElseDoesAndStaysAnAttribute() {
        Span failed = only(jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "http.status_code", "value": "503"},
                                                     {"key": "http.status_message", "value": "unavailable"}]"""));
        Span redirected = only(jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "http.status_code", "value": "302"}]"""));

        assertThat(failed.getStatus()).isEqualTo(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("unavailable").build());
        assertThat(attributes(failed.getAttributesList())).containsOnlyKeys("http.status_code", "http.status_message");
        assertThat(redirected.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    }

    @Test
    void otelLibraryAnnotationsStayAttributes() {
        Traces traces = jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "otel.library.name", "value": "lib"}]""");

        assertThat(traces.resourceSpans().get(0).getScopeSpans(0).hasScope()).isFalse();
        assertThat(attributes(only(traces).getAttributesList())).containsExactly(Map.entry("otel.library.name", value("lib")));
    }

    @Test
    void aLaterBinaryAnnotationOfTheSameKeyReplacesTheEarlier() {
        Span span = only(jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "k", "value": "1"}, {"key": "j", "value": "2"}, {"key": "k", "value": "3"}]"""));

        assertThat(attributes(span.getAttributesList())).containsExactly(Map.entry("k", value("3")), Map.entry("j", value("2")));
    }

    @Test
    void parseStringTagsTypesJsonStringValuesLikeOtelcol() {
        Span span = only(ZipkinV1Translator.fromJson("""
                [{"traceId": "0000000000000001", "id": "0000000000000002", "timestamp": 1,
                  "binaryAnnotations": [{"key": "int", "value": "-42"}, {"key": "double", "value": "1.5"},
                                        {"key": "bool", "value": "true"}, {"key": "exponent", "value": "1e3"}]}]"""
                .getBytes(StandardCharsets.UTF_8), true, RECEIVED));

        assertThat(attributes(span.getAttributesList())).containsExactly(Map.entry("int", value(-42L)), Map.entry("double", value(1.5)),
                Map.entry("bool", value(true)), Map.entry("exponent", value("1e3")));
    }

    @Test
    void idsAreReadAsOtelcolReadsThem() {
        Span span = only(json("""
                [{"traceId": "4D1E00C0DB9010DB", "id": "1111111111111111", "parentId": "2222222222222222", "name": "n", "timestamp": 1}]"""));

        assertThat(span.getTraceId()).isEqualTo(ByteString.fromHex("00000000000000004d1e00c0db9010db"));
        assertThat(span.getParentSpanId()).isEqualTo(ByteString.fromHex("2222222222222222"));
        for (String ids : List.of("\"traceId\": \"123\", \"id\": \"1111111111111111\"",
                "\"traceId\": \"0000000000000000\", \"id\": \"1111111111111111\"",
                "\"traceId\": \"0000000000000001\", \"id\": \"0000000000000000\"",
                "\"traceId\": \"0000000000000001\", \"id\": \"111111111111111x\"",
                "\"traceId\": \"0000000000000001\", \"id\": \"1111111111111111\", \"parentId\": \"0000000000000000\"")) {
            assertThatThrownBy(() -> json("[{" + ids + "}]")).as(ids).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void jsonIsReadAsGoReadsItIntoOtelcolsStructs() {
        Span span = only(json("""
                [{"TRACEID": "0000000000000001", "Id": "0000000000000002", "name": null, "unknown": {"a": [1, {}]},
                  "timestamp": 5, "debug": true, "annotations": [null, {"timestamp": 5, "value": "sr", "endpoint": %s}]}]"""
                .formatted(SERVER)));

        assertThat(span.getSpanId()).isEqualTo(ByteString.fromHex("0000000000000002"));
        assertThat(span.getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(json("null").spanCount()).isZero();
        for (String body : List.of("{}", "[{\"traceId\": \"0000000000000001\", \"id\": \"0000000000000002\", \"timestamp\": \"5\"}]",
                "[{\"traceId\": \"0000000000000001\", \"id\": \"0000000000000002\", \"timestamp\": 5.0}]",
                "[{\"traceId\": 1, \"id\": \"0000000000000002\"}]",
                "[{\"traceId\": \"0000000000000001\", \"id\": \"0000000000000002\", \"annotations\": [{\"endpoint\": {\"port\": 99999999999}}]}]",
                "[] []")) {
            assertThatThrownBy(() -> json(body)).as(body).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Zipkin v1 gives address annotations the value {@code true}, as zipkin-reporter writes them; otelcol refuses the body. */
    @Test
    void jsonBinaryAnnotationsMayHaveBooleanAndNumberValues() {
        Span span = only(jsonSpan("""
                "timestamp": 1, "binaryAnnotations": [{"key": "sa", "value": true, "endpoint": {"serviceName": "db"}},
                                                     {"key": "n", "value": 3}, {"key": "x", "value": 0.5}]"""));

        assertThat(attributes(span.getAttributesList())).containsExactly(
                Map.entry("sa", value(true)), Map.entry("n", value(3L)), Map.entry("x", value(0.5)));
    }

    @Test
    void thriftBinaryAnnotationsKeepTheirTypeAsOtelcolDecodesThem() throws TException {
        com.twitter.zipkin.thriftjava.Span span = thriftSpan().setTimestamp(T0).setBinary_annotations(List.of(
                binary("bool", AnnotationType.BOOL, new byte[] {1}),
                binary("not one", AnnotationType.BOOL, new byte[] {2}),
                binary("bytes", AnnotationType.BYTES, new byte[] {1, 2, 3}),
                binary("i16", AnnotationType.I16, ByteBuffer.allocate(2).putShort((short) -1).array()),
                binary("i32", AnnotationType.I32, ByteBuffer.allocate(4).putInt(-1).array()),
                binary("i64", AnnotationType.I64, ByteBuffer.allocate(8).putLong(-1).array()),
                binary("double", AnnotationType.DOUBLE, ByteBuffer.allocate(8).putDouble(2.5).array()),
                binary("short", AnnotationType.I64, new byte[] {1}),
                binary("string", AnnotationType.STRING, "text".getBytes(StandardCharsets.UTF_8)),
                // fromThrift takes no parse_string_tags: otelcol's Thrift path ignores the setting.
                binary("numeric text", AnnotationType.STRING, "42".getBytes(StandardCharsets.UTF_8))));

        assertThat(attributes(only(ZipkinV1Translator.fromThrift(thrift(span))).getAttributesList())).containsExactly(
                Map.entry("bool", value(true)), Map.entry("not one", value(false)), Map.entry("bytes", value("AQID")),
                Map.entry("i16", value(65535L)), Map.entry("i32", value(4294967295L)), Map.entry("i64", value(-1L)),
                Map.entry("double", value(2.5)), Map.entry("short", value("<not enough bytes representing the number>")),
                Map.entry("string", value("text")), Map.entry("numeric text", value("42")));
    }

    @Test
    void thriftEndpointsAreWrittenAsGoWritesThemWithUnsignedPorts() throws TException {
        byte[] ipv6 = ByteBuffer.allocate(16).putLong(0x20010db800000000L).putLong(0xc001L).array();
        com.twitter.zipkin.thriftjava.Span span = thriftSpan().setTimestamp(T0).setAnnotations(List.of(new Annotation().setTimestamp(T0)
                .setValue("sr").setHost(new Endpoint().setService_name("svc").setIpv4(0xc000021e).setIpv6(ipv6).setPort((short) 52100))));

        assertThat(resource(ZipkinV1Translator.fromThrift(thrift(span)))).containsExactly(Map.entry("service.name", value("svc")),
                Map.entry("ipv4", value("192.0.2.30")), Map.entry("ipv6", value("2001:db8::c001")), Map.entry("port", value("52100")));
    }

    @Test
    void thriftTraceIdsAreSixtyFourOrOneHundredTwentyEightBitsAndNeverZero() throws TException {
        Traces traces = ZipkinV1Translator.fromThrift(thrift(thriftSpan(), thriftSpan().setTrace_id_high(3).setId(4).setParent_id(2)));
        List<Span> spans = traces.resourceSpans().stream().map(ResourceSpans::getScopeSpansList).flatMap(List::stream)
                .flatMap(scope -> scope.getSpansList().stream()).toList();

        assertThat(spans).extracting(Span::getTraceId).containsExactly(
                ByteString.fromHex("00000000000000000000000000000001"), ByteString.fromHex("00000000000000030000000000000001"));
        assertThat(spans.get(1).getParentSpanId()).isEqualTo(ByteString.fromHex("0000000000000002"));
        byte[] zeroTraceId = thrift(thriftSpan().setTrace_id(0));
        assertThatThrownBy(() -> ZipkinV1Translator.fromThrift(zeroTraceId)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Without the walk of {@link ThriftBounds}, zipkincore's reader would allocate a list of 2^31 - 1 annotations. */
    @Test
    void aThriftListClaimingMoreElementsThanTheBodyHoldsIsRefused() {
        ByteBuffer body = ByteBuffer.allocate(15);
        body.put((byte) TType.STRUCT).putInt(1); // list<struct> of one span
        body.put(TType.LIST).putShort((short) 6).put(TType.VOID).putInt(Integer.MAX_VALUE); // annotations: list<void>
        body.put(TType.STOP);

        assertThatThrownBy(() -> ZipkinV1Translator.fromThrift(body.array())).isInstanceOf(IllegalArgumentException.class);
    }
}
