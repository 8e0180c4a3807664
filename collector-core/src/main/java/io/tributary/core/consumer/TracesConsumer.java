package io.tributary.core.consumer;

import io.tributary.core.data.Traces;

/**
 * Whatever takes traces next: a processor, an exporter, or a fan-out to several.
 *
 * <p>The contract: returning normally means the data is accepted and now the callee's
 * responsibility (delivered, or counted as dropped in a metric). A {@link RetryableException}
 * is back-pressure: nothing was kept, the client should retry. A {@link PermanentException}
 * means the data is bad and must not be retried. A callee may block (an exporter without a
 * queue sends synchronously), so callers on a Netty event loop hand work to a worker pool.
 * Implementations must not mutate the {@link Traces} they are given: a fan-out shares it.
 */
@FunctionalInterface
public interface TracesConsumer {
    void consume(Traces traces);
}
