package io.tributary.processor.resourcedetection;

import java.util.List;
import java.util.Map;

/**
 * The {@code gcp} detector's section: the GCE instance labels to add ({@code labels}, regular
 * expressions over label keys) and its {@code resource_attributes}.
 */
public record GcpConfig(List<String> labels, Map<String, AttributeToggle> resourceAttributes) {

    static final Map<String, Boolean> ATTRIBUTES = ResourceAttributes.table(List.of("cloud.account.id", "cloud.availability_zone",
            "cloud.platform", "cloud.provider", "cloud.region", "faas.instance", "faas.name", "faas.version",
            "gcp.cloud_run.job.execution", "gcp.cloud_run.job.task_index", "gcp.gce.instance_group_manager.name",
            "gcp.gce.instance_group_manager.region", "gcp.gce.instance_group_manager.zone", "host.id", "host.name", "host.type",
            "k8s.cluster.name"), List.of("gcp.gce.instance.hostname", "gcp.gce.instance.name"));
    // After ATTRIBUTES, which its construction checks against.
    public static final GcpConfig DEFAULT = new GcpConfig(List.of(), Map.of());

    public GcpConfig {
        labels = labels == null ? List.of() : List.copyOf(labels);
        resourceAttributes = resourceAttributes == null ? Map.of() : Map.copyOf(resourceAttributes);
        KeyPatterns.compile("labels", labels);
        ResourceAttributes.check(ATTRIBUTES, resourceAttributes);
    }
}
