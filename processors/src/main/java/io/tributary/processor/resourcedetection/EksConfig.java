package io.tributary.processor.resourcedetection;

import java.util.List;
import java.util.Map;

/**
 * The {@code eks} detector's section: its {@code resource_attributes} and the environment variable
 * holding the node's name ({@code node_from_env_var}, no default), used when IMDS cannot be reached.
 */
public record EksConfig(Map<String, AttributeToggle> resourceAttributes, String nodeFromEnvVar) {

    static final Map<String, Boolean> ATTRIBUTES = ResourceAttributes.table(List.of("cloud.platform", "cloud.provider"),
            List.of("cloud.account.id", "cloud.availability_zone", "cloud.region", "host.id", "host.image.id", "host.name", "host.type",
                    "k8s.cluster.name"));
    // After ATTRIBUTES, which its construction checks against.
    public static final EksConfig DEFAULT = new EksConfig(Map.of(), "");

    public EksConfig {
        resourceAttributes = resourceAttributes == null ? Map.of() : Map.copyOf(resourceAttributes);
        nodeFromEnvVar = nodeFromEnvVar == null ? "" : nodeFromEnvVar;
        ResourceAttributes.check(ATTRIBUTES, resourceAttributes);
    }
}
