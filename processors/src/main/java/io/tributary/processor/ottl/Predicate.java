package io.tributary.processor.ottl;

/** A compiled boolean expression. */
@FunctionalInterface
interface Predicate {
    /** @throws OttlEvaluationException when an operand cannot be computed */
    boolean test(Target target);
}
