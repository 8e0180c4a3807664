package io.tributary.processor.tailsampling;

import static io.tributary.processor.tailsampling.Harness.error;
import static io.tributary.processor.tailsampling.Harness.hex;
import static io.tributary.processor.tailsampling.Harness.span;
import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.component.ComponentId;
import io.tributary.core.telemetry.Exposition;
import io.tributary.core.telemetry.Telemetry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The processor around the policies: waiting, releasing whole traces, late spans, caches, bounds, shutdown. */
class TailSamplingProcessorTest {
    private static final String ERRORS = "policies: [{name: errors, type: status_code, status_code: {status_codes: [ERROR]}}]";

    @Test
    void holdsATraceForDecisionWaitThenReleasesItWhole() {
        Harness h = new Harness("decision_wait: 10s\n" + ERRORS);
        h.send(span(1, 1).build());
        h.advance(Duration.ofSeconds(4));
        h.send(span(1, 2).build(), error(span(1, 3)).build());
        h.advance(Duration.ofSeconds(5));
        assertThat(h.next.spanCount()).isZero();

        h.advance(Duration.ofSeconds(1));

        assertThat(h.next.batches()).hasSize(1);
        assertThat(h.next.spans()).extracting(Span::getName).containsExactlyInAnyOrder("span-1", "span-2", "span-3");
    }

    @Test
    void dropsTracesNoPolicySamplesAndCountsThem() {
        Harness h = new Harness("decision_wait: 1s\n" + ERRORS);
        h.send(span(1, 1).build(), span(1, 2).build());

        h.advance(Duration.ofSeconds(1));

        assertThat(h.next.spanCount()).isZero();
        assertThat(h.counter("otelcol.processor.dropped.spans")).isEqualTo(2);
        assertThat(h.counter("otelcol.processor.tail.sampling.global.count.traces.sampled", "sampled", "false")).isEqualTo(1);
        assertThat(h.counter("otelcol.processor.tail.sampling.count.traces.sampled",
                "policy", "errors", "sampled", "false", "decision", "not_sampled")).isEqualTo(1);
    }

    @Test
    void releasedSpansKeepTheirResourceAndScope() {
        Harness h = new Harness("decision_wait: 1s\npolicies: [{name: all, type: always_sample}]");
        Resource other = Harness.resource("service.name", "payments");
        h.send(span(1, 1).build());
        h.send(other, span(1, 2).build());
        h.send(span(1, 3).build());

        h.advance(Duration.ofSeconds(1));

        List<ResourceSpans> released = h.next.resourceSpans();
        assertThat(released).extracting(ResourceSpans::getResource).containsExactly(Harness.RESOURCE, other);
        assertThat(released.get(0).getScopeSpansList()).extracting(ScopeSpans::getScope)
                .containsExactly(InstrumentationScope.newBuilder().setName("lib").build());
        assertThat(released.get(0).getScopeSpans(0).getSpansList()).extracting(Span::getName).containsExactly("span-1", "span-3");
    }

    @Test
    void lateSpansFollowTheDecisionAtOnce() {
        Harness h = new Harness("decision_wait: 1s\n" + ERRORS);
        h.send(error(span(1, 1)).build());
        h.send(span(2, 1).build());
        h.advance(Duration.ofSeconds(1));
        int released = h.next.spanCount();

        h.send(span(1, 2).build(), span(2, 2).build());

        assertThat(h.next.spanCount()).isEqualTo(released + 1);
        assertThat(h.next.batches().get(h.next.batches().size() - 1).resourceSpans().get(0).getScopeSpans(0).getSpans(0)
                .getName()).isEqualTo("span-2");
        assertThat(h.keptTraces()).containsExactly(hex(1));
    }

