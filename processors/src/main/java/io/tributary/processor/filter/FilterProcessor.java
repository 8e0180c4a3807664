package io.tributary.processor.filter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.processorhelper.ProcessorHelper;
import io.tributary.processor.ottl.OttlEvaluationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otelcol's filter processor for one signal, on the caller's thread. A batch it drops nothing from
 * is passed on as the very same batch (no decoding is saved, but no re-encoding is spent); a batch
 * it drops everything from is not passed on at all. A condition that fails in {@code propagate}
 * mode refuses the whole batch as bad data: otelcol drops the payload then. Dropped items are
 * counted in otelcol's counter of the signal ({@code otelcol_processor_filter_spans_filtered},
 * {@code _datapoints_filtered}, {@code _logs_filtered}) and, as the samplers count what they sample
 * out, in {@code otelcol_processor_dropped_*} (by {@link ProcessorHelper}): every item a receiver
 * accepted is then either passed on or counted as dropped somewhere.
 *
 * @param <D> the signal's data
 */
final class FilterProcessor<D extends SignalData<D, ?>> extends ProcessorHelper<D> {
    private static final Logger log = LoggerFactory.getLogger(FilterProcessor.class);
    /** otelcol's meter name for the filter processor's own metrics: its Go package. */
    static final String SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/processor/filterprocessor";

    private final Signal<D> signal;
    private final SignalFilter<?, ?, ?> filter;
    private final Counter filtered;

    FilterProcessor(ComponentContext context, Signal<D> signal, SignalConsumer<D> next, SignalFilter<?, ?, ?> filter) {
        super(context, signal, next);
        this.signal = signal;
        this.filter = filter;
        // otelcol's instrument per signal: otelcol_processor_filter_spans.filtered, _datapoints.filtered, _logs.filtered.
        String items = signal == Signal.TRACES ? "spans" : signal == Signal.METRICS ? "datapoints" : "logs";
        String words = signal == Signal.TRACES ? "spans" : signal == Signal.METRICS ? "metric data points" : "logs";
        this.filtered = context.telemetry().meter(SCOPE).counter("otelcol_processor_filter_" + items + "_filtered",
                "Number of " + words + " dropped by the filter processor", "1", Tags.of("filter", context.id().toString()));
    }

    @Override
    protected D process(D data) {
        if (filter.passesEverything()) {
            return data;
        }
        D result;
        try {
            result = data.isEmpty() ? data : filter.filter(data);
        } catch (OttlEvaluationException e) {
            log.error("failed processing {}: {}", signal, e.getMessage());
            throw new PermanentException("failed processing " + signal + ": " + e.getMessage(), e);
        }
        filtered.increment(data.itemCount() - result.itemCount());
        return result.resourceEntryCount() == 0 ? null : result;
    }
}
