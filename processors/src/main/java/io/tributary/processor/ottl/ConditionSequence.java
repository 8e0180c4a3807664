package io.tributary.processor.ottl;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conditions ORed in order, each with the {@link ErrorMode} that says what its evaluation errors
 * do, as otelcol's ConditionSequence: the first condition that holds decides; a failing one is
 * skipped (and logged, for {@code ignore}) or stops evaluation with an exception
 * ({@code propagate}). Immutable and thread-safe.
 *
 * <p>Evaluate at the depth of the deepest condition or below: {@link #matchesSpan} serves resource,
 * scope and span conditions; {@link #matchesSpanEvent} serves all.
 */
public final class ConditionSequence {
    private static final Logger log = LoggerFactory.getLogger(ConditionSequence.class);
    public static final ConditionSequence EMPTY = new ConditionSequence(List.of(), List.of());

    private final OttlCondition[] conditions;
    private final ErrorMode[] modes;
    private final OttlContext deepest;

    private ConditionSequence(List<OttlCondition> conditions, List<ErrorMode> modes) {
        this.conditions = conditions.toArray(OttlCondition[]::new);
        this.modes = modes.toArray(ErrorMode[]::new);
        OttlContext found = OttlContext.RESOURCE;
        for (OttlCondition condition : conditions) {
            found = condition.context().ordinal() > found.ordinal() ? condition.context() : found;
        }
        this.deepest = found;
    }

    public static ConditionSequence of(List<OttlCondition> conditions, ErrorMode mode) {
        return new ConditionSequence(conditions, conditions.stream().map(c -> mode).toList());
    }

    /** The conditions of each sequence in turn, each keeping its error mode. */
    public static ConditionSequence concat(List<ConditionSequence> sequences) {
        List<OttlCondition> conditions = new ArrayList<>();
        List<ErrorMode> modes = new ArrayList<>();
        for (ConditionSequence sequence : sequences) {
            conditions.addAll(List.of(sequence.conditions));
            modes.addAll(List.of(sequence.modes));
        }
        return new ConditionSequence(conditions, modes);
    }

    public boolean isEmpty() {
        return conditions.length == 0;
    }

    /** @throws OttlEvaluationException when a {@code propagate} condition fails to evaluate */
    public boolean matchesResource(ResourceSpans resource) {
        return matches(new Target(resource, null, null, null), OttlContext.RESOURCE);
    }

    /** @throws OttlEvaluationException when a {@code propagate} condition fails to evaluate */
    public boolean matchesScope(ResourceSpans resource, ScopeSpans scope) {
        return matches(new Target(resource, scope, null, null), OttlContext.SCOPE);
    }

    /** @throws OttlEvaluationException when a {@code propagate} condition fails to evaluate */
    public boolean matchesSpan(ResourceSpans resource, ScopeSpans scope, Span span) {
        return matches(new Target(resource, scope, span, null), OttlContext.SPAN);
    }

    /** @throws OttlEvaluationException when a {@code propagate} condition fails to evaluate */
    public boolean matchesSpanEvent(ResourceSpans resource, ScopeSpans scope, Span span, Span.Event event) {
        return matches(new Target(resource, scope, span, event), OttlContext.SPANEVENT);
    }

    private boolean matches(Target target, OttlContext depth) {
        if (deepest.ordinal() > depth.ordinal()) {
            throw new IllegalStateException("a " + deepest.configName() + " condition cannot be evaluated on a " + depth.configName());
        }
        for (int i = 0; i < conditions.length; i++) {
            try {
                if (conditions[i].test(target)) {
                    return true;
                }
            } catch (OttlEvaluationException e) {
                switch (modes[i]) {
                    case PROPAGATE -> throw new OttlEvaluationException("failed to eval condition: " + conditions[i].text() + ", " + e.getMessage());
                    case IGNORE -> log.warn("failed to eval condition, ignoring it: {}: {}", conditions[i].text(), e.getMessage());
                    case SILENT -> {
                        // As otelcol: the condition counts as false, quietly.
                    }
                }
            }
        }
        return false;
    }
}
