package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoTracesTest {
    private static final long NOW = TimeUnit.SECONDS.toNanos(1_700_000_000L);

    private final DemoTraces traces = new DemoTraces(42, () -> NOW);

    @Test
    void eachRequestHoldsTheSpansOfOneService() {
        for (int i = 0; i < 200; i++) {
            List<ExportTraceServiceRequest> requests = traces.next();

            assertThat(requests).allSatisfy(r -> assertThat(r.getResourceSpansCount()).isOne());
            assertThat(requests.stream().map(DemoTracesTest::service)).doesNotHaveDuplicates().contains(DemoTraces.FRONTEND);
        }
    }

    @Test
    void everySpanButTheFrontendRootHasItsParentInTheTrace() {
        for (int i = 0; i < 200; i++) {
            List<Span> spans = spans(traces.next());
            Set<Object> ids = spans.stream().map(Span::getSpanId).collect(Collectors.toSet());

            assertThat(spans).filteredOn(s -> s.getParentSpanId().isEmpty()).singleElement()
                    .satisfies(root -> assertThat(root.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER));
            assertThat(spans).filteredOn(s -> !s.getParentSpanId().isEmpty())
                    .allSatisfy(s -> assertThat(ids).contains(s.getParentSpanId()));
            assertThat(spans.stream().map(Span::getTraceId).distinct()).hasSize(1);
        }
    }

    @Test
    void theTraceEndsNow() {
        assertThat(root(traces.next()).getEndTimeUnixNano()).isEqualTo(NOW);
    }

    @Test
    void aFewTracesFail() {
        long failed = roots(2_000).stream().filter(r -> r.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR).count();

        assertThat(failed).isBetween(40L, 160L);
    }

    @Test
    void aFewTracesTakeOverTheTutorialsOneSecondLatencyThreshold() {
        long slow = roots(2_000).stream()
                .filter(r -> r.getEndTimeUnixNano() - r.getStartTimeUnixNano() > TimeUnit.SECONDS.toNanos(1)).count();

        assertThat(slow).isBetween(40L, 200L);
    }

    @Test
    void checkoutsCarryTheUrlTheTutorialsPolicyKeeps() {
        assertThat(roots(100)).anySatisfy(r -> assertThat(r.getAttributesList())
                .anySatisfy(a -> {
                    assertThat(a.getKey()).isEqualTo("http.url");
                    assertThat(a.getValue().getStringValue()).isEqualTo("/checkout");
                }));
    }

    private List<Span> roots(int n) {
        return IntStream.range(0, n).mapToObj(i -> root(traces.next())).toList();
    }

    private static Span root(List<ExportTraceServiceRequest> requests) {
        return spans(requests).stream().filter(s -> s.getParentSpanId().isEmpty()).findFirst().orElseThrow();
    }

    private static List<Span> spans(List<ExportTraceServiceRequest> requests) {
        return requests.stream().flatMap(r -> r.getResourceSpansList().stream())
                .flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(ss -> ss.getSpansList().stream())
                .toList();
    }

    private static String service(ExportTraceServiceRequest request) {
        ResourceSpans rs = request.getResourceSpans(0);
        return rs.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                .findFirst().orElseThrow().getValue().getStringValue();
    }
}
