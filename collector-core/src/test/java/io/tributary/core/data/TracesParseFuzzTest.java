package io.tributary.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary bytes as the body of an OTLP export: {@link Traces#parse} refuses them with its
 * documented {@link InvalidOtlpException} or returns traces whose counts are right and that
 * decode, split and concatenate without failing. Anything else thrown is a finding.
 *
 * <p>In {@code verify} this runs over the seeds in {@code TracesParseFuzzTestInputs/parse} only. To
 * fuzz: {@code JAZZER_FUZZ=1 ./mvnw -pl collector-core -am test -Dtest=TracesParseFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; a crash is saved beside the seeds and so becomes a
 * regression input.
 */
class TracesParseFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void parse(byte[] input) {
        Traces traces;
        try {
            traces = Traces.parse(ByteString.copyFrom(input));
        } catch (InvalidOtlpException refused) {
            return;
        }
        List<ResourceSpans> decoded = traces.resourceSpans();
        List<Span> spans = spans(decoded);
        assertThat(traces.resourceSpansCount()).isEqualTo(decoded.size());
        assertThat(traces.spanCount()).isEqualTo(spans.size());
        for (int maxSpans = 1; maxSpans <= 2; maxSpans++) {
            List<Traces> parts = traces.split(maxSpans);
            List<Span> rejoined = new ArrayList<>();
            for (Traces part : parts) {
                assertThat(part.spanCount()).isLessThanOrEqualTo(maxSpans);
                rejoined.addAll(reparsed(part));
            }
            assertThat(rejoined).isEqualTo(spans);
            assertThat(spans(Traces.concat(parts).resourceSpans())).isEqualTo(spans);
        }
    }

    /** A part's bytes are themselves a request our validator accepts, with the counts the part claims. */
    private static List<Span> reparsed(Traces part) {
        Traces again;
        try {
            again = Traces.parse(part.encoded());
        } catch (InvalidOtlpException e) {
            throw new AssertionError("a split part of accepted traces is refused: " + e.getMessage(), e);
        }
        assertThat(again.spanCount()).isEqualTo(part.spanCount());
        return spans(again.resourceSpans());
    }

    private static List<Span> spans(List<ResourceSpans> resources) {
        List<Span> spans = new ArrayList<>();
        for (ResourceSpans resource : resources) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                spans.addAll(scope.getSpansList());
            }
        }
        return spans;
    }
}
