package io.tributary.processor.ottl;

import io.tributary.config.FromString;

/** An item of {@code logs.log_record}: a condition of the log context. */
public final class LogCondition extends ContextCondition {
    private LogCondition(String text) {
        super(text, OttlContext.LOG);
    }

    /** @throws OttlException naming the unsupported or malformed construct and its column */
    @FromString
    public static LogCondition parse(String text) {
        return new LogCondition(text);
    }
}
