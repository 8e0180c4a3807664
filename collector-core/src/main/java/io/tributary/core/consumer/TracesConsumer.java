package io.tributary.core.consumer;

import io.tributary.core.data.Traces;

/** A {@link SignalConsumer} of traces, under the contract written there. */
@FunctionalInterface
public interface TracesConsumer extends SignalConsumer<Traces> {
}
