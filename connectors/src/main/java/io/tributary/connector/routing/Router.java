package io.tributary.connector.routing;

import com.google.protobuf.Message;
import io.tributary.core.component.Connector;
import io.tributary.core.consumer.FanOut;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.SignalData;
import io.tributary.processor.ottl.OttlEvaluationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing connector of one signal. Each batch's resource entries go through the routes in
 * table order, each taking (or copying) what it selects, until nothing is left; what is left goes
 * to the default pipelines, or nowhere. Then each pipeline list gets its share as one batch, in
 * the order of the routes (the default last), from the same client; a share that is the whole
 * batch is the batch itself. Stateless, so safe for concurrent batches.
 */
final class Router<D extends SignalData<D, ?>, E extends Message> implements Connector<D> {
    /** One route: what it selects, whether it copies, and the pipelines that get it. */
    record Step<D extends SignalData<D, ?>, E extends Message>(Selector<E> selector, boolean copy, SignalConsumer<D> target) {
    }

    private final Nesting<D, E, ?, ?> nesting;
    private final List<Step<D, E>> steps;
    /** Null without default pipelines: what no route takes is dropped, as otelcol does. */
    private final SignalConsumer<D> defaults;

    Router(Nesting<D, E, ?, ?> nesting, List<Step<D, E>> steps, SignalConsumer<D> defaults) {
        this.nesting = nesting;
        this.steps = List.copyOf(steps);
        this.defaults = defaults;
    }

    @Override
    public void consume(D data) {
        List<Entry<E>> all = Entry.of(data, nesting.schema());
        List<Entry<E>> left = new ArrayList<>(all);
        Map<SignalConsumer<D>, List<Entry<E>>> shares = new LinkedHashMap<>();
        try {
            for (int i = 0; i < steps.size() && !left.isEmpty(); i++) {
                Step<D, E> step = steps.get(i);
                List<Entry<E>> taken = new ArrayList<>();
                step.selector().select(left, taken, step.copy(), data.client());
                add(shares, step.target(), taken);
            }
        } catch (OttlEvaluationException e) {
            // As otelcol, the whole batch is refused and nothing is delivered.
            throw new PermanentException("failed routing " + nesting.schema().itemsName + ": " + e.getMessage(), e);
        }
        if (defaults != null) {
            add(shares, defaults, left);
        }
        List<SignalConsumer<D>> deliveries = new ArrayList<>(shares.size());
        shares.forEach((target, entries) -> {
            D share = entries.equals(all) ? data : nesting.batch(entries).withClient(data.client());
            deliveries.add(ignored -> target.consume(share));
        });
        if (!deliveries.isEmpty()) {
            // A fan-out's rules for failures: every share is still delivered, and a retryable
            // refusal wins, so the client resends rather than loses what a pipeline could not take.
            FanOut.of(deliveries).consume(data);
        }
    }

    private static <D extends SignalData<D, ?>, E extends Message> void add(Map<SignalConsumer<D>, List<Entry<E>>> shares,
            SignalConsumer<D> target, List<Entry<E>> entries) {
        if (!entries.isEmpty()) {
            shares.computeIfAbsent(target, t -> new ArrayList<>()).addAll(entries);
        }
    }

    @Override
    public void shutdown() {
    }
}
