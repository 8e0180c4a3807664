package io.tributary.processor.attributes.actions;

import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.core.processorhelper.ProcessorHelper;
import java.util.function.Function;

/**
 * A processor that edits attributes of each batch of any signal on its bytes
 * ({@link SignalData#editAttributes}), on the caller's thread, and passes the result on; refusals
 * of the next consumer go back to the caller. A batch nothing changed in is passed on as the very
 * same batch; an edited batch keeps its client.
 *
 * @param <D> the signal's data
 */
public final class RewritingProcessor<D extends SignalData<D, ?>> extends ProcessorHelper<D> {
    private final Function<ClientInfo, AttributeEditor> editorFor;

    /**
     * @param editorFor the edit of a batch from the given client (what {@code from_context}
     *                  reads); one editor per batch, so it may keep state for that batch
     */
    public RewritingProcessor(ComponentContext context, Signal<D> signal, SignalConsumer<D> next,
            Function<ClientInfo, AttributeEditor> editorFor) {
        super(context, signal, next);
        this.editorFor = editorFor;
    }

    @Override
    protected D process(D data) {
        return data.isEmpty() ? data : data.editAttributes(editorFor.apply(data.client()));
    }
}