    @Test
    void decisionCachesRememberDecisionsAfterTheTraceLeavesTheBuffer() {
        Harness h = new Harness("""
                decision_wait: 1s
                decision_cache: {sampled_cache_size: 10, non_sampled_cache_size: 10}
                """ + ERRORS);
        h.send(error(span(1, 1)).build());
        h.send(span(2, 1).build());
        h.advance(Duration.ofSeconds(1));
        assertThat(h.gauge("otelcol.processor.tail.sampling.sampling.traces.on.memory")).isZero();

        h.send(span(1, 2).build(), span(2, 2).build(), span(2, 3).build());

        assertThat(h.keptTraces()).containsExactly(hex(1));
        assertThat(h.next.spanCount()).isEqualTo(2);
        assertThat(h.counter("otelcol.processor.tail.sampling.early.releases.from.cache.decision", "sampled", "true")).isEqualTo(1);
        assertThat(h.counter("otelcol.processor.tail.sampling.early.releases.from.cache.decision", "sampled", "false")).isEqualTo(2);
    }

    @Test
    void aRootSpanShortensTheWaitWithDecisionWaitAfterRootReceived() {
        Harness h = new Harness("decision_wait: 30s\ndecision_wait_after_root_received: 2s\n" + ERRORS);
        h.send(error(span(1, 2)).build());
        h.send(error(span(2, 2)).build());
        h.advance(Duration.ofSeconds(1));
        h.send(span(1, 1).build());

        h.advance(Duration.ofSeconds(2));

        assertThat(h.keptTraces()).containsExactly(hex(1));
    }

    @Test
    void aTraceAboveMaximumTraceSizeBytesIsNotSampledAtOnce() {
        Harness h = new Harness("decision_wait: 1s\nmaximum_trace_size_bytes: 1000\npolicies: [{name: all, type: always_sample}]");
        h.send(span(1, 1).addAttributes(attribute("payload", "x".repeat(2000))).build());
        h.send(span(2, 1).build());

        h.advance(Duration.ofSeconds(1));

        assertThat(h.keptTraces()).containsExactly(hex(2));
        assertThat(h.counter("otelcol.processor.tail.sampling.traces.dropped.too.large")).isEqualTo(1);
    }

    @Test
    void sampleOnFirstMatchStopsAtTheFirstSamplingPolicy() {
        Harness h = new Harness("""
                decision_wait: 1s
                sample_on_first_match: true
                policies:
                  - {name: all, type: always_sample}
                  - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
                """);
        h.send(span(1, 1).build());

        h.advance(Duration.ofSeconds(1));

        assertThat(h.keptTraces()).containsExactly(hex(1));
        assertThat(h.counter("otelcol.processor.tail.sampling.count.traces.sampled", "policy", "errors")).isZero();
    }

    @Test
    void aPolicyThatFailsIsCountedAndSkipped() {
        Harness h = new Harness("decision_wait: 1s\npolicies: [{name: all, type: always_sample}]");
        TailSamplingMetrics metrics = new TailSamplingMetrics(h.telemetry,
                io.tributary.core.component.ComponentId.parse("tail_sampling/x"), () -> 0, () -> 0);
        PolicySet set = new PolicySet(List.of("broken", "all"),
                List.of(trace -> { throw new IllegalStateException("boom"); }, trace -> Decision.SAMPLED), false, metrics);

        Decision decision = set.evaluate(new TraceView(new TraceKey(0, 1), 1, 0, 0, 0, 0, new byte[0], 0, new Origins.Scope[0]));

        assertThat(decision).isEqualTo(Decision.SAMPLED);
        assertThat(h.counter("otelcol.processor.tail.sampling.sampling.policy.evaluation.error", "processor", "tail_sampling/x"))
                .isEqualTo(1);
        assertThat(h.counter("otelcol.processor.tail.sampling.count.traces.sampled", "policy", "x.all", "sampled", "true"))
                .isEqualTo(1);
    }

