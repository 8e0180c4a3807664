package io.tributary.processor.ottl;

import io.tributary.config.FromString;

/** An item of {@code traces.resource}, {@code metrics.resource} or {@code logs.resource}: a condition of the resource context. */
public final class ResourceCondition extends ContextCondition {
    private ResourceCondition(String text) {
        super(text, OttlContext.RESOURCE);
    }

    /** @throws OttlException naming the unsupported or malformed construct and its column */
    @FromString
    public static ResourceCondition parse(String text) {
        return new ResourceCondition(text);
    }
}
