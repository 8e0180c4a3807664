package io.tributary.processor.filter;

import java.util.List;

/**
 * The {@code profiles} section of otelcol's filterprocessor: OTTL conditions of the resource and
 * profile contexts. Checked for syntax so otelcol configs load; no profiles flow through Tributary.
 */
record ProfileFilters(List<SyntaxCheckedCondition> resource, List<SyntaxCheckedCondition> profile) {
    static final ProfileFilters DEFAULT = new ProfileFilters(null, null);

    ProfileFilters {
        resource = resource == null ? List.of() : List.copyOf(resource);
        profile = profile == null ? List.of() : List.copyOf(profile);
    }

    boolean isSet() {
        return !resource.isEmpty() || !profile.isEmpty();
    }
}