    @Test
    void numTracesDecidesTheOldestEarlyInsteadOfDroppingThem() {
        Harness h = new Harness("decision_wait: 30s\nnum_traces: 3\npolicies: [{name: all, type: always_sample}]");
        for (int trace = 1; trace <= 5; trace++) {
            h.send(span(trace, 1).build(), span(trace, 2).build());
        }

        assertThat(h.keptTraces()).containsExactly(hex(1), hex(2));
        assertThat(h.next.spanCount()).isEqualTo(4);
        assertThat(h.gauge("otelcol.processor.tail.sampling.sampling.traces.on.memory")).isLessThanOrEqualTo(3);
        assertThat(h.counter("tributary.processor.tail.sampling.early.decisions", "reason", "num_traces")).isEqualTo(2);
        assertThat(h.counter("otelcol.processor.tail.sampling.sampling.trace.dropped.too.early")).isZero();
    }

    @Test
    void theByteBudgetHoldsAndForcedDecisionsAreCounted() {
        Harness h = new Harness("decision_wait: 30s\nmax_buffered_bytes: 64KiB\npolicies: [{name: all, type: always_sample}]");
        for (int trace = 1; trace <= 500; trace++) {
            h.send(span(trace, 1).addAttributes(attribute("payload", "x".repeat(300))).build());
            assertThat(h.processor.bufferedBytes()).isLessThanOrEqualTo(64 * 1024);
        }

        double early = h.counter("tributary.processor.tail.sampling.early.decisions", "reason", "max_buffered_bytes");
        assertThat(early).isGreaterThan(0);
        assertThat(h.next.spanCount()).isEqualTo((int) early);
        h.processor.shutdown();
        assertThat(h.next.spanCount()).isEqualTo(500);
    }

    @Test
    void shutdownDecidesAndForwardsWhatIsBuffered() {
        Harness h = new Harness("decision_wait: 30s\n" + ERRORS);
        h.send(error(span(1, 1)).build(), span(1, 2).build());
        h.send(span(2, 1).build());

        h.processor.shutdown();
        h.processor.shutdown();

        assertThat(h.keptTraces()).containsExactly(hex(1));
        assertThat(h.next.spanCount()).isEqualTo(2);
    }

    @Test
    void dropPendingTracesOnShutdownDropsThem() {
        Harness h = new Harness("decision_wait: 30s\ndrop_pending_traces_on_shutdown: true\n" + ERRORS);
        h.send(error(span(1, 1)).build());

        h.processor.shutdown();

        assertThat(h.next.spanCount()).isZero();
        assertThat(h.counter("otelcol.processor.dropped.spans")).isEqualTo(1);
    }

    @Test
    void countsNewTracesAndExposesBufferedBytes() {
        Harness h = new Harness("decision_wait: 30s\n" + ERRORS);
        h.send(span(1, 1).build(), span(2, 1).build());
        h.send(span(1, 2).build());

        assertThat(h.counter("otelcol.processor.tail.sampling.new.trace.id.received")).isEqualTo(2);
        assertThat(h.gauge("tributary.processor.tail.sampling.buffered.bytes")).isPositive();
        assertThat(h.telemetry.scrape()).contains("otelcol_processor_tail_sampling_sampling_traces_on_memory{processor=\"tail_sampling\"} 2.0");
    }

    @Test
    void anExplicitReaderShowsOtelcolsMetricsInTheTailSamplersScopeAndTributarysInTributarys() {
        Telemetry explicit = new Telemetry(Exposition.PULL_READER);

        new TailSamplingMetrics(explicit, ComponentId.parse("tail_sampling"), () -> 2, () -> 100);

        String labels = "otel_scope_schema_url=\"\",otel_scope_version=\"\",processor=\"tail_sampling\"} ";
        assertThat(explicit.scrape()).contains("otelcol_processor_tail_sampling_sampling_traces_on_memory{otel_scope_name="
                        + "\"github.com/open-telemetry/opentelemetry-collector-contrib/processor/tailsamplingprocessor\"," + labels + "2.0")
                .contains("tributary_processor_tail_sampling_buffered_bytes{otel_scope_name=\"io.tributary.core.telemetry\"," + labels
                        + "100.0");
    }
}
