package io.tributary.processor.resource;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.processor.attributes.actions.AttributeActions;
import io.tributary.processor.attributes.actions.RewritingProcessor;
import java.util.Set;

/**
 * The {@code resource} processor: the attribute actions applied to every resource's attributes,
 * of any signal (a resource entry is the same message around spans, metrics and log records).
 */
public final class ResourceProcessorFactory implements ProcessorFactory<ResourceConfig> {
    @Override
    public String type() {
        return "resource";
    }

    @Override
    public Class<ResourceConfig> configType() {
        return ResourceConfig.class;
    }

    @Override
    public ResourceConfig defaultConfig() {
        return ResourceConfig.DEFAULT;
    }

    @Override
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    @Override
    public Processor create(ComponentContext context, ResourceConfig config, TracesConsumer next) {
        return Processor.of(create(context, config, Signal.TRACES, next));
    }

    @Override
    public <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, ResourceConfig config, Signal<D> signal,
            SignalConsumer<D> next) {
        AttributeActions compiled = AttributeActions.compile(config.attributes());
        return new RewritingProcessor<>(context, signal, next, client -> AttributeEditor.resources(compiled.forClient(client)::apply));
    }
}
