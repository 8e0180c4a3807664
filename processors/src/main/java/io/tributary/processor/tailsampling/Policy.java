package io.tributary.processor.tailsampling;

/**
 * One sampling policy's evaluator. The processor serializes evaluations, so stateful policies
 * (rate limits) need no locking. A runtime exception is a policy error: otelcol counts it and
 * decides without that policy.
 */
@FunctionalInterface
interface Policy {
    Decision evaluate(TraceView trace);
}
