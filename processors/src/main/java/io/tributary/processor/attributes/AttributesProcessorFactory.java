package io.tributary.processor.attributes;

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
import io.tributary.processor.filtermatch.Selection;
import java.util.Set;

/**
 * The {@code attributes} processor: inserts, updates, deletes, hashes, extracts and converts the
 * attributes of spans, log records and metric data points (each point of a selected metric).
 */
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
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    /** otelcol's factory checks {@code include}/{@code exclude} for the signal it creates the processor for. */
    @Override
    public void checkFor(Signal<?> signal, AttributesConfig config) {
        Selection.check(signal, "", config.include(), config.exclude());
    }

    @Override
    public Processor create(ComponentContext context, AttributesConfig config, TracesConsumer next) {
        return Processor.of(create(context, config, Signal.TRACES, next));
    }

    @Override
    public <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, AttributesConfig config, Signal<D> signal,
            SignalConsumer<D> next) {
        checkFor(signal, config);
        AttributeActions actions = AttributeActions.compile(config.actions());
        Selection<?> selection = config.include() == null && config.exclude() == null
                ? null
                : Selection.of(signal, config.include(), config.exclude());
        return new RewritingProcessor<>(context, signal, next, client -> AttributeEditor.items(
                selection == null ? null : new MatchedItems(selection), actions.forClient(client)::apply));
    }
}
