package io.tributary.processor.ottl;

import io.tributary.config.FromString;

/** An item of {@code metrics.metric}: a condition of the metric context. */
public final class MetricCondition extends ContextCondition {
    private MetricCondition(String text) {
        super(text, OttlContext.METRIC);
    }

    /** @throws OttlException naming the unsupported or malformed construct and its column */
    @FromString
    public static MetricCondition parse(String text) {
        return new MetricCondition(text);
    }
}
