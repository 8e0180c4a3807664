package io.tributary.processor.filter;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.TracesConsumer;

/** The {@code filter} processor: drops spans, span events, scopes and resources that match its conditions. */
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
    public Processor create(ComponentContext context, FilterConfig config, TracesConsumer next) {
        return new FilterProcessor(context, next, TraceFilter.of(config));
    }
}
