package io.tributary.processor.resourcedetection;

import io.tributary.config.Problems;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code k8snode} detector's section: how to reach the Kubernetes API ({@code auth_type},
 * {@code context}, as otelcol's k8sconfig), the environment variable holding this node's name
 * ({@code node_from_env_var}, {@code K8S_NODE_NAME} when empty) and its {@code resource_attributes}.
 */
public record K8sNodeConfig(String authType, String context, String nodeFromEnvVar, Map<String, AttributeToggle> resourceAttributes) {

    static final Map<String, Boolean> ATTRIBUTES = ResourceAttributes.table(List.of("k8s.node.name", "k8s.node.uid"), List.of());
    // After ATTRIBUTES, which its construction checks against.
    public static final K8sNodeConfig DEFAULT = new K8sNodeConfig(KubernetesApi.SERVICE_ACCOUNT, "", "", Map.of());

    public K8sNodeConfig {
        context = context == null ? "" : context;
        nodeFromEnvVar = nodeFromEnvVar == null ? "" : nodeFromEnvVar;
        resourceAttributes = resourceAttributes == null ? Map.of() : Map.copyOf(resourceAttributes);
        Problems problems = new Problems();
        problems.when(!Set.of(KubernetesApi.NONE, KubernetesApi.SERVICE_ACCOUNT, KubernetesApi.KUBE_CONFIG, KubernetesApi.TLS).contains(authType),
                "auth_type", "invalid authType for kubernetes: " + authType);
        problems.throwIfAny();
        ResourceAttributes.check(ATTRIBUTES, resourceAttributes);
    }

    /** The variable naming this node: otelcol's default when none is configured. */
    String nodeNameVariable() {
        return nodeFromEnvVar.isEmpty() ? "K8S_NODE_NAME" : nodeFromEnvVar;
    }
}
