package io.tributary.processor.filter;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ProcessorMetrics;
import io.tributary.processor.ottl.OttlEvaluationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otelcol's filter processor for traces, on the caller's thread. A batch it drops nothing from
 * is passed on as the very same {@link Traces} (no decoding is saved, but no re-encoding is
 * spent); a batch it drops everything from is not passed on at all. A condition that fails in
 * {@code propagate} mode refuses the whole batch as bad data: otelcol drops the payload then.
 * Filtered spans are counted in {@code otelcol_processor_filter_spans_filtered} and, as the
 * samplers count what they sample out, in {@code otelcol_processor_dropped_spans}: every span a
 * receiver accepted is then either passed on or counted as dropped somewhere.
 */
final class FilterProcessor implements Processor {
    private static final Logger log = LoggerFactory.getLogger(FilterProcessor.class);

    private final TracesConsumer next;
    private final TraceFilter filter;
    private final ProcessorMetrics metrics;
    private final Counter filtered;

    FilterProcessor(ComponentContext context, TracesConsumer next, TraceFilter filter) {
        this.next = next;
        this.filter = filter;
        this.metrics = context.telemetry().processor(context.id());
        this.filtered = Counter.builder("otelcol.processor.filter.spans.filtered")
                .description("Number of spans dropped by the filter processor")
                .tag("filter", context.id().toString())
                .register(context.telemetry().registry());
    }

    @Override
    public void consume(Traces traces) {
        int spans = traces.spanCount();
        metrics.incoming(spans);
        if (filter.passesEverything()) {
            metrics.outgoing(spans);
            next.consume(traces);
            return;
        }
        Traces result = traces.isEmpty() ? traces : filter(traces);
        filtered.increment(spans - result.spanCount());
        metrics.dropped(spans - result.spanCount());
        if (result.resourceSpansCount() == 0) {
            return;
        }
        // As otelcol's processorhelper: counted as passed on before the next consumer answers.
        metrics.outgoing(result.spanCount());
        next.consume(result);
    }

    private Traces filter(Traces traces) {
        List<ResourceSpans> in = traces.resourceSpans();
        List<ResourceSpans> out;
        try {
            out = filter.apply(in);
        } catch (OttlEvaluationException e) {
            log.error("failed processing traces: {}", e.getMessage());
            throw new PermanentException("failed processing traces: " + e.getMessage(), e);
        }
        return out == in ? traces : traces.withResourceSpans(out);
    }

    @Override
    public void shutdown() {
        // Holds nothing: every batch is decided before consume returns.
    }
}
