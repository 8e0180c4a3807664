package io.tributary.processor.attributes;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.processor.attributes.actions.AttributeActions;
import io.tributary.processor.attributes.actions.RewritingProcessor;
import io.tributary.processor.filterspan.SpanMatcher;

/** The {@code attributes} processor: inserts, updates, deletes, hashes, extracts and converts span attributes. */
public final class AttributesProcessorFactory implements ProcessorFactory<AttributesConfig> {
    @Override
    public String type() {
        return "attributes";
    }

    @Override
    public Class<AttributesConfig> configType() {
        return AttributesConfig.class;
    }

    @Override
    public AttributesConfig defaultConfig() {
        return AttributesConfig.DEFAULT;
    }

    @Override
    public Processor create(ComponentContext context, AttributesConfig config, TracesConsumer next) {
        AttributeActions actions = AttributeActions.compile(config.actions());
        SpanMatcher matcher = config.include() == null && config.exclude() == null
                ? null
                : SpanMatcher.of(config.include(), config.exclude());
        return new RewritingProcessor(context, next, client -> AttributeEditor.items(
                matcher == null ? null : new MatchedSpans(matcher), actions.forClient(client)::apply));
    }
}
