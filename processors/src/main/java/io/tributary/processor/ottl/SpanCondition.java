package io.tributary.processor.ottl;

import io.tributary.config.FromString;

/** An item of {@code traces.span}: a condition of the span context. */
public final class SpanCondition extends ContextCondition {
    private SpanCondition(String text) {
        super(text, OttlContext.SPAN);
    }

    /** @throws OttlException naming the unsupported or malformed construct and its column */
    @FromString
    public static SpanCondition parse(String text) {
        return new SpanCondition(text);
    }
}
