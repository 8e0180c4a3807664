package io.tributary.compat;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.TestTraces;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ByteString TRACE = ByteString.fromHex("0102030405060708090a0b0c0d0e0f10");

    @Test
    void theSameSpansInAnotherOrderAndSplitAreTheSameTree() {
        Span a = TestTraces.span(TRACE, 1).toBuilder().addAttributes(attribute("x", "1")).addAttributes(attribute("a", "2")).build();
        Span b = TestTraces.span(TRACE, 2);
        ResourceSpans first = TestTraces.resource("one", a, b);
        ResourceSpans second = TestTraces.resource("two", b);

        JsonObject together = CanonicalJson.traces(List.of(TestTraces.request(first, second)));
        Span aReordered = a.toBuilder().clearAttributes().addAttributes(attribute("a", "2")).addAttributes(attribute("x", "1")).build();
        JsonObject split = CanonicalJson.traces(List.of(
                TestTraces.request(second),
                TestTraces.request(TestTraces.resource("one", b, aReordered))));

        assertThat(TreeDiff.diff(together, split)).isEmpty();
    }

    @Test
    void scopesAreSortedByScope() {
        ScopeSpans z = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("z")).build();
        ScopeSpans a = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("a")).build();
        JsonObject tree = CanonicalJson.traces(List.of(ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(z).addScopeSpans(a)).build()));

        assertThat(tree.getAsJsonArray("resourceSpans").get(0).getAsJsonObject().getAsJsonArray("scopeSpans").get(0)
                .getAsJsonObject().getAsJsonObject("scope").get("name").getAsString()).isEqualTo("a");
    }

    @Test
    void idsAreHexAndAttributesAreKeyedByKey() {
        Span span = TestTraces.span(TRACE, 7).toBuilder().addAttributes(attribute("http.method", "GET")).build();
        JsonObject tree = CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", span))));

        JsonObject json = tree.getAsJsonArray("resourceSpans").get(0).getAsJsonObject()
                .getAsJsonArray("scopeSpans").get(0).getAsJsonObject()
                .getAsJsonArray("spans").get(0).getAsJsonObject();
        assertThat(json.get("traceId").getAsString()).isEqualTo(HexFormat.of().formatHex(TRACE.toByteArray()));
        assertThat(json.get("spanId").getAsString()).isEqualTo(HexFormat.of().formatHex(TestTraces.spanId(7).toByteArray()));
        assertThat(json.getAsJsonObject("attributes").getAsJsonObject("[http.method]").get("stringValue").getAsString())
                .isEqualTo("GET");
    }

    @Test
    void aRepeatedAttributeKeyIsKeptNotMerged() {
        Span span = TestTraces.span(TRACE, 1).toBuilder().addAttributes(attribute("k", "1")).addAttributes(attribute("k", "2")).build();
        JsonObject tree = CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", span))));

        assertThat(tree.toString()).contains("\"[k]\":{\"stringValue\":\"1\"}", "\"[k]#2\":{\"stringValue\":\"2\"}");
    }

    @Test
    void anAttributeWithAnEmptyKeyIsKeyedToo() {
        Span span = TestTraces.span(TRACE, 1).toBuilder().addAttributes(attribute("", "no key")).addAttributes(attribute("a", "1")).build();
        Span reordered = TestTraces.span(TRACE, 1).toBuilder().addAttributes(attribute("a", "1")).addAttributes(attribute("", "no key")).build();

        JsonObject tree = CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", span))));

        assertThat(tree.toString()).contains("\"[]\":{\"stringValue\":\"no key\"}");
        assertThat(TreeDiff.diff(tree, CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", reordered))))))
                .isEmpty();
    }

    @Test
    void anEmptyMessageIsTheSameAsAnAbsentOne() {
        Span bare = TestTraces.span(TRACE, 4);
        Span emptyStatus = bare.toBuilder().setStatus(io.opentelemetry.proto.trace.v1.Status.getDefaultInstance()).build();

        assertThat(TreeDiff.diff(
                CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", bare)))),
                CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", emptyStatus))))))
                .isEmpty();
    }

    @Test
    void aDifferentValueIsFoundAtItsAttributePath() {
        Span get = TestTraces.span(TRACE, 3).toBuilder().addAttributes(attribute("http.method", "GET")).build();
        Span post = TestTraces.span(TRACE, 3).toBuilder().addAttributes(attribute("http.method", "POST")).build();

        assertThat(TreeDiff.diff(
                CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", get)))),
                CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", post))))))
                .extracting(Difference::path)
                .containsExactly("resourceSpans[0].scopeSpans[0].spans[0].attributes[http.method].stringValue");
    }

    @Test
    void anAllZeroIdIsTheSameAsAnAbsentOne() {
        Span zero = TestTraces.span(ByteString.copyFrom(new byte[16]), 5).toBuilder().setParentSpanId(ByteString.copyFrom(new byte[8])).build();
        Span absent = zero.toBuilder().clearTraceId().clearParentSpanId().build();

        assertThat(TreeDiff.diff(
                CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", zero)))),
                CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", absent))))))
                .isEmpty();
    }

    @Test
    void spansByIdDifferOnlyAtTheSpanOneSideLacks() {
        Span one = TestTraces.span(TRACE, 1);
        Span two = TestTraces.span(TRACE, 2);
        Span three = TestTraces.span(TRACE, 3);

        JsonObject all = CanonicalJson.spansById(List.of(TestTraces.request(TestTraces.resource("svc", one, two, three))));
        JsonObject withoutTwo = CanonicalJson.spansById(List.of(
                TestTraces.request(TestTraces.resource("svc", three)), TestTraces.request(TestTraces.resource("svc", one))));

        String trace = HexFormat.of().formatHex(TRACE.toByteArray());
        String twoKey = "[" + trace + "/" + HexFormat.of().formatHex(TestTraces.spanId(2).toByteArray()) + "]";
        assertThat(TreeDiff.diff(all, withoutTwo)).extracting(Difference::path).containsExactly(twoKey);
        assertThat(all.getAsJsonObject(twoKey).getAsJsonObject("resource").toString()).contains("svc");
        assertThat(all.getAsJsonObject(twoKey).getAsJsonObject("span").get("name").getAsString()).isEqualTo("span-2");
    }

    @Test
    void kvlistValuesAreKeyedLikeAttributes() {
        Span ordered = TestTraces.span(TRACE, 6).toBuilder().addAttributes(map(attribute("k", "v"), attribute("n", 3L))).build();
        Span reversed = TestTraces.span(TRACE, 6).toBuilder().addAttributes(map(attribute("n", 3L), attribute("k", "v"))).build();

        assertThat(TreeDiff.diff(
                CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", ordered)))),
                CanonicalJson.traces(List.of(TestTraces.request(TestTraces.resource("svc", reversed))))))
                .isEmpty();
    }

    /** An attribute {@code m} whose value is a kvlist of {@code entries} in this order. */
    private static KeyValue map(KeyValue... entries) {
        return KeyValue.newBuilder().setKey("m").setValue(AnyValue.newBuilder()
                .setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(entries)))).build();
    }

    @Test
    void metricsAndTheirPointsInAnotherOrderAreTheSameTreeAndExemplarIdsAreHex() {
        NumberDataPoint a = NumberDataPoint.newBuilder().setAsInt(1).addAttributes(attribute("route", "/a"))
                .addExemplars(Exemplar.newBuilder().setTraceId(TRACE).setSpanId(TestTraces.spanId(7)).setAsInt(1)).build();
        NumberDataPoint b = NumberDataPoint.newBuilder().setAsInt(2).addAttributes(attribute("route", "/b")).build();
        Metric x = Metric.newBuilder().setName("x").setGauge(Gauge.newBuilder().addDataPoints(a).addDataPoints(b)).build();
        Metric y = Metric.newBuilder().setName("y").setGauge(Gauge.newBuilder().addDataPoints(b)).build();
        Metric xReordered = Metric.newBuilder().setName("x").setGauge(Gauge.newBuilder().addDataPoints(b).addDataPoints(a)).build();

        JsonObject tree = CanonicalJson.metrics(List.of(metricsRequest(x, y)));

        assertThat(TreeDiff.diff(tree, CanonicalJson.metrics(List.of(metricsRequest(y, xReordered))))).isEmpty();
        assertThat(TreeDiff.diff(tree, CanonicalJson.metrics(List.of(metricsRequest(y, x.toBuilder().setName("z").build())))))
                .isNotEmpty();
        JsonObject exemplar = tree.getAsJsonArray("resourceMetrics").get(0).getAsJsonObject().getAsJsonArray("scopeMetrics").get(0)
                .getAsJsonObject().getAsJsonArray("metrics").get(0).getAsJsonObject().getAsJsonObject("gauge").getAsJsonArray("dataPoints")
                .get(0).getAsJsonObject().getAsJsonArray("exemplars").get(0).getAsJsonObject();
        assertThat(exemplar.get("traceId").getAsString()).isEqualTo(HexFormat.of().formatHex(TRACE.toByteArray()));
        assertThat(exemplar.get("spanId").getAsString()).isEqualTo(HexFormat.of().formatHex(TestTraces.spanId(7).toByteArray()));
    }

    @Test
    void logRecordsAreSortedByTimeWhateverTheRequestSplit() {
        LogRecord early = LogRecord.newBuilder().setTimeUnixNano(1).setBody(AnyValue.newBuilder().setStringValue("early")).build();
        LogRecord late = LogRecord.newBuilder().setTimeUnixNano(2).setBody(AnyValue.newBuilder().setStringValue("late")).build();

        JsonObject tree = CanonicalJson.logs(List.of(logsRequest(late, early)));

        assertThat(TreeDiff.diff(tree, CanonicalJson.logs(List.of(logsRequest(early, late))))).isEmpty();
        assertThat(tree.getAsJsonArray("resourceLogs").get(0).getAsJsonObject().getAsJsonArray("scopeLogs").get(0).getAsJsonObject()
                .getAsJsonArray("logRecords").get(0).getAsJsonObject().getAsJsonObject("body").get("stringValue").getAsString())
                .isEqualTo("early");
    }

    private static ExportMetricsServiceRequest metricsRequest(Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics)))).build();
    }

    private static ExportLogsServiceRequest logsRequest(LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records)))).build();
    }
}
