package io.tributary.processor.ottl;

import io.tributary.config.FromString;

/** An item of {@code metrics.datapoint}: a condition of the datapoint context. */
public final class DataPointCondition extends ContextCondition {
    private DataPointCondition(String text) {
        super(text, OttlContext.DATAPOINT);
    }

    /** @throws OttlException naming the unsupported or malformed construct and its column */
    @FromString
    public static DataPointCondition parse(String text) {
        return new DataPointCondition(text);
    }
}
