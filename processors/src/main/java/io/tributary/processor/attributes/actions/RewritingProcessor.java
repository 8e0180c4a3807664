package io.tributary.processor.attributes.actions;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.processorhelper.ProcessorHelper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A processor that rewrites each resource's spans in place, on the caller's thread, and passes
 * the result on; refusals of the next consumer go back to the caller. A batch nothing changed in
 * is passed on as the very same {@link Traces}, so data that arrived encoded is not re-encoded;
 * a rewritten batch keeps its client.
 */
public final class RewritingProcessor extends ProcessorHelper {
    private final Function<ClientInfo, UnaryOperator<ResourceSpans>> rewriteFor;

    /**
     * @param rewriteFor the rewrite of a batch from the given client (what {@code from_context}
     *                   reads); the rewrite returns its argument itself when it changes nothing
     */
    public RewritingProcessor(ComponentContext context, TracesConsumer next,
            Function<ClientInfo, UnaryOperator<ResourceSpans>> rewriteFor) {
        super(context, next);
        this.rewriteFor = rewriteFor;
    }

    @Override
    protected Traces process(Traces traces) {
        if (traces.isEmpty()) {
            return traces;
        }
        UnaryOperator<ResourceSpans> rewrite = rewriteFor.apply(traces.client());
        List<ResourceSpans> in = traces.resourceSpans();
        List<ResourceSpans> out = null;
        for (int i = 0; i < in.size(); i++) {
            ResourceSpans original = in.get(i);
            ResourceSpans rewritten = rewrite.apply(original);
            if (out == null && rewritten != original) {
                out = new ArrayList<>(in.subList(0, i));
            }
            if (out != null) {
                out.add(rewritten);
            }
        }
        return out == null ? traces : traces.withResourceSpans(out);
    }
}
