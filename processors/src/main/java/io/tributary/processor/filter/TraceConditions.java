package io.tributary.processor.filter;

import io.tributary.config.FromString;
import io.tributary.processor.ottl.ErrorMode;
import io.tributary.processor.ottl.OttlCondition;
import io.tributary.processor.ottl.OttlContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of {@code trace_conditions} (otelcol's ContextConditions). Written as a string (the
 * basic style) it is a single condition whose context is inferred from its paths; written as a
 * map (the advanced style) it has {@code conditions}, an optional {@code context} in which
 * unprefixed paths are read (without one, each condition's context is inferred), and an optional
 * {@code error_mode} overriding the processor's.
 */
record TraceConditions(OttlContext context, List<String> conditions, ErrorMode errorMode) {
    TraceConditions {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        compile(context, conditions);
    }

    /** The basic style: the condition's own problems are reported at the item, without an index. */
    @FromString
    public static TraceConditions parse(String condition) {
        OttlCondition.infer(condition);
        return new TraceConditions(null, List.of(condition), null);
    }

    List<OttlCondition> compiled() {
        return compile(context, conditions);
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
