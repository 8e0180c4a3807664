package io.tributary.processor.resourcedetection;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.util.List;

/**
 * The {@code k8snode} detector: this node's name and UID, read from the Node object the API
 * server holds under the name in {@code node_from_env_var}. As otelcol, it cannot be created
 * without that variable, and a node the API does not give is an error.
 */
final class K8sNodeDetector implements Detector {
    static final String TYPE = "k8snode";

    private final K8sNodeConfig config;
    private final String nodeName;
    private final KubernetesClient client;

    K8sNodeDetector(K8sNodeConfig config, Surroundings surroundings) {
        this.config = config;
        this.nodeName = surroundings.variable(config.nodeNameVariable());
        if (nodeName.isEmpty()) {
            throw new IllegalArgumentException("failed creating detector type \"k8snode\": node name can't be found. "
                    + "Set the " + config.nodeNameVariable() + " environment variable (node_from_env_var) to the node's name, "
                    + "e.g. from the downward API's spec.nodeName");
        }
        this.client = surroundings.kubernetes().connect(config.authType(), config.context(), surroundings.env());
    }

    @Override
    public List<KeyValue> detect(Deadline deadline) throws Exception {
        Node node;
        try {
            node = client.nodes().withName(nodeName).get();
        } catch (RuntimeException e) {
            throw new IOException("failed getting k8s node: " + e.getMessage(), e);
        }
        if (node == null) {
            throw new IOException("failed getting k8s node UID: nodes \"" + nodeName + "\" not found");
        }
        return new ResourceBuilder(ResourceAttributes.enabled(K8sNodeConfig.ATTRIBUTES, config.resourceAttributes()))
                .put("k8s.node.uid", node.getMetadata().getUid())
                .put("k8s.node.name", node.getMetadata().getName())
                .build();
    }

    @Override
    public void close() {
        client.close();
    }
}
