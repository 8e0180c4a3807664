package io.tributary.processor.filter;

import io.tributary.config.FromString;
import io.tributary.processor.ottl.ErrorMode;
import java.util.List;
import java.util.Set;

/**
 * One item of {@code metric_conditions}, {@code log_conditions} or {@code profile_conditions}
 * (otelcol's ContextConditions): a string (basic style) or {@code {context, conditions,
 * error_mode}} (advanced style). Like the {@code metrics} and {@code logs} sections these never
 * run in Tributary; their syntax and context name are checked.
 */
record InferredConditions(String context, List<SyntaxCheckedCondition> conditions, ErrorMode errorMode) {
    InferredConditions {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    @FromString
    public static InferredConditions parse(String condition) {
        return new InferredConditions(null, List.of(SyntaxCheckedCondition.parse(condition)), null);
    }

    /** @throws IllegalArgumentException when {@code context} is given and is not one of the signal's */
    void requireContextIn(Set<String> contexts) {
        if (context != null && !contexts.contains(context)) {
            throw new IllegalArgumentException("unknown context '" + context + "'; expected one of " + contexts.stream().sorted().toList());
        }
    }
}
