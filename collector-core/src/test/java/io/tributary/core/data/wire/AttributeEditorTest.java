package io.tributary.core.data.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The editor against protobuf-java: its output must decode to what parsing, editing the objects
 * and encoding gives, and, for canonically encoded input, be those very bytes.
 */
class AttributeEditorTest {
    private static final UnaryOperator<List<KeyValue>> SET_ENV_PROD = upsert("env", "prod");

    // ---- resources -------------------------------------------------------------------------

    @Test
    void addsReplacesAndRemovesResourceAttributes() {
        ExportTraceServiceRequest request = TracesFixture.request(
                TracesFixture.resource("svc-a", TracesFixture.scope("http", "a", "b")),
                TracesFixture.resource("svc-b", TracesFixture.scope("db", "c")).toBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(attribute("service.name", "svc-b"))
                                .addAttributes(attribute("env", "dev"))
                                .addAttributes(attribute("host.name", "h1")))
                        .build());

        for (UnaryOperator<List<KeyValue>> edit : List.of(upsert("region", "eu"), SET_ENV_PROD, remove("host.name"),
                remove("service.name"))) {
            assertResourceEditMatchesObjects(request, edit);
        }
    }

    @Test
    void aResourceEntryWithoutAResourceGetsOneWhenAnAttributeIsAdded() {
        ExportTraceServiceRequest request = TracesFixture.request(ResourceSpans.newBuilder()
                .addScopeSpans(TracesFixture.scope("http", "a")).setSchemaUrl("https://schema").build());

        byte[] edited = assertResourceEditMatchesObjects(request, SET_ENV_PROD);

        assertThat(parseTraces(edited).getResourceSpans(0).getResource().getAttributesList()).containsExactly(attribute("env", "prod"));
    }

    @Test
    void aResourceGivenTwiceIsEditedAsProtobufMergesIt() throws Exception {
        byte[] first = field(Schema.Resource.ATTRIBUTES, attribute("service.name", "svc").toByteArray());
        byte[] second = concat(field(Schema.Resource.ATTRIBUTES, attribute("env", "dev").toByteArray()),
                varintField(Schema.Resource.DROPPED_ATTRIBUTES_COUNT, 2));
        byte[] request = field(1, concat(field(Schema.ResourceEntry.RESOURCE, first),
                field(2, TracesFixture.scope("http", "a").toByteArray()),
                field(Schema.ResourceEntry.RESOURCE, second)));
        UnaryOperator<List<KeyValue>> edit = upsert("env", "prod");

        byte[] edited = edit(AttributeEditor.resources(edit), Schema.TRACES, request).request();

        assertThat(parseTraces(edited)).isEqualTo(editResources(ExportTraceServiceRequest.parseFrom(request), edit));
        assertThat(parseTraces(edited).getResourceSpans(0).getResource().getAttributesList())
                .containsExactly(attribute("service.name", "svc"), attribute("env", "prod"));
    }

    // ---- spans -----------------------------------------------------------------------------

    @Test
    void addsReplacesAndRemovesSpanAttributes() {
        ExportTraceServiceRequest request = TracesFixture.request(TracesFixture.resource("svc-a", ScopeSpans.newBuilder()
                .addSpans(TracesFixture.span("a").toBuilder().addAttributes(attribute("env", "dev")).addAttributes(attribute("k", "v")))
                .addSpans(TracesFixture.span("b"))
                .addSpans(TracesFixture.span("c").toBuilder().addAttributes(attribute("k", "v")))
                .build()));

        for (UnaryOperator<List<KeyValue>> edit : List.of(upsert("region", "eu"), SET_ENV_PROD, remove("k"), remove("env"))) {
            byte[] edited = edit(AttributeEditor.items(null, edit), Schema.TRACES, request.toByteArray()).request();
            assertThat(edited).isEqualTo(editSpans(request, span -> true, edit).toByteArray());
        }
    }

    @Test
    void onlyTheSelectedSpanOfSeveralResourcesAndScopesIsEdited() {
        ExportTraceServiceRequest request = TracesFixture.request(
                TracesFixture.resource("svc-a", TracesFixture.scope("http", "a", "b"), TracesFixture.scope("db", "c")),
                TracesFixture.resource("svc-b", TracesFixture.scope("http", "d"), TracesFixture.scope("rpc", "target", "e")),
                TracesFixture.resource("svc-c", TracesFixture.scope("http", "f")));
        List<String> told = new ArrayList<>();
        AttributeEditor.ItemSelector onlyTarget = new AttributeEditor.ItemSelector() {
            @Override
            public void resource(byte[] buf, int from, int to) {
                told.add("resource");
            }

            @Override
            public void scope(byte[] buf, int from, int to) {
                told.add("scope");
            }

            @Override
            public boolean selects(byte[] buf, int from, int to) {
                String name = parse(() -> Span.parser().parseFrom(buf, from, to - from)).getName();
                told.add(name);
                return name.equals("target");
            }
        };

        AttributeEditor.Edited edited = edit(AttributeEditor.items(onlyTarget, SET_ENV_PROD), Schema.TRACES, request.toByteArray());

        assertThat(edited.request()).isEqualTo(editSpans(request, span -> span.getName().equals("target"), SET_ENV_PROD).toByteArray());
        assertThat(edited.changedEntries()).isEqualTo(bits(1));
        assertThat(told).containsExactly("resource", "scope", "a", "b", "scope", "c",
                "resource", "scope", "d", "scope", "target", "e", "resource", "scope", "f");
    }

    @Test
    void anEditThatChangesNothingGivesNull() {
        byte[] request = TracesFixture.request(TracesFixture.resource("svc-a", TracesFixture.scope("http", "a"))).toByteArray();

        assertThat(AttributeEditor.resources(upsert("service.name", "svc-a")).edit(Schema.TRACES, request, 0, request.length)).isNull();
        assertThat(AttributeEditor.items(null, remove("absent")).edit(Schema.TRACES, request, 0, request.length)).isNull();
        assertThat(AttributeEditor.items((buf, from, to) -> false, SET_ENV_PROD).edit(Schema.TRACES, request, 0, request.length)).isNull();
        assertThat(AttributeEditor.resources(SET_ENV_PROD).edit(Schema.TRACES, new byte[0], 0, 0)).isNull();
    }

    @Test
    void editsTheRequestInARangeOfALargerArray() {
        byte[] request = TracesFixture.request(TracesFixture.resource("svc-a", TracesFixture.scope("http", "a"))).toByteArray();
        byte[] padded = concat(new byte[] {7, 7, 7}, request, new byte[] {9});

        byte[] edited = AttributeEditor.resources(SET_ENV_PROD).edit(Schema.TRACES, padded, 3, 3 + request.length).request();

        assertThat(edited).isEqualTo(AttributeEditor.resources(SET_ENV_PROD).edit(Schema.TRACES, request, 0, request.length).request());
    }

    // ---- bytes as they are -----------------------------------------------------------------

    /**
     * A request in an order protobuf would not write, with unknown fields at every level and a
     * span's attributes split in two runs: only the attribute fields change, moved together to
     * where the first one was.
     */
    @Test
    void unknownFieldsAndFieldOrderArePreservedByteForByte() {
        KeyValue env = attribute("env", "dev");
        KeyValue user = attribute("user", "alice");
        UnaryOperator<List<KeyValue>> edit = upsert("env", "prod");

        byte[] edited = edit(AttributeEditor.items(null, edit), Schema.TRACES, oddRequest(
                oddSpan(field(Schema.Span.ATTRIBUTES, env.toByteArray()), field(Schema.Span.ATTRIBUTES, user.toByteArray())),
                field(Schema.Resource.ATTRIBUTES, attribute("service.name", "svc").toByteArray()))).request();

        assertThat(edited).isEqualTo(oddRequest(
                oddSpan(concat(field(Schema.Span.ATTRIBUTES, attribute("env", "prod").toByteArray()),
                        field(Schema.Span.ATTRIBUTES, user.toByteArray())), new byte[0]),
                field(Schema.Resource.ATTRIBUTES, attribute("service.name", "svc").toByteArray())));
    }

    @Test
    void unknownFieldsAndFieldOrderOfAResourceArePreservedByteForByte() {
        byte[] span = oddSpan(field(Schema.Span.ATTRIBUTES, attribute("env", "dev").toByteArray()), new byte[0]);

        byte[] edited = edit(AttributeEditor.resources(remove("service.name")), Schema.TRACES,
                oddRequest(span, field(Schema.Resource.ATTRIBUTES, attribute("service.name", "svc").toByteArray()))).request();

        assertThat(edited).isEqualTo(oddRequest(span, new byte[0]));
    }

    /** A span: unknown fields, its attribute runs apart, the name after them. */
    private static byte[] oddSpan(byte[] attributes, byte[] laterAttributes) {
        return concat(
                varintField(99, 7),
                attributes,
                field(77, "unknown".getBytes()),
                laterAttributes,
                field(Schema.Span.NAME, "GET /".getBytes()),
                varintField(Schema.Span.KIND, 2));
    }

    /** A request around the span: unknown fields in the request, the entries, the resource and the scope. */
    private static byte[] oddRequest(byte[] span, byte[] resourceAttributes) {
        byte[] resource = concat(varintField(Schema.Resource.DROPPED_ATTRIBUTES_COUNT, 1), resourceAttributes, fixed32Field(40));
        byte[] scope = concat(field(60, "scope-unknown".getBytes()), field(2, span),
                field(Schema.ScopeEntry.SCOPE, field(Schema.Scope.NAME, "lib".getBytes())));
        byte[] entry = concat(varintField(50, 1), field(2, scope), field(Schema.ResourceEntry.RESOURCE, resource),
                field(Schema.ResourceEntry.SCHEMA_URL, "https://schema".getBytes()));
        return concat(varintField(9, 3), field(1, entry), varintField(9, 4));
    }

    @Test
    void aLengthPrefixPaddedWithRedundantBytesIsRewritten() throws Exception {
        byte[] span = TracesFixture.span("a").toByteArray();
        byte[] scope = concat(new byte[] {(byte) Schema.TRACES.itemTag}, paddedVarint(span.length), span);
        byte[] request = field(1, field(2, scope));

        byte[] edited = edit(AttributeEditor.items(null, SET_ENV_PROD), Schema.TRACES, request).request();

        assertThat(edited).isEqualTo(editSpans(ExportTraceServiceRequest.parseFrom(request), s -> true, SET_ENV_PROD).toByteArray());
    }

    /** Which message is 127 bytes long before an edit adds 10 bytes to its span, or 128+ before one removes them. */
    enum Level { SPAN, SCOPE_ENTRY, RESOURCE_ENTRY }

    @ParameterizedTest
    @EnumSource(Level.class)
    void lengthPrefixesGrowAndShrinkAcrossTheOneByteBoundary(Level level) throws Exception {
        ExportTraceServiceRequest request = sizedAt(level, 127);

        byte[] added = edit(AttributeEditor.items(null, upsert("k", "v")), Schema.TRACES, request.toByteArray()).request();
        ExportTraceServiceRequest withAttribute = editSpans(request, s -> true, upsert("k", "v"));
        assertThat(added).isEqualTo(withAttribute.toByteArray());
        assertThat(sizeOf(level, withAttribute)).isGreaterThan(127);

        byte[] removed = edit(AttributeEditor.items(null, remove("k")), Schema.TRACES, added).request();
        assertThat(removed).isEqualTo(request.toByteArray());
    }

    @Test
    void resourceEntryPrefixesGrowAndShrinkAcrossTheOneByteBoundary() {
        ExportTraceServiceRequest request = sizedAt(Level.RESOURCE_ENTRY, 127);

        byte[] added = edit(AttributeEditor.resources(upsert("k", "v")), Schema.TRACES, request.toByteArray()).request();
        assertThat(added).isEqualTo(editResources(request, upsert("k", "v")).toByteArray());
        assertThat(parseTraces(added).getResourceSpans(0).getSerializedSize()).isGreaterThan(127);

        byte[] removed = edit(AttributeEditor.resources(remove("k")), Schema.TRACES, added).request();
        assertThat(removed).isEqualTo(request.toByteArray());
    }

    /** One resource, scope and span, the span's name padded until {@code level} is {@code size} bytes. */
    private static ExportTraceServiceRequest sizedAt(Level level, int size) {
        for (int padding = 0; padding < size; padding++) {
            ExportTraceServiceRequest request = TracesFixture.request(
                    TracesFixture.resource("svc", TracesFixture.scope("lib", "x".repeat(padding))));
            if (sizeOf(level, request) == size) {
                return request;
            }
        }
        throw new AssertionError("no padding makes the " + level + " " + size + " bytes");
    }

    private static int sizeOf(Level level, ExportTraceServiceRequest request) {
        ResourceSpans resource = request.getResourceSpans(0);
        return switch (level) {
            case SPAN -> resource.getScopeSpans(0).getSpans(0).getSerializedSize();
            case SCOPE_ENTRY -> resource.getScopeSpans(0).getSerializedSize();
            case RESOURCE_ENTRY -> resource.getSerializedSize();
        };
    }

    // ---- other signals ---------------------------------------------------------------------

    @Test
    void editsEveryDataPointOfEachMetricType() {
        NumberDataPoint number = NumberDataPoint.newBuilder().setAsInt(3).addAttributes(attribute("env", "dev")).build();
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "svc")))
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("lib"))
                        .addMetrics(Metric.newBuilder().setName("gauge").setGauge(Gauge.newBuilder().addDataPoints(number).addDataPoints(number)))
                        .addMetrics(Metric.newBuilder().setName("sum").setSum(Sum.newBuilder().setIsMonotonic(true).addDataPoints(number)))
                        .addMetrics(Metric.newBuilder().setName("histogram").setHistogram(Histogram.newBuilder()
                                .addDataPoints(HistogramDataPoint.newBuilder().setCount(2).addBucketCounts(2))))
                        .addMetrics(Metric.newBuilder().setName("exponential").setExponentialHistogram(ExponentialHistogram.newBuilder()
                                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setScale(2).addAttributes(attribute("env", "dev")))))
                        .addMetrics(Metric.newBuilder().setName("summary").setSummary(Summary.newBuilder()
                                .addDataPoints(SummaryDataPoint.newBuilder().setCount(1))))
                        .addMetrics(Metric.newBuilder().setName("empty"))))
                .build();
        AttributeEditor.ItemSelector notTheSum = (buf, from, to) -> !parse(() -> Metric.parser().parseFrom(buf, from, to - from)).hasSum();

        byte[] edited = edit(AttributeEditor.items(notTheSum, SET_ENV_PROD), Schema.METRICS, request.toByteArray()).request();

        assertThat(edited).isEqualTo(editDataPoints(request, metric -> !metric.hasSum(), SET_ENV_PROD).toByteArray());
    }

    @Test
    void editsLogRecordAndLogResourceAttributes() {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "svc")))
                .addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("hello")).addAttributes(attribute("env", "dev")))
                        .addLogRecords(LogRecord.newBuilder().setSeverityText("INFO"))))
                .build();

        byte[] items = edit(AttributeEditor.items(null, SET_ENV_PROD), Schema.LOGS, request.toByteArray()).request();
        byte[] resources = edit(AttributeEditor.resources(SET_ENV_PROD), Schema.LOGS, request.toByteArray()).request();

        ExportLogsServiceRequest.Builder expectedItems = request.toBuilder();
        for (LogRecord.Builder log : expectedItems.getResourceLogsBuilder(0).getScopeLogsBuilder(0).getLogRecordsBuilderList()) {
            List<KeyValue> edited = applied(SET_ENV_PROD, log.getAttributesList());
            log.clearAttributes().addAllAttributes(edited);
        }
        assertThat(items).isEqualTo(expectedItems.build().toByteArray());
        ExportLogsServiceRequest.Builder expectedResources = request.toBuilder();
        expectedResources.getResourceLogsBuilder(0).getResourceBuilder().addAttributes(attribute("env", "prod"));
        assertThat(resources).isEqualTo(expectedResources.build().toByteArray());
    }

    // ---- the object path the editor must agree with ----------------------------------------

    private static byte[] assertResourceEditMatchesObjects(ExportTraceServiceRequest request, UnaryOperator<List<KeyValue>> edit) {
        byte[] edited = edit(AttributeEditor.resources(edit), Schema.TRACES, request.toByteArray()).request();
        assertThat(edited).isEqualTo(editResources(request, edit).toByteArray());
        return edited;
    }

    private static ExportTraceServiceRequest editResources(ExportTraceServiceRequest request, UnaryOperator<List<KeyValue>> edit) {
        ExportTraceServiceRequest.Builder builder = request.toBuilder();
        for (ResourceSpans.Builder resourceSpans : builder.getResourceSpansBuilderList()) {
            List<KeyValue> attributes = resourceSpans.getResource().getAttributesList();
            List<KeyValue> edited = edit.apply(attributes);
            if (edited != attributes) {
                resourceSpans.getResourceBuilder().clearAttributes().addAllAttributes(edited);
            }
        }
        return builder.build();
    }

    private static ExportTraceServiceRequest editSpans(ExportTraceServiceRequest request, Predicate<Span> selected,
            UnaryOperator<List<KeyValue>> edit) {
        ExportTraceServiceRequest.Builder builder = request.toBuilder();
        for (ResourceSpans.Builder resourceSpans : builder.getResourceSpansBuilderList()) {
            for (ScopeSpans.Builder scope : resourceSpans.getScopeSpansBuilderList()) {
                for (Span.Builder span : scope.getSpansBuilderList()) {
                    if (selected.test(span.build())) {
                        List<KeyValue> edited = applied(edit, span.getAttributesList());
                        span.clearAttributes().addAllAttributes(edited);
                    }
                }
            }
        }
        return builder.build();
    }

    private static ExportMetricsServiceRequest editDataPoints(ExportMetricsServiceRequest request, Predicate<Metric> selected,
            UnaryOperator<List<KeyValue>> edit) {
        ExportMetricsServiceRequest.Builder builder = request.toBuilder();
        for (ResourceMetrics.Builder resource : builder.getResourceMetricsBuilderList()) {
            for (ScopeMetrics.Builder scope : resource.getScopeMetricsBuilderList()) {
                for (Metric.Builder metric : scope.getMetricsBuilderList()) {
                    if (!selected.test(metric.build())) {
                        continue;
                    }
                    switch (metric.getDataCase()) {
                        case GAUGE -> metric.getGaugeBuilder().getDataPointsBuilderList()
                                .forEach(p -> {
                                    List<KeyValue> edited = applied(edit, p.getAttributesList());
                                    p.clearAttributes().addAllAttributes(edited);
                                });
                        case SUM -> metric.getSumBuilder().getDataPointsBuilderList()
                                .forEach(p -> {
                                    List<KeyValue> edited = applied(edit, p.getAttributesList());
                                    p.clearAttributes().addAllAttributes(edited);
                                });
                        case HISTOGRAM -> metric.getHistogramBuilder().getDataPointsBuilderList()
                                .forEach(p -> {
                                    List<KeyValue> edited = applied(edit, p.getAttributesList());
                                    p.clearAttributes().addAllAttributes(edited);
                                });
                        case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogramBuilder().getDataPointsBuilderList()
                                .forEach(p -> {
                                    List<KeyValue> edited = applied(edit, p.getAttributesList());
                                    p.clearAttributes().addAllAttributes(edited);
                                });
                        case SUMMARY -> metric.getSummaryBuilder().getDataPointsBuilderList()
                                .forEach(p -> {
                                    List<KeyValue> edited = applied(edit, p.getAttributesList());
                                    p.clearAttributes().addAllAttributes(edited);
                                });
                        default -> {
                        }
                    }
                }
            }
        }
        return builder.build();
    }

    /** The edit of a builder's attributes, taken before the builder is cleared (its list is a view). */
    private static List<KeyValue> applied(UnaryOperator<List<KeyValue>> edit, List<KeyValue> attributes) {
        return List.copyOf(edit.apply(List.copyOf(attributes)));
    }

    // ---- edits as the action engine makes them: the same list when nothing changes -----------

    private static UnaryOperator<List<KeyValue>> upsert(String key, String value) {
        KeyValue wanted = attribute(key, value);
        return attributes -> {
            for (int i = 0; i < attributes.size(); i++) {
                if (attributes.get(i).getKey().equals(key)) {
                    if (attributes.get(i).equals(wanted)) {
                        return attributes;
                    }
                    List<KeyValue> edited = new ArrayList<>(attributes);
                    edited.set(i, wanted);
                    return edited;
                }
            }
            List<KeyValue> edited = new ArrayList<>(attributes);
            edited.add(wanted);
            return edited;
        };
    }

    private static UnaryOperator<List<KeyValue>> remove(String key) {
        return attributes -> {
            List<KeyValue> edited = new ArrayList<>(attributes);
            return edited.removeIf(a -> a.getKey().equals(key)) ? edited : attributes;
        };
    }

    // ---- wire bytes by hand ----------------------------------------------------------------

    private static AttributeEditor.Edited edit(AttributeEditor editor, Schema schema, byte[] request) {
        AttributeEditor.Edited edited = editor.edit(schema, request, 0, request.length);
        assertThat(edited).as("an edit that changes something").isNotNull();
        return edited;
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static byte[] field(int number, byte[] value) {
        return concat(varint(Schema.lengthDelimited(number)), varint(value.length), value);
    }

    private static byte[] varintField(int number, long value) {
        return concat(varint(Schema.tag(number, Schema.WIRETYPE_VARINT)), varint(value));
    }

    private static byte[] fixed32Field(int number) {
        return concat(varint(Schema.tag(number, Schema.WIRETYPE_FIXED32)), new byte[] {1, 2, 3, 4});
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }

    /** A value below 2^14 as a three-byte varint: legal, if wasteful. */
    private static byte[] paddedVarint(int value) {
        return new byte[] {(byte) (value & 0x7F | 0x80), (byte) (value >>> 7 & 0x7F | 0x80), 0};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static BitSet bits(int... indexes) {
        BitSet bits = new BitSet();
        for (int index : indexes) {
            bits.set(index);
        }
        return bits;
    }

    private static ExportTraceServiceRequest parseTraces(byte[] request) {
        return parse(() -> ExportTraceServiceRequest.parseFrom(request));
    }

    private interface Parse<T> {
        T run() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.run();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** Small trace fixtures: every span with IDs and a name, every resource with a service name. */
    private static final class TracesFixture {
        static Span span(String name) {
            return Span.newBuilder().setTraceId(ByteString.copyFromUtf8("0123456789abcdef"))
                    .setSpanId(ByteString.copyFromUtf8("01234567")).setName(name).build();
        }

        static ScopeSpans scope(String name, String... spans) {
            ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName(name));
            for (String span : spans) {
                scope.addSpans(span(span));
            }
            return scope.build();
        }

        static ResourceSpans resource(String service, ScopeSpans... scopes) {
            return ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                    .addAllScopeSpans(List.of(scopes)).build();
        }

        static ExportTraceServiceRequest request(ResourceSpans... resources) {
            return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(resources)).build();
        }
    }
}
