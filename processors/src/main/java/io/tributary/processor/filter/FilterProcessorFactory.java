package io.tributary.processor.filter;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import java.util.Set;

/** The {@code filter} processor: drops resources, scopes, spans, span events, metrics, data points and log records that match its conditions. */
public final class FilterProcessorFactory implements ProcessorFactory<FilterConfig> {
    @Override
    public String type() {
        return "filter";
    }

    @Override
    public Class<FilterConfig> configType() {
        return FilterConfig.class;
    }

    @Override
    public FilterConfig defaultConfig() {
        return FilterConfig.DEFAULT;
    }

    @Override
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    /** What otelcol's factory refuses when it builds the filter of a signal (the legacy sections of that signal). */
    @Override
    public void checkFor(Signal<?> signal, FilterConfig config) {
        SignalFilter.of(config, signal);
    }

    @Override
    public Processor create(ComponentContext context, FilterConfig config, TracesConsumer next) {
        return Processor.of(create(context, config, Signal.TRACES, next));
    }

    @Override
    public <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, FilterConfig config, Signal<D> signal,
            SignalConsumer<D> next) {
        return new FilterProcessor<>(context, signal, next, SignalFilter.of(config, signal));
    }
}
