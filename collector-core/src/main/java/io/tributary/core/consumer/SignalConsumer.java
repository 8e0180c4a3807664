package io.tributary.core.consumer;

import io.tributary.core.data.SignalData;

/**
 * Whatever takes a signal's data next: a processor, an exporter, or a fan-out to several. One
 * interface for the three signals, so that fan-outs, queues and the processor helper are written
 * once; {@link TracesConsumer} is its traces flavour, kept as the name most components use.
 *
 * <p>The contract: returning normally means the data is accepted and now the callee's
 * responsibility (delivered, or counted as dropped in a metric). A {@link RetryableException}
 * is back-pressure: nothing was kept, the client should retry. A {@link PermanentException}
 * means the data is bad and must not be retried. A callee may block (an exporter without a
 * queue sends synchronously), so callers on a Netty event loop hand work to a worker pool.
 * Implementations must not mutate the data they are given: a fan-out shares it.
 *
 * @param <D> {@link io.tributary.core.data.Traces}, {@link io.tributary.core.data.Metrics} or
 *     {@link io.tributary.core.data.Logs}
 */
@FunctionalInterface
public interface SignalConsumer<D extends SignalData<D, ?>> {
    void consume(D data);
}
