package io.tributary.processor.resource;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.processor.attributes.actions.AttributeActions;
import io.tributary.processor.attributes.actions.RewritingProcessor;

/** The {@code resource} processor: the attribute actions applied to every resource's attributes. */
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
    public Processor create(ComponentContext context, ResourceConfig config, TracesConsumer next) {
        AttributeActions compiled = AttributeActions.compile(config.attributes());
        return new RewritingProcessor(context, next, client -> AttributeEditor.resources(compiled.forClient(client)::apply));
    }
}
