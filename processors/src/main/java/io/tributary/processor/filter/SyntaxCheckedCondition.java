package io.tributary.processor.filter;

import io.tributary.config.FromString;
import io.tributary.processor.ottl.OttlCondition;

/**
 * An OTTL condition of the profiles settings ({@code profiles.resource}, {@code profiles.profile},
 * {@code profile_conditions}). Tributary carries no profiles, so these conditions never run; their
 * syntax is checked when the config is bound, so that a typo is reported with its line as otelcol
 * would report it.
 */
record SyntaxCheckedCondition(String text) {
    @FromString
    public static SyntaxCheckedCondition parse(String text) {
        OttlCondition.checkSyntax(text);
        return new SyntaxCheckedCondition(text);
    }
}
