package io.tributary.core.data.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import io.tributary.testkit.TestTraces;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The walker and the writer against protobuf-java's own encoder and parser. */
class EnvelopeTest {
    /** With schema URLs, so that a head holds more than the name the test reads back. */
    private static ScopeSpans scope(String name, String... spans) {
        return TestTraces.scope(name, TestTraces.spans(spans)).toBuilder().setSchemaUrl("https://scope/" + name).build();
    }

    private static ResourceSpans resource(String service, ScopeSpans... scopes) {
        return TestTraces.resource(service, scopes).toBuilder().setSchemaUrl("https://resource/" + service).build();
    }

    private static final ExportTraceServiceRequest REQUEST = ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resource("frontend", scope("http", "a", "b"), scope("empty"), scope("db", "c")))
            .addResourceSpans(resource("backend", scope("rpc", "d")))
            .build();

    /** Each span as the walker reports it, with the resource and scope heads it sits under. */
    private record Walked(byte[] resourceHead, byte[] scopeHead, int from, int to) {
    }

    private static List<Walked> walk(byte[] buf) {
        List<Walked> spans = new ArrayList<>();
        EnvelopeWalker.walk(Schema.TRACES, buf, 0, buf.length, new EnvelopeWalker.Visitor() {
            byte[] resourceHead;
            byte[] scopeHead;

            @Override
            public void resource(int entryStart, int from, int to) {
                resourceHead = EnvelopeWalker.head(buf, from, to, Schema.TRACES.scopeEntryTag);
            }

            @Override
            public void scope(int from, int to) {
                scopeHead = EnvelopeWalker.head(buf, from, to, Schema.TRACES.itemTag);
            }

            @Override
            public void item(int from, int to) {
                spans.add(new Walked(resourceHead, scopeHead, from, to));
            }
        });
        return spans;
    }

    @Test
    void walkerGivesEachSpansBytesAndItsResourceAndScope() throws Exception {
        byte[] buf = REQUEST.toByteArray();
        List<Walked> spans = walk(buf);
        assertThat(spans).hasSize(4);
        List<String> names = new ArrayList<>();
        for (Walked walked : spans) {
            names.add(Span.parseFrom(ByteString.copyFrom(buf, walked.from(), walked.to() - walked.from())).getName());
        }
        assertThat(names).containsExactly("a", "b", "c", "d");
        ResourceSpans backendHead = ResourceSpans.parseFrom(spans.get(3).resourceHead());
        assertThat(backendHead.getScopeSpansCount()).isZero();
        assertThat(backendHead.getSchemaUrl()).isEqualTo("https://resource/backend");
        assertThat(backendHead.getResource()).isEqualTo(REQUEST.getResourceSpans(1).getResource());
        ScopeSpans dbHead = ScopeSpans.parseFrom(spans.get(2).scopeHead());
        assertThat(dbHead.getSpansCount()).isZero();
        assertThat(dbHead.getScope().getName()).isEqualTo("db");
        assertThat(EnvelopeWalker.countItems(Schema.TRACES, buf, 0, buf.length)).isEqualTo(4);
    }

    @Test
    void countingMetricsCountsTheDataPointsOfEveryType() {
        byte[] buf = TestMetrics.request(
                TestMetrics.resource("a", TestMetrics.scope("s", TestMetrics.everyType(3)), TestMetrics.scope("empty", List.of())),
                TestMetrics.resource("b", TestMetrics.scope("t", List.of(TestMetrics.gauge("one", 1), TestMetrics.gauge("none", 0)))))
                .toByteArray();

        assertThat(EnvelopeWalker.countItems(Schema.METRICS, buf, 0, buf.length)).isEqualTo(5 * 3 + 1);
    }

    @Test
    void countingLogsCountsTheRecords() {
        byte[] buf = TestLogs.request(TestLogs.resource("a", TestLogs.scope("s", TestLogs.records("x", "y")),
                TestLogs.scope("t", TestLogs.records("z")))).toByteArray();

        assertThat(EnvelopeWalker.countItems(Schema.LOGS, buf, 0, buf.length)).isEqualTo(3);
    }

    @Test
    void countingAnEmptyRequestGivesZeroAndATruncatedOneThrows() {
        assertThat(EnvelopeWalker.countItems(Schema.TRACES, new byte[0], 0, 0)).isZero();
        byte[] buf = REQUEST.toByteArray();
        assertThatThrownBy(() -> EnvelopeWalker.countItems(Schema.TRACES, buf, 0, buf.length - 5))
                .isInstanceOf(MalformedWireException.class);
    }

    @Test
    void walkerReportsResourceEntriesAsSlicesThatAreRequests() throws Exception {
        byte[] buf = REQUEST.toByteArray();
        List<ExportTraceServiceRequest> slices = new ArrayList<>();
        EnvelopeWalker.walk(Schema.TRACES, buf, 0, buf.length, new EnvelopeWalker.Visitor() {
            @Override
            public void resource(int entryStart, int from, int to) {
                try {
                    slices.add(ExportTraceServiceRequest.parseFrom(ByteString.copyFrom(buf, entryStart, to - entryStart)));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public void item(int from, int to) {
            }
        });
        assertThat(slices).extracting(r -> r.getResourceSpans(0)).containsExactlyElementsOf(REQUEST.getResourceSpansList());
    }

    @Test
    void writerRebuildsTheRequestProtobufParses() throws Exception {
        byte[] buf = REQUEST.toByteArray();
        EnvelopeWriter writer = new EnvelopeWriter(Schema.TRACES);
        for (Walked walked : interned(walk(buf))) {
            writer.add(walked.resourceHead(), walked.scopeHead(), buf, walked.from(), walked.to() - walked.from());
        }
        assertThat(writer.items()).isEqualTo(4);
        assertThat(writer.resourceEntries()).isEqualTo(2);
        ExportTraceServiceRequest written = ExportTraceServiceRequest.parseFrom(writer.toByteArray());
        // A scope without spans is not written: only scopes holding chosen spans are.
        ExportTraceServiceRequest expected = REQUEST.toBuilder()
                .setResourceSpans(0, REQUEST.getResourceSpans(0).toBuilder().removeScopeSpans(1)).build();
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void writerGroupsChosenSpansUnderTheirFirstSeenEnvelopes() throws Exception {
        byte[] buf = REQUEST.toByteArray();
        List<Walked> spans = interned(walk(buf));
        EnvelopeWriter writer = new EnvelopeWriter(Schema.TRACES);
        for (int i : new int[] {3, 2, 0}) { // d, c, a
            Walked walked = spans.get(i);
            writer.add(walked.resourceHead(), walked.scopeHead(), buf, walked.from(), walked.to() - walked.from());
        }
        ExportTraceServiceRequest written = ExportTraceServiceRequest.parseFrom(writer.toByteArray());
        assertThat(written).isEqualTo(ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource("backend", scope("rpc", "d")))
                .addResourceSpans(resource("frontend", scope("db", "c"), scope("http", "a")))
                .build());
        assertThat(new EnvelopeWriter(Schema.TRACES).toByteArray()).isEmpty();
    }

    /** The writer groups by identity of heads, so equal heads must be one array, as callers intern them. */
    private static List<Walked> interned(List<Walked> spans) {
        Map<String, byte[]> heads = new HashMap<>();
        List<Walked> result = new ArrayList<>();
        for (Walked walked : spans) {
            byte[] resource = heads.computeIfAbsent("resource " + Arrays.toString(walked.resourceHead()),
                    k -> walked.resourceHead());
            byte[] scope = heads.computeIfAbsent(
                    "scope " + Arrays.toString(resource) + Arrays.toString(walked.scopeHead()), k -> walked.scopeHead());
            result.add(new Walked(resource, scope, walked.from(), walked.to()));
        }
        return result;
    }
}
