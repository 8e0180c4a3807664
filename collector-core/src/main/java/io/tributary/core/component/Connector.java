package io.tributary.core.component;

import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.SignalData;

/**
 * A connector of one pair of signals: the exporting pipelines hand it their data through
 * {@code consume}, and it feeds the pipelines its factory was given. {@code shutdown} runs after
 * every pipeline feeding it stopped and before the pipelines it feeds stop, so what it still
 * holds can be flushed downstream.
 */
public interface Connector<D extends SignalData<D, ?>> extends Component, SignalConsumer<D> {
}
