package io.tributary.translator;

import static io.tributary.testkit.TestTraces.attribute;
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
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpJsonEncoderTest {
    private static String json(ResourceSpans... resourceSpans) {
        return new String(OtlpJsonEncoder.write(List.of(resourceSpans)), StandardCharsets.UTF_8);
    }

    private static ResourceSpans oneSpan(Span span) {
        return ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)).build();
    }

    @Test
    void aSpanIsWrittenAsPdataWritesIt() {
        ResourceSpans rs = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", AnyValue.newBuilder().setStringValue("api").build())))
                .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1.0"))
                        .addSpans(Span.newBuilder()
                                .setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60c"))
                                .setSpanId(ByteString.fromHex("eee19b7ec3c1b174"))
                                .setParentSpanId(ByteString.fromHex("eee19b7ec3c1b173"))
                                .setFlags(257)
                                .setName("GET /")
                                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                .setStartTimeUnixNano(1_544_712_660_000_000_000L)
                                .setEndTimeUnixNano(-1L)
                                .addAttributes(attribute("http.status_code", AnyValue.newBuilder().setIntValue(200).build()))
                                .addEvents(Span.Event.newBuilder().setName("e").setTimeUnixNano(5))
                                .addLinks(Span.Link.newBuilder().setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60d"))
                                        .setSpanId(ByteString.fromHex("0000000000000001")).setFlags(1))
                                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))))
                .build();

        assertThat(json(rs)).isEqualTo("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"api\"}}]},"
                + "\"scopeSpans\":[{\"scope\":{\"name\":\"lib\",\"version\":\"1.0\"},\"spans\":[{"
                + "\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\","
                + "\"parentSpanId\":\"eee19b7ec3c1b173\",\"flags\":257,\"name\":\"GET /\",\"kind\":2,"
                + "\"startTimeUnixNano\":\"1544712660000000000\",\"endTimeUnixNano\":\"18446744073709551615\","
                + "\"attributes\":[{\"key\":\"http.status_code\",\"value\":{\"intValue\":\"200\"}}],"
                + "\"events\":[{\"timeUnixNano\":\"5\",\"name\":\"e\"}],"
                + "\"links\":[{\"traceId\":\"5b8efff798038103d269b633813fc60d\",\"spanId\":\"0000000000000001\",\"flags\":1}],"
                + "\"status\":{\"message\":\"boom\",\"code\":2}}]}],"
                + "\"schemaUrl\":\"https://opentelemetry.io/schemas/1.24.0\"}]}");
    }

    @Test
    void emptyMessagesThatPdataAlwaysWritesAreEmptyObjects() {
        assertThat(json(oneSpan(Span.getDefaultInstance())))
                .isEqualTo("{\"resourceSpans\":[{\"resource\":{},\"scopeSpans\":[{\"scope\":{},\"spans\":[{\"status\":{}}]}]}]}");
    }

    @Test
    void anEmptyRequestIsAnEmptyObject() {
        assertThat(json()).isEqualTo("{}");
    }

    @Test
    void everyAttributeValueTypeHasItsOtlpJsonForm() {
        Span span = Span.newBuilder()
                .addAttributes(attribute("b", AnyValue.newBuilder().setBoolValue(true).build()))
                .addAttributes(attribute("d", AnyValue.newBuilder().setDoubleValue(0.25).build()))
                .addAttributes(attribute("nan", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()))
                .addAttributes(attribute("inf", AnyValue.newBuilder().setDoubleValue(Double.NEGATIVE_INFINITY).build()))
                .addAttributes(attribute("bytes", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(HexFormat.of().parseHex("00ff"))).build()))
                .addAttributes(attribute("arr", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setStringValue("x"))).build()))
                .addAttributes(attribute("kv", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(attribute("k", AnyValue.newBuilder().setIntValue(-3).build()))).build()))
                .addAttributes(attribute("empty", AnyValue.getDefaultInstance()))
                .build();

        assertThat(json(oneSpan(span))).contains("\"attributes\":["
                + "{\"key\":\"b\",\"value\":{\"boolValue\":true}},"
                + "{\"key\":\"d\",\"value\":{\"doubleValue\":0.25}},"
                + "{\"key\":\"nan\",\"value\":{\"doubleValue\":\"NaN\"}},"
                + "{\"key\":\"inf\",\"value\":{\"doubleValue\":\"-Infinity\"}},"
                + "{\"key\":\"bytes\",\"value\":{\"bytesValue\":\"AP8=\"}},"
                + "{\"key\":\"arr\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"x\"}]}}},"
                + "{\"key\":\"kv\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":{\"intValue\":\"-3\"}}]}}},"
                + "{\"key\":\"empty\",\"value\":{}}]");
    }

    @Test
    void stringsAreEscaped() {
        assertThat(json(oneSpan(Span.newBuilder().setName("a\"b\\c\nd\u0001").build())))
                .contains("\"name\":\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    @Test
    void htmlCharactersAndLineSeparatorsStayAsPdataLeavesThem() {
        assertThat(json(oneSpan(Span.newBuilder().setName("<a href='x'>&\u2028").build())))
                .contains("\"name\":\"<a href='x'>&\u2028\"");
    }
}
