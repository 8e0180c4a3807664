package io.tributary.core.component;

import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;

/** A {@link SignalProcessor} of traces, the kind most processors are. */
public interface Processor extends SignalProcessor<Traces>, TracesConsumer {
}
