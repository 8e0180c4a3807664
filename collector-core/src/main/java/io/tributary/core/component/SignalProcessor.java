package io.tributary.core.component;

import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.SignalData;

/**
 * Transforms, filters or buffers one signal's data, then passes it to the next consumer it was
 * created with. One instance per (pipeline, processor ID), so each carries one signal.
 */
public interface SignalProcessor<D extends SignalData<D, ?>> extends Component, SignalConsumer<D> {
}
