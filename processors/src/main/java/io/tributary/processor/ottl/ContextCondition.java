package io.tributary.processor.ottl;

/**
 * A config value holding an OTTL condition whose context is fixed by where the config puts it
 * ({@code traces.span}, {@code metrics.datapoint}, {@code logs.log_record}, a signal's
 * {@code resource}). Each subclass is bound from a YAML string, so a bad condition is reported at
 * its own key path and line.
 */
public abstract sealed class ContextCondition permits ResourceCondition, SpanCondition, SpanEventCondition, MetricCondition,
        DataPointCondition, LogCondition {
    private final OttlCondition condition;

    ContextCondition(String text, OttlContext context) {
        this.condition = OttlCondition.parse(text, context);
    }

    public final OttlCondition condition() {
        return condition;
    }

    @Override
    public final String toString() {
        return condition.text();
    }
}
