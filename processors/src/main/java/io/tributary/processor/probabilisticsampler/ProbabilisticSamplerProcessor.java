package io.tributary.processor.probabilisticsampler;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ProcessorMetrics;
import io.tributary.processor.probabilisticsampler.SpanSampler.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * otelcol's probabilistic sampler for traces: each span is kept or dropped by {@link SpanSampler},
 * on the caller's thread and without state, so the spans of a trace get the same decision in any
 * request. A scope or resource left without spans goes too; when nothing is left the next
 * consumer is not called. A request whose every span is kept with its tracestate as it came is
 * passed on as the very same {@link Traces}, never re-encoded.
 */
final class ProbabilisticSamplerProcessor implements Processor {
    private final TracesConsumer next;
    private final SpanSampler sampler;
    private final ProcessorMetrics metrics;
    private final SamplerMetrics samplerMetrics;

    ProbabilisticSamplerProcessor(ComponentContext context, ProbabilisticSamplerConfig config, TracesConsumer next) {
        this.next = next;
        this.sampler = new SpanSampler(config);
        this.metrics = context.telemetry().processor(context.id());
        this.samplerMetrics = new SamplerMetrics(context.telemetry().registry(), context.id());
    }

    @Override
    public void consume(Traces traces) {
        int incoming = traces.spanCount();
        metrics.incoming(incoming);
        if (traces.isEmpty()) {
            return;
        }
        int[] counts = new int[SamplerMetrics.SIZE];
        List<ResourceSpans> resourceSpans = traces.resourceSpans();
        List<ResourceSpans> kept = keep(resourceSpans, rs -> sample(rs, counts));
        samplerMetrics.add(counts);
        Traces out = kept == resourceSpans ? traces : Traces.of(kept);
        metrics.dropped(incoming - out.spanCount());
        if (out.resourceSpansCount() == 0) {
            return;
        }
        metrics.outgoing(out.spanCount());
        next.consume(out);
    }

    @Override
    public void shutdown() {
        // Nothing is held between requests.
    }

    /** The resource's kept scopes; null when none is left, {@code rs} itself when nothing changed. */
    private ResourceSpans sample(ResourceSpans rs, int[] counts) {
        List<ScopeSpans> scopes = rs.getScopeSpansList();
        List<ScopeSpans> kept = keep(scopes, scope -> sample(scope, counts));
        if (kept.isEmpty()) {
            return null;
        }
        return kept == scopes ? rs : rs.toBuilder().clearScopeSpans().addAllScopeSpans(kept).build();
    }

    private ScopeSpans sample(ScopeSpans scope, int[] counts) {
        List<Span> spans = scope.getSpansList();
        List<Span> kept = keep(spans, span -> sample(span, counts));
        if (kept.isEmpty()) {
            return null;
        }
        return kept == spans ? scope : scope.toBuilder().clearSpans().addAllSpans(kept).build();
    }

    private Span sample(Span span, int[] counts) {
        Decision decision = sampler.decide(span.getTraceId(), span.getTraceState(), SamplingPriority.of(span.getAttributesList()));
        counts[SamplerMetrics.index(decision.policy(), decision.sampled())]++;
        if (!decision.sampled()) {
            return null;
        }
        String traceState = decision.traceState();
        return traceState == null || traceState.equals(span.getTraceState())
                ? span
                : span.toBuilder().setTraceState(traceState).build();
    }

    /**
     * Maps each item ({@code null}: drop it). Returns {@code items} itself when every item came
     * back as it was, so that an untouched request costs no copy.
     */
    private static <T> List<T> keep(List<T> items, UnaryOperator<T> map) {
        List<T> out = null;
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            T mapped = map.apply(item);
            if (mapped != item && out == null) {
                out = new ArrayList<>(items.subList(0, i));
            }
            if (out != null && mapped != null) {
                out.add(mapped);
            }
        }
        return out == null ? items : out;
    }
}
