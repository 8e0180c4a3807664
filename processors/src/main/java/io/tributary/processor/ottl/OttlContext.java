package io.tributary.processor.ottl;

import java.util.Locale;

/**
 * The OTTL contexts of trace data, shallow to deep: a condition in a context reads its own fields
 * and those of the contexts above it ({@code span} conditions read {@code resource.attributes}).
 */
public enum OttlContext {
    RESOURCE, SCOPE, SPAN, SPANEVENT;

    /** The name a path starts with to address this context, and the {@code context:} key's value. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The context a path's first segment names, or null: {@code instrumentation_scope} is the older name of {@code scope}. */
    static OttlContext named(String segment) {
        return switch (segment) {
            case "resource" -> RESOURCE;
            case "scope", "instrumentation_scope" -> SCOPE;
            case "span" -> SPAN;
            case "spanevent" -> SPANEVENT;
            default -> null;
        };
    }
}
