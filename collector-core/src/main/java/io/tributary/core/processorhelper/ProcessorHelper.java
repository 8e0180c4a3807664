package io.tributary.core.processorhelper;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.telemetry.ProcessorMetrics;

/**
 * The base of a processor that decides each batch on the caller's thread, as otelcol's
 * {@code processorhelper}: a subclass only says what becomes of a batch ({@link #process}), and
 * the helper counts and forwards it the one way every such processor shares, for any signal.
 *
 * <ul>
 *   <li>{@code otelcol_processor_incoming_items} counts every batch's items on entry, labelled with
 *       the signal ({@code otel_signal}), as otelcol's helper does;</li>
 *   <li>{@code otelcol_processor_outgoing_items} counts what {@link #process} returned, before the
 *       next consumer is called, so a batch the next consumer refuses is still outgoing (otelcol
 *       records both counts before it calls the next consumer);</li>
 *   <li>{@code otelcol_processor_dropped_spans} (or {@code _metric_points}, {@code _log_records})
 *       counts the difference when the processor kept fewer items than it was given (filtered,
 *       sampled out);</li>
 *   <li>an exception {@link #process} throws goes back to the caller with nothing passed on and
 *       nothing outgoing or dropped: a {@code RetryableException} is back-pressure (the client keeps
 *       the data), a {@code PermanentException} refuses bad data;</li>
 *   <li>the next consumer's refusal goes back to the caller unchanged, whichever kind it is.</li>
 * </ul>
 *
 * A processor of traces extends {@code ProcessorHelper<Traces>} and implements
 * {@link io.tributary.core.component.Processor}. Processors that hold data across calls (batch,
 * tail sampling) own their timers and buffers and count for themselves; in otelcol neither is
 * built on {@code processorhelper} either.
 *
 * @param <D> the signal's data
 */
public abstract class ProcessorHelper<D extends SignalData<D, ?>> implements SignalProcessor<D> {
    private final SignalConsumer<D> next;
    private final ProcessorMetrics metrics;

    protected ProcessorHelper(ComponentContext context, Signal<D> signal, SignalConsumer<D> next) {
        this.next = next;
        this.metrics = context.telemetry().processor(context.id(), signal);
    }

    /**
     * What becomes of one batch; must not call the next consumer.
     *
     * @return the batch to pass on (the argument itself when nothing changed, so data that arrived
     *         encoded is not re-encoded), or null when nothing is left to pass on
     */
    protected abstract D process(D data);

    @Override
    public final void consume(D data) {
        int incoming = data.itemCount();
        metrics.incoming(incoming);
        D out = process(data);
        int outgoing = out == null ? 0 : out.itemCount();
        metrics.outgoing(outgoing);
        if (outgoing < incoming) {
            metrics.dropped(incoming - outgoing);
        }
        if (out != null) {
            next.consume(out);
        }
    }

    /** Such a processor holds nothing between calls, so there is nothing to drain. */
    @Override
    public void shutdown() {
    }
}
