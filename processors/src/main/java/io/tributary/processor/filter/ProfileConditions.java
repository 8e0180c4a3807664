package io.tributary.processor.filter;

import io.tributary.config.FromString;
import io.tributary.processor.ottl.ErrorMode;
import java.util.List;
import java.util.Set;

/**
 * One item of {@code profile_conditions} (otelcol's ContextConditions): a string (basic style) or
 * {@code {context, conditions, error_mode}} (advanced style). Like the {@code profiles} section
 * these never run in Tributary, which carries no profiles; their syntax and context name are checked.
 */
record ProfileConditions(String context, List<SyntaxCheckedCondition> conditions, ErrorMode errorMode) {
    private static final Set<String> CONTEXTS = Set.of("resource", "scope", "profile");

    ProfileConditions {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (context != null && !CONTEXTS.contains(context)) {
            throw new IllegalArgumentException("unknown context '" + context + "'; expected one of " + CONTEXTS.stream().sorted().toList());
        }
    }

    @FromString
    public static ProfileConditions parse(String condition) {
        return new ProfileConditions(null, List.of(SyntaxCheckedCondition.parse(condition)), null);
    }
}
