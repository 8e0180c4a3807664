package io.tributary.processor.attributes.actions;

import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.core.processorhelper.ProcessorHelper;
import java.util.function.Function;

/**
 * A processor that edits attributes of each batch on its bytes ({@link Traces#editAttributes}),
 * on the caller's thread, and passes the result on; refusals of the next consumer go back to the
 * caller. A batch nothing changed in is passed on as the very same {@link Traces}; an edited
 * batch keeps its client.
 */
public final class RewritingProcessor extends ProcessorHelper<Traces> implements Processor {
    private final Function<ClientInfo, AttributeEditor> editorFor;

    /**
     * @param editorFor the edit of a batch from the given client (what {@code from_context}
     *                  reads); one editor per batch, so it may keep state for that batch
     */
    public RewritingProcessor(ComponentContext context, TracesConsumer next, Function<ClientInfo, AttributeEditor> editorFor) {
        super(context, Signal.TRACES, next);
        this.editorFor = editorFor;
    }

    @Override
    protected Traces process(Traces traces) {
        return traces.isEmpty() ? traces : traces.editAttributes(editorFor.apply(traces.client()));
    }
}
