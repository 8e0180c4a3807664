package io.tributary.core.consumer;

import io.tributary.core.data.Traces;

/** A {@link SignalConsumer} of traces, under the contract written there. */
@FunctionalInterface
public interface TracesConsumer extends SignalConsumer<Traces> {
    /** {@code consumer} itself when it is a {@code TracesConsumer} already, else one calling it. */
    static TracesConsumer of(SignalConsumer<Traces> consumer) {
        return consumer instanceof TracesConsumer traces ? traces : consumer::consume;
    }
}
