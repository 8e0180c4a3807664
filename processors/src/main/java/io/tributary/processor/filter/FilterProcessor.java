package io.tributary.processor.filter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.processorhelper.ProcessorHelper;
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
 * samplers count what they sample out, in {@code otelcol_processor_dropped_spans} (by
 * {@link ProcessorHelper}): every span a receiver accepted is then either passed on or counted as
 * dropped somewhere.
 */
final class FilterProcessor extends ProcessorHelper<Traces> implements Processor {
    private static final Logger log = LoggerFactory.getLogger(FilterProcessor.class);
    /** otelcol's meter name for the filter processor's own metrics: its Go package. */
    static final String SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/processor/filterprocessor";

    private final TraceFilter filter;
    private final Counter filtered;

    FilterProcessor(ComponentContext context, TracesConsumer next, TraceFilter filter) {
        super(context, Signal.TRACES, next);
        this.filter = filter;
        this.filtered = context.telemetry().meter(SCOPE).counter("otelcol_processor_filter_spans_filtered",
                "Number of spans dropped by the filter processor", "1", Tags.of("filter", context.id().toString()));
    }

    @Override
    protected Traces process(Traces traces) {
        if (filter.passesEverything()) {
            return traces;
        }
        Traces result = traces.isEmpty() ? traces : filter(traces);
        filtered.increment(traces.spanCount() - result.spanCount());
        return result.resourceSpansCount() == 0 ? null : result;
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
}
