package io.tributary.processor.filter;

import io.tributary.config.FromString;
import io.tributary.processor.ottl.ErrorMode;
import io.tributary.processor.ottl.OttlCondition;
import io.tributary.processor.ottl.OttlContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One item of {@code trace_conditions}, {@code metric_conditions} or {@code log_conditions}
 * (otelcol's ContextConditions). Written as a string (the basic style) it is a single condition
 * whose context is inferred from its paths; written as a map (the advanced style) it has
 * {@code conditions}, an optional {@code context} in which unprefixed paths are read (without one,
 * each condition's context is inferred), and an optional {@code error_mode} overriding the
 * processor's. Which contexts a signal has is checked by the list holding it ({@link #checkContexts}).
 */
record ContextConditions(OttlContext context, List<String> conditions, ErrorMode errorMode) {
    ContextConditions {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        compile(context, conditions);
    }

    /** The basic style: the condition's own problems are reported at the item, without an index. */
    @FromString
    public static ContextConditions parse(String condition) {
        OttlCondition.infer(condition);
        return new ContextConditions(null, List.of(condition), null);
    }

    List<OttlCondition> compiled() {
        return compile(context, conditions);
    }

    /**
     * @param signal   the signal's name, for the message: {@code traces}, {@code metrics}, {@code logs}
     * @throws IllegalArgumentException when the group's context, or a condition's inferred one, is not one of {@code contexts}
     */
    void checkContexts(String signal, Set<OttlContext> contexts) {
        List<String> expected = contexts.stream().map(OttlContext::configName).sorted().toList();
        if (context != null && !contexts.contains(context)) {
            throw new IllegalArgumentException("unknown context '" + context.configName() + "' for " + signal + "; expected one of " + expected);
        }
        List<OttlCondition> compiled = compiled();
        for (int i = 0; i < compiled.size(); i++) {
            OttlContext inferred = compiled.get(i).context();
            if (!contexts.contains(inferred)) {
                throw new IllegalArgumentException((conditions.size() > 1 || context != null ? "conditions[" + i + "]: " : "")
                        + "the condition's context is " + inferred.configName() + ", not one of the contexts of " + signal
                        + ": " + expected);
            }
        }
    }

    private static List<OttlCondition> compile(OttlContext context, List<String> conditions) {
        List<OttlCondition> compiled = new ArrayList<>(conditions.size());
        for (int i = 0; i < conditions.size(); i++) {
            String text = conditions.get(i);
            try {
                compiled.add(context == null ? OttlCondition.infer(text) : OttlCondition.parse(text, context));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("conditions[" + i + "]: " + e.getMessage(), e);
            }
        }
        return compiled;
    }
}
