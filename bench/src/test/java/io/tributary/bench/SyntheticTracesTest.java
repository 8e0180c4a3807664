package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticTracesTest {
    private final SyntheticTraces traces = new SyntheticTraces(42);

    @Test
    void everyRequestHoldsExactlyTheAskedNumberOfSpans() {
        for (int i = 0; i < 50; i++) {
            assertThat(spans(traces.nextRequest(100))).hasSize(100);
        }
    }

    @Test
    void requestsSpanSeveralServices() {
        assertThat(traces.nextRequest(100).getResourceSpansCount()).isGreaterThan(2);
    }

    @Test
    void idsHaveOtlpLengths() {
        assertThat(spans(traces.nextRequest(100))).allSatisfy(span -> {
            assertThat(span.getTraceId().size()).isEqualTo(16);
            assertThat(span.getSpanId().size()).isEqualTo(8);
            assertThat(span.getParentSpanId().size()).isIn(0, 8);
        });
    }

    @Test
    void everyParentIsASpanOfTheSameRequest() {
        List<Span> spans = spans(traces.nextRequest(100));
        Set<Object> ids = spans.stream().map(s -> List.of(s.getTraceId(), s.getSpanId())).collect(Collectors.toSet());

        assertThat(spans).filteredOn(s -> !s.getParentSpanId().isEmpty())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(ids).contains(List.of(s.getTraceId(), s.getParentSpanId())));
    }

    @Test
    void encodedSpansAverageARealisticSize() {
        List<byte[]> pool = LoadGenerator.encodePool(20, 100, 7);
        double perSpan = pool.stream().mapToInt(r -> r.length).sum() / (20.0 * 100);

        assertThat(perSpan).isBetween(300.0, 500.0);
    }

    private static List<Span> spans(ExportTraceServiceRequest request) {
        return request.getResourceSpansList().stream()
                .flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(ss -> ss.getSpansList().stream())
                .toList();
    }
}
