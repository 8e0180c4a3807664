package io.tributary.processor.ottl;

import io.tributary.config.FromString;

/** An item of {@code traces.spanevent}: a condition of the spanevent context. */
public final class SpanEventCondition extends ContextCondition {
    private SpanEventCondition(String text) {
        super(text, OttlContext.SPANEVENT);
    }

    /** @throws OttlException naming the unsupported or malformed construct and its column */
    @FromString
    public static SpanEventCondition parse(String text) {
        return new SpanEventCondition(text);
    }
}
