package io.tributary.processor.ottl;

/** A compiled value: a path, literal, function call or arithmetic. */
@FunctionalInterface
interface Getter {
    /** @throws OttlEvaluationException when the value cannot be computed */
    Object get(Target target);
}
