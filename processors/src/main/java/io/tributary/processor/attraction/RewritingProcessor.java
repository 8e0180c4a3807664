package io.tributary.processor.attraction;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ProcessorMetrics;
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
public final class RewritingProcessor implements Processor {
    private final TracesConsumer next;
    private final ProcessorMetrics metrics;
    private final Function<ClientInfo, UnaryOperator<ResourceSpans>> rewriteFor;

    /**
     * @param rewriteFor the rewrite of a batch from the given client (what {@code from_context}
     *                   reads); the rewrite returns its argument itself when it changes nothing
     */
    public RewritingProcessor(ComponentContext context, TracesConsumer next,
            Function<ClientInfo, UnaryOperator<ResourceSpans>> rewriteFor) {
        this.next = next;
        this.metrics = context.telemetry().processor(context.id());
        this.rewriteFor = rewriteFor;
    }

    @Override
    public void consume(Traces traces) {
        int spans = traces.spanCount();
        metrics.incoming(spans);
        Traces result = traces.isEmpty() ? traces : rewrite(traces);
        // As otelcol's processorhelper: counted as passed on before the next consumer answers.
        metrics.outgoing(spans);
        next.consume(result);
    }

    private Traces rewrite(Traces traces) {
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

    @Override
    public void shutdown() {
        // Holds nothing: every batch is passed on before consume returns.
    }
}
