package io.tributary.core.data;

import static io.tributary.testkit.TestTraces.names;
import static io.tributary.testkit.TestTraces.request;
import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.scope;
import static io.tributary.testkit.TestTraces.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.testkit.TestTraces;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TracesTest {
    private static final ResourceSpans FRONTEND = resource("frontend", scope("http", spans("a", "b")), scope("db", spans("c")));
    private static final ResourceSpans BACKEND = resource("backend", scope("rpc", spans("d", "e", "f")));
    private static final ResourceSpans WORKER = resource("worker", scope("queue", spans("g")));

    private static Traces parsed(ResourceSpans... resources) throws InvalidOtlpException {
        return Traces.parse(request(resources).toByteString());
    }

    @Test
    void parseCountsSpansAndResourceSpans() throws Exception {
        Traces traces = parsed(FRONTEND, BACKEND);

        assertThat(traces.spanCount()).isEqualTo(6);
        assertThat(traces.resourceSpansCount()).isEqualTo(2);
        assertThat(traces.resourceSpans()).containsExactly(FRONTEND, BACKEND);
    }

    @Test
    void parseKeepsTheBytesItWasGiven() throws Exception {
        ByteString bytes = request(FRONTEND).toByteString();

        assertThat(Traces.parse(bytes).encoded()).isSameAs(bytes);
    }

    @Test
    void parseOfNoBytesIsEmpty() throws Exception {
        Traces traces = Traces.parse(ByteString.EMPTY);

        assertThat(traces.isEmpty()).isTrue();
        assertThat(traces.resourceSpans()).isEmpty();
    }

    @Test
    void parseSkipsUnknownFields() throws Exception {
        ByteString unknown = ByteString.copyFrom(new byte[] {(byte) 0xF8, 0x01, 0x07}); // field 31, varint 7
        Traces traces = Traces.parse(request(FRONTEND).toByteString().concat(unknown));

        assertThat(traces.spanCount()).isEqualTo(3);
    }

    @Test
    void ofCountsSpansAndEncodesOnce() {
        Traces traces = Traces.of(List.of(FRONTEND, BACKEND));

        assertThat(traces.spanCount()).isEqualTo(6);
        assertThat(traces.resourceSpansCount()).isEqualTo(2);
        assertThat(traces.encoded()).isEqualTo(request(FRONTEND, BACKEND).toByteString());
        assertThat(traces.encoded()).isSameAs(traces.encoded());
    }

    @Test
    void resourceSpansDecodesOnceIntoAnImmutableList() throws Exception {
        Traces traces = parsed(FRONTEND);

        List<ResourceSpans> decoded = traces.resourceSpans();

        assertThat(traces.resourceSpans()).isSameAs(decoded);
        assertThatThrownBy(() -> decoded.add(BACKEND)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concatOfEncodedPartsDecodesToTheUnionInOrder() throws Exception {
        Traces merged = Traces.concat(List.of(parsed(FRONTEND), parsed(BACKEND), parsed(WORKER)));

        assertThat(merged.spanCount()).isEqualTo(7);
        assertThat(merged.resourceSpansCount()).isEqualTo(3);
        assertThat(merged.resourceSpans()).containsExactly(FRONTEND, BACKEND, WORKER);
        assertThat(Traces.parse(merged.encoded()).spanCount()).isEqualTo(7);
    }

    @Test
    void concatOfMixedPartsKeepsOrder() throws Exception {
        Traces merged = Traces.concat(List.of(Traces.of(List.of(FRONTEND)), parsed(BACKEND), Traces.of(List.of(WORKER))));

        assertThat(merged.encoded()).isEqualTo(request(FRONTEND, BACKEND, WORKER).toByteString());
        assertThat(merged.resourceSpans()).containsExactly(FRONTEND, BACKEND, WORKER);
    }

    @Test
    void concatOfDecodedPartsStaysDecoded() {
        Traces merged = Traces.concat(List.of(Traces.of(List.of(FRONTEND)), Traces.of(List.of(BACKEND))));

        assertThat(merged.resourceSpans()).containsExactly(FRONTEND, BACKEND);
        assertThat(merged.encoded()).isEqualTo(request(FRONTEND, BACKEND).toByteString());
    }

    @Test
    void concatOfNothingIsEmpty() throws Exception {
        assertThat(Traces.concat(List.of())).isSameAs(Traces.EMPTY);
        assertThat(Traces.concat(List.of(Traces.EMPTY, Traces.parse(ByteString.EMPTY)))).isSameAs(Traces.EMPTY);
    }

    @Test
    void splitReturnsItselfWhenSmallEnoughOrUnlimited() throws Exception {
        Traces traces = parsed(FRONTEND, BACKEND);

        assertThat(traces.split(6)).containsExactly(traces);
        assertThat(traces.split(0)).containsExactly(traces);
        assertThat(traces.split(-1)).containsExactly(traces);
    }

    @Test
    void splitGroupsWholeResourceSpansWhenTheyFit() throws Exception {
        Traces traces = parsed(FRONTEND, WORKER, BACKEND); // 3 + 1 + 3 spans

        List<Traces> parts = traces.split(4);

        assertThat(parts).extracting(Traces::spanCount).containsExactly(4, 3);
        assertThat(parts.get(0).resourceSpans()).containsExactly(FRONTEND, WORKER);
        assertThat(parts.get(1).resourceSpans()).containsExactly(BACKEND);
    }

    @Test
    void splitCutsAResourceThatOverflowsKeepingResourceAndScopeOnEachPiece() throws Exception {
        ResourceSpans big = resource("big",
                scope("s1", spans("a", "b", "c")), scope("s2", spans("d", "e")), scope("s3", spans("f", "g")));
        Traces traces = parsed(WORKER, big);

        List<Traces> parts = traces.split(3);

        assertThat(parts).extracting(Traces::spanCount).containsExactly(3, 3, 2);
        assertThat(names(parts.get(0).resourceSpans())).containsExactly("worker/queue/g", "big/s1/a", "big/s1/b");
        assertThat(names(parts.get(1).resourceSpans())).containsExactly("big/s1/c", "big/s2/d", "big/s2/e");
        assertThat(names(parts.get(2).resourceSpans())).containsExactly("big/s3/f", "big/s3/g");
        for (Traces part : parts) {
            for (ResourceSpans piece : part.resourceSpans()) {
                if (!piece.equals(WORKER)) {
                    assertThat(piece.getResource()).isEqualTo(big.getResource());
                    assertThat(piece.getSchemaUrl()).isEqualTo(big.getSchemaUrl());
                }
            }
        }
        assertThat(parts.get(1).resourceSpans().get(0).getScopeSpans(1).getScope())
                .isEqualTo(big.getScopeSpans(1).getScope());
    }

    @Test
    void splitPartsEncodeToValidRequests() throws Exception {
        ResourceSpans big = resource("big", scope("s1", spans("a", "b", "c", "d", "e")));
        for (Traces part : parsed(FRONTEND, big, BACKEND).split(4)) {
            Traces reparsed = Traces.parse(part.encoded());
            assertThat(reparsed.spanCount()).isEqualTo(part.spanCount());
            assertThat(reparsed.resourceSpansCount()).isEqualTo(part.resourceSpansCount());
        }
    }

    @Test
    void splitOfDecodedTracesCutsTheSameWay() {
        Traces traces = Traces.of(List.of(FRONTEND, BACKEND, WORKER));

        List<Traces> parts = traces.split(2);

        assertThat(parts).extracting(Traces::spanCount).containsExactly(2, 2, 2, 1);
        List<String> rejoined = new ArrayList<>();
        parts.forEach(part -> rejoined.addAll(names(part.resourceSpans())));
        assertThat(rejoined).isEqualTo(names(traces.resourceSpans()));
    }

    @Test
    void splitOfConcatenatedBatchesKeepsEverySpanInOrder() throws Exception {
        Random random = new Random(7);
        List<Traces> batches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batches.add(Traces.parse(TestTraces.random(random).toByteString()));
        }
        Traces merged = Traces.concat(batches);

        List<Traces> parts = merged.split(5);

        List<ResourceSpans> original = merged.resourceSpans();
        assertThat(parts).allSatisfy(part -> assertThat(part.spanCount()).isBetween(1, 5));
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(part -> assertThat(part.spanCount()).isEqualTo(5));
        assertThat(parts.stream().mapToInt(Traces::spanCount).sum()).isEqualTo(merged.spanCount());
        assertThat(spansOf(parts)).isEqualTo(spansOf(List.of(Traces.of(original))));
    }

    private static List<Object> spansOf(List<Traces> parts) {
        List<Object> spans = new ArrayList<>();
        for (Traces part : parts) {
            part.resourceSpans().forEach(rs -> rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList())));
        }
        return spans;
    }

    @Test
    void roundTripOfGeneratedRequestsGivesBackTheOriginal() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            ExportTraceServiceRequest request = TestTraces.random(random);

            Traces traces = Traces.parse(request.toByteString());

            assertThat(traces.resourceSpans()).as("request %d", i).isEqualTo(request.getResourceSpansList());
            assertThat(traces.resourceSpansCount()).isEqualTo(request.getResourceSpansCount());
            assertThat(traces.spanCount()).isEqualTo(
                    request.getResourceSpansList().stream()
                            .flatMap(rs -> rs.getScopeSpansList().stream())
                            .mapToInt(ss -> ss.getSpansCount())
                            .sum());
        }
    }

    @Test
    void compactKeepsOnlyTheBytesOfADecodedBatch() throws Exception {
        ExportTraceServiceRequest request = compactRequest();
        Traces decoded = Traces.of(request);

        Traces compact = decoded.compact();

        assertThat(compact.encoded()).isEqualTo(request.toByteString());
        assertThat(compact.resourceSpans()).as("decoded anew from the bytes: the objects were not kept")
                .isNotSameAs(decoded.resourceSpans());
        assertThat(compact.spanCount()).isEqualTo(decoded.spanCount());
        assertThat(compact.resourceSpans()).isEqualTo(request.getResourceSpansList());
        Traces parsed = Traces.parse(request.toByteString());
        assertThat(parsed.compact()).isSameAs(parsed);
    }

    private static ExportTraceServiceRequest compactRequest() {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(
                ResourceSpans.newBuilder().addScopeSpans(
                        io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
                                .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
                                        .setTraceId(ByteString.copyFrom(new byte[16]))
                                        .setSpanId(ByteString.copyFrom(new byte[8]))
                                        .setName("a"))
                                .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("b"))))
                .build();
    }

    @Test
    void theClientStaysWithTheSpansThroughRewritesSplitsAndCompaction() throws Exception {
        ClientInfo client = ClientInfo.of(new InetSocketAddress("10.0.0.1", 4317));
        Traces traces = parsed(FRONTEND, BACKEND).withClient(client);

        assertThat(traces.withResourceSpans(List.of(WORKER)).client()).isSameAs(client);
        assertThat(traces.withResourceSpans(List.of(WORKER)).compact().client()).isSameAs(client);
        assertThat(traces.split(2)).hasSizeGreaterThan(1).allSatisfy(part -> assertThat(part.client()).isSameAs(client));
        assertThat(Traces.of(List.of(WORKER)).client()).isSameAs(ClientInfo.NONE);
    }

    @Test
    void concatKeepsAClientOnlyWhenEveryPartHasIt() throws Exception {
        ClientInfo first = ClientInfo.of(new InetSocketAddress("10.0.0.1", 4317));
        ClientInfo second = ClientInfo.of(new InetSocketAddress("10.0.0.2", 4317));

        assertThat(Traces.concat(List.of(parsed(FRONTEND).withClient(first), parsed(BACKEND).withClient(first))).client())
                .isSameAs(first);
        assertThat(Traces.concat(List.of(parsed(FRONTEND).withClient(first), parsed(BACKEND).withClient(second))).client())
                .isSameAs(ClientInfo.NONE);
        assertThat(Traces.concat(List.of(parsed(FRONTEND).withClient(first), parsed(BACKEND))).client())
                .isSameAs(ClientInfo.NONE);
    }

    @Test
    void anAttributeEditThatChangesNothingGivesBackTheSameTraces() throws Exception {
        Traces traces = parsed(FRONTEND, BACKEND);

        assertThat(traces.editAttributes(AttributeEditor.resources(attributes -> attributes))).isSameAs(traces);
        assertThat(traces.editAttributes(AttributeEditor.items(null, attributes -> attributes))).isSameAs(traces);
    }

    @Test
    void anAttributeEditKeepsTheCountsAndTheClient() throws Exception {
        ClientInfo client = ClientInfo.of(new InetSocketAddress("10.0.0.1", 4317));
        Traces traces = parsed(FRONTEND, BACKEND).withClient(client);

        Traces edited = traces.editAttributes(AttributeEditor.items(null, addEnv()));

        assertThat(edited.client()).isSameAs(client);
        assertThat(edited.spanCount()).isEqualTo(6);
        assertThat(edited.resourceSpansCount()).isEqualTo(2);
        assertThat(edited.resourceSpans()).flatExtracting(rs -> rs.getScopeSpansList())
                .flatExtracting(ScopeSpans::getSpansList).extracting(Span::getAttributesCount).containsOnly(1);
    }

    @Test
    void editingADecodedBatchKeepsTheEntriesItLeftAsTheSameObjects() {
        Traces decoded = Traces.of(List.of(FRONTEND, BACKEND, WORKER));
        AttributeEditor onlyBackend = AttributeEditor.resources(attributes ->
                attributes.get(0).getValue().getStringValue().equals("backend") ? addEnv().apply(attributes) : attributes);

        List<ResourceSpans> edited = decoded.editAttributes(onlyBackend).resourceSpans();

        assertThat(edited.get(0)).isSameAs(FRONTEND);
        assertThat(edited.get(1).getResource().getAttributesList()).hasSize(2);
        assertThat(edited.get(1).getScopeSpansList()).isEqualTo(BACKEND.getScopeSpansList());
        assertThat(edited.get(2)).isSameAs(WORKER);
        assertThat(decoded.editAttributes(onlyBackend).compact().resourceSpans().get(0)).as("compact keeps only bytes")
                .isNotSameAs(FRONTEND).isEqualTo(FRONTEND);
    }

    @Test
    void generatedRequestsEditedOnTheirBytesAreWhatEditingTheObjectsGives() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            ExportTraceServiceRequest request = TestTraces.random(random);
            Traces traces = Traces.parse(request.toByteString());

            ExportTraceServiceRequest.Builder expected = request.toBuilder();
            for (ResourceSpans.Builder resource : expected.getResourceSpansBuilderList()) {
                resource.getResourceBuilder().addAttributes(ENV_PROD);
                for (ScopeSpans.Builder scope : resource.getScopeSpansBuilderList()) {
                    for (Span.Builder span : scope.getSpansBuilderList()) {
                        span.addAttributes(ENV_PROD);
                    }
                }
            }
            Traces edited = traces.editAttributes(AttributeEditor.resources(addEnv())).editAttributes(AttributeEditor.items(null, addEnv()));

            assertThat(edited.encoded()).as("request %d", i).isEqualTo(request.getResourceSpansCount() == 0
                    ? request.toByteString() : expected.build().toByteString());
        }
    }

    private static final KeyValue ENV_PROD = TestTraces.attribute("env", "prod");

    /** Appends {@code env=prod}: a new list, as an edit that changes something returns. */
    private static UnaryOperator<List<KeyValue>> addEnv() {
        return attributes -> {
            List<KeyValue> edited = new ArrayList<>(attributes);
            edited.add(ENV_PROD);
            return edited;
        };
    }
}
