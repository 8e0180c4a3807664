package io.tributary.processor.filter;

import io.tributary.config.FromString;
import io.tributary.processor.ottl.ErrorMode;
import io.tributary.processor.ottl.OttlCondition;
import io.tributary.processor.ottl.OttlContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
     * As otelcol's parser collection of the signal checks a group: a given context must be one of
     * the signal's, and so must the context each condition is inferred to run in.
     *
     * @throws IllegalArgumentException in otelcol's words when a context is not one of {@code contexts}
     */
    void checkContexts(Set<OttlContext> contexts) {
        if (context != null && !contexts.contains(context)) {
            throw new IllegalArgumentException("unknown context \"" + context.configName() + "\" for conditions: "
                    + conditions.stream().collect(Collectors.joining(" ", "[", "]")));
        }
        for (OttlCondition condition : compiled()) {
            if (!contexts.contains(condition.context())) {
                throw new IllegalArgumentException("context \"" + condition.context().configName() + "\" inferred from the conditions [\""
                        + condition.text().replace("\"", "\\\"") + "\"] is not a supported context: " + contexts.stream()
                        .sorted(Comparator.comparing(c -> c.depth() < 2))
                        .map(c -> "\"" + c.configName() + "\"").collect(Collectors.joining(" ", "[", "]")));
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
