package io.tributary.processor.k8sattributes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * A fake Kubernetes API server (fabric8's mock in CRUD mode, over HTTPS as in a cluster) and the
 * objects the k8sattributes tests create in it; {@link #env()} points the processor at it the
 * way a pod's environment does.
 */
final class KubeFixture implements AutoCloseable {
    static final String DIGEST = "sha256:" + "ab".repeat(32);

    final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            new KubernetesCrudDispatcher(), true);
    private NamespacedKubernetesClient client;

    /** Starts on an ephemeral port of 127.0.0.1. */
    KubeFixture start() throws UnknownHostException {
        return start(0);
    }

    KubeFixture start(int port) throws UnknownHostException {
        server.init(InetAddress.getByName("127.0.0.1"), port);
        client = server.createClient();
        return this;
    }

    int port() {
        return server.getPort();
    }

    /** {@code KUBERNETES_SERVICE_HOST} and {@code _PORT} of a pod in this cluster. */
    Map<String, String> env() {
        return env(port());
    }

    static Map<String, String> env(int port) {
        return Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", Integer.toString(port));
    }

    NamespacedKubernetesClient client() {
        return client;
    }

    /** A pod of namespace shop on node-1; the fake server gives it its UID and creation time. */
    static PodBuilder pod(String name, String ip) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().withNodeName("node-1")
                .addNewContainer().withName("app").withImage("registry.example:5000/shop/web:1.4.2").endContainer()
                .endSpec()
                .withNewStatus().withPodIP(ip).withStartTime("2026-01-01T00:00:05Z")
                .addNewContainerStatus().withName("app").withContainerID("containerd://c0ffee").withRestartCount(0)
                .withImageID("registry.example:5000/shop/web@" + DIGEST).endContainerStatus()
                .endStatus();
    }

    /** A pod owned by ReplicaSet {@code web-7d4b9c8f6d} (of UID {@code replicaSetUid}), itself owned by Deployment {@code web}. */
    static PodBuilder deploymentPod(String name, String replicaSetUid, String ip) {
        return pod(name, ip).editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1")
                .withKind("ReplicaSet").withName("web-7d4b9c8f6d").withUid(replicaSetUid).withController(true).build()).endMetadata();
    }

    /** Creates ReplicaSet {@code web-7d4b9c8f6d} of Deployment {@code web}; returns its UID. */
    String createReplicaSet() {
        return client.apps().replicaSets().inNamespace("shop").resource(replicaSet()).create().getMetadata().getUid();
    }

    private static ReplicaSet replicaSet() {
        return new ReplicaSetBuilder().withNewMetadata().withName("web-7d4b9c8f6d").withNamespace("shop").withUid("rs-uid")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment").withName("web")
                        .withUid("deploy-uid").withController(true).build())
                .endMetadata().build();
    }

    static Namespace namespace(String name, String uid) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withUid(uid).addToLabels("team", "checkout").endMetadata().build();
    }

    static Node node() {
        return new NodeBuilder().withNewMetadata().withName("node-1").withUid("node-uid").addToLabels("topology.kubernetes.io/zone", "z1")
                .endMetadata().build();
    }

    Pod create(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    void delete(String namespace, String name) {
        client.pods().inNamespace(namespace).withName(name).delete();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        server.destroy();
    }
}
