package io.tributary.core.consumer;

import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipelines a connector feeds: the head of each pipeline of {@code signal} that lists the
 * connector as a receiver, by pipeline ID ({@code metrics}, {@code traces/sampled}) in config
 * order. Most connectors feed them all; the routing connector picks by ID.
 */
public final class ConnectorTargets<D extends SignalData<D, ?>> {
    private final Signal<D> signal;
    private final Map<String, SignalConsumer<D>> pipelines;
    private final SignalConsumer<D> all;

    public ConnectorTargets(Signal<D> signal, Map<String, ? extends SignalConsumer<D>> pipelines) {
        this.signal = signal;
        this.pipelines = new LinkedHashMap<>(pipelines);
        this.all = FanOut.of(List.copyOf(pipelines.values()));
    }

    public Signal<D> signal() {
        return signal;
    }

    /** The pipeline IDs, in config order. */
    public Set<String> ids() {
        return pipelines.keySet();
    }

    /** Every pipeline, one after the other, as a pipeline's exporters are fed. */
    public SignalConsumer<D> all() {
        return all;
    }

    /**
     * The given pipelines together, in the given order.
     *
     * @throws IllegalArgumentException naming an ID that is not among {@link #ids()}
     */
    public SignalConsumer<D> of(Collection<String> ids) {
        List<SignalConsumer<D>> chosen = new ArrayList<>(ids.size());
        for (String id : ids) {
            SignalConsumer<D> pipeline = pipelines.get(id);
            if (pipeline == null) {
                throw new IllegalArgumentException("pipeline '" + id + "' does not list this connector as a receiver");
            }
            chosen.add(pipeline);
        }
        return FanOut.of(chosen);
    }
}
