package io.tributary.processor.ottl;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
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
 * <p>Evaluate at the depth of the deepest condition or below: {@link #matchesItem} (a span, metric
 * or log record) serves resource, scope and item conditions; {@link #matchesPart} (a span event or
 * data point) serves all.
 */
public final class ConditionSequence {
    private static final Logger log = LoggerFactory.getLogger(ConditionSequence.class);
    public static final ConditionSequence EMPTY = new ConditionSequence(List.of(), List.of());

    private final OttlCondition[] conditions;
    private final ErrorMode[] modes;
    /** The depth of the deepest condition ({@link OttlContext#depth}). */
    private final int deepest;

    private ConditionSequence(List<OttlCondition> conditions, List<ErrorMode> modes) {
        this.conditions = conditions.toArray(OttlCondition[]::new);
        this.modes = modes.toArray(ErrorMode[]::new);
        int found = 0;
        for (OttlCondition condition : conditions) {
            found = Math.max(found, condition.context().depth());
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
    public boolean matchesResource(Resource resource) {
        return matches(new Target(resource, null, null, null), 0);
    }

    /** @throws OttlEvaluationException when a {@code propagate} condition fails to evaluate */
    public boolean matchesScope(Resource resource, InstrumentationScope scope) {
        return matches(new Target(resource, scope, null, null), 1);
    }

    /**
     * @param item a {@code Span}, {@code Metric} or {@code LogRecord}
     * @throws OttlEvaluationException when a {@code propagate} condition fails to evaluate
     */
    public boolean matchesItem(Resource resource, InstrumentationScope scope, Message item) {
        return matches(new Target(resource, scope, item, null), 2);
    }

    /**
     * @param part a {@code Span.Event} of the span, or a data point of the metric
     * @throws OttlEvaluationException when a {@code propagate} condition fails to evaluate
     */
    public boolean matchesPart(Resource resource, InstrumentationScope scope, Message item, Message part) {
        return matches(new Target(resource, scope, item, part), 3);
    }

    private boolean matches(Target target, int depth) {
        if (deepest > depth) {
            throw new IllegalStateException("a condition " + deepest + " levels deep cannot be evaluated " + depth + " levels deep");
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
