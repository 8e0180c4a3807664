package io.tributary.processor.resourcedetection;

import java.util.List;
import java.util.Map;

/**
 * The {@code azure} detector's section: the VM tags to add ({@code tags}, regular expressions over
 * tag names) and its {@code resource_attributes}.
 */
public record AzureConfig(List<String> tags, Map<String, AttributeToggle> resourceAttributes) {

    static final Map<String, Boolean> ATTRIBUTES = ResourceAttributes.table(List.of("azure.resourcegroup.name", "azure.vm.name",
            "azure.vm.scaleset.name", "azure.vm.size", "cloud.account.id", "cloud.platform", "cloud.provider", "cloud.region", "host.id",
            "host.name"), List.of("cloud.availability_zone"));
    // After ATTRIBUTES, which its construction checks against.
    public static final AzureConfig DEFAULT = new AzureConfig(List.of(), Map.of());

    public AzureConfig {
        tags = tags == null ? List.of() : List.copyOf(tags);
        resourceAttributes = resourceAttributes == null ? Map.of() : Map.copyOf(resourceAttributes);
        KeyPatterns.compile("tags", tags);
        ResourceAttributes.check(ATTRIBUTES, resourceAttributes);
    }
}
