package io.tributary.core.component;

import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;

/**
 * Sends data to a backend. Most exporters are built with {@code ExporterHelper}. One instance
 * serves every pipeline that lists it, of whichever signals its factory supports: it consumes
 * traces itself and gives the consumer of each other signal through {@link #consumer}.
 */
public interface Exporter extends Component, TracesConsumer {
    /**
     * What takes {@code signal}'s data, one of the factory's signals; this exporter itself for
     * traces. An exporter of more signals than traces overrides it.
     */
    @SuppressWarnings("unchecked")
    default <D extends SignalData<D, ?>> SignalConsumer<D> consumer(Signal<D> signal) {
        if (signal == Signal.TRACES) {
            return (SignalConsumer<D>) this;
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not export " + signal);
    }
}
