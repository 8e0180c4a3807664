package io.tributary.processor.resourcedetection;

import io.tributary.config.Problems;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The attributes a detector may emit with whether each is on by default (its {@code metadata.yaml}
 * in otelcol), and the {@code resource_attributes} section that turns them on or off.
 */
final class ResourceAttributes {
    private ResourceAttributes() {
    }

    /** A detector's attributes by name, sorted: those in {@code on} enabled by default, those in {@code off} not. */
    static Map<String, Boolean> table(List<String> on, List<String> off) {
        Map<String, Boolean> table = new TreeMap<>();
        on.forEach(name -> table.put(name, true));
        off.forEach(name -> table.put(name, false));
        return Collections.unmodifiableMap(table);
    }

    /**
     * @throws Problems.Invalid at {@code resource_attributes} when it names an attribute the detector does not emit
     */
    static void check(Map<String, Boolean> defaults, Map<String, AttributeToggle> configured) {
        List<String> unknown = configured.keySet().stream().filter(name -> !defaults.containsKey(name)).sorted().toList();
        Problems problems = new Problems();
        problems.when(!unknown.isEmpty(), "resource_attributes", "has invalid keys: " + String.join(", ", unknown)
                + "; valid keys: " + String.join(", ", defaults.keySet()));
        problems.throwIfAny();
    }

    /** The attributes on: each configured one as configured, every other as its default. */
    static Set<String> enabled(Map<String, Boolean> defaults, Map<String, AttributeToggle> configured) {
        Set<String> enabled = new LinkedHashSet<>();
        defaults.forEach((name, byDefault) -> {
            AttributeToggle toggle = configured.get(name);
            if (toggle != null && toggle.enabled() != null ? toggle.enabled() : byDefault) {
                enabled.add(name);
            }
        });
        return enabled;
    }
}
