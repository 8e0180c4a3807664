package io.tributary.processor.resource;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.processor.attributes.actions.AttributeActions;
import io.tributary.processor.attributes.actions.RewritingProcessor;
import java.util.List;

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
        return new RewritingProcessor(context, next, client -> {
            AttributeActions actions = compiled.forClient(client);
            return resourceSpans -> {
                Resource resource = resourceSpans.getResource();
                List<KeyValue> attributes = resource.getAttributesList();
                List<KeyValue> rewritten = actions.apply(attributes);
                return rewritten == attributes
                        ? resourceSpans
                        : resourceSpans.toBuilder().setResource(resource.toBuilder().clearAttributes().addAllAttributes(rewritten)).build();
            };
        });
    }
}
