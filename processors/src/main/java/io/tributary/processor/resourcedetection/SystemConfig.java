package io.tributary.processor.resourcedetection;

import io.tributary.config.Problems;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code system} detector's section: where the host name comes from, tried in order
 * ({@code hostname_sources}, default {@code [dns, os]}), and its {@code resource_attributes}.
 */
public record SystemConfig(List<String> hostnameSources, Map<String, AttributeToggle> resourceAttributes) {

    static final Set<String> HOSTNAME_SOURCES = Set.of("os", "dns", "cname", "lookup");
    static final Map<String, Boolean> ATTRIBUTES = ResourceAttributes.table(List.of("host.name", "os.type"),
            List.of("host.arch", "host.cpu.cache.l2.size", "host.cpu.family", "host.cpu.model.id", "host.cpu.model.name",
                    "host.cpu.stepping", "host.cpu.vendor.id", "host.id", "host.interface", "host.ip", "host.mac", "os.build.id",
                    "os.description", "os.name", "os.version"));
    // After ATTRIBUTES, which its construction checks against.
    public static final SystemConfig DEFAULT = new SystemConfig(List.of(), Map.of());

    public SystemConfig {
        hostnameSources = hostnameSources == null ? List.of() : List.copyOf(hostnameSources);
        resourceAttributes = resourceAttributes == null ? Map.of() : Map.copyOf(resourceAttributes);
        Problems problems = new Problems();
        hostnameSources.stream().filter(source -> !HOSTNAME_SOURCES.contains(source)).findFirst().ifPresent(source ->
                problems.add("hostname_sources", "hostname_sources contains invalid value: \"" + source + "\""));
        problems.throwIfAny();
        ResourceAttributes.check(ATTRIBUTES, resourceAttributes);
    }

    /** The sources to try: otelcol's default when none is configured. */
    List<String> sources() {
        return hostnameSources.isEmpty() ? List.of("dns", "os") : hostnameSources;
    }
}
