package io.tributary.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A Kubernetes API server for benches and the lab: fabric8's mock server in CRUD mode on
 * loopback (plain HTTP, no authentication), holding one node, a few namespaces and pods, and a
 * kubeconfig file that points at it. The pod the load generator is seen as, by its connection's
 * address 127.0.0.1, is the leaf of a Deployment → ReplicaSet → Pod chain, so k8sattributes
 * (otelcol's or Tributary's, with {@code auth_type: kubeConfig}) has every owner to resolve.
 *
 * <pre>java -cp bench/target/tributary-bench.jar io.tributary.bench.FakeKubeApi --port 6443 --kubeconfig /tmp/kubeconfig</pre>
 *
 * Prints {@code ready} once the objects exist and the kubeconfig is written, then serves until killed.
 */
public final class FakeKubeApi implements AutoCloseable {
    /** The node every pod runs on; an agent's {@code K8S_NODE_NAME}. */
    static final String NODE = "bench-node";
    static final String NAMESPACE = "shop";
    /** The pod whose IP is loopback: the one a load generator on this machine is taken for. */
    static final String LOOPBACK_POD = "checkout-5d8f7c9b6f-x7k2p";

    private final KubernetesMockServer server;

    FakeKubeApi(int port) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ApiServerDispatcher(NODE), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        try (KubernetesClient client = server.createClient()) {
            populate(client);
        }
    }

    /** The API server's address, {@code http://127.0.0.1:port}. */
    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A kubeconfig whose current context is this server, with no credentials. */
    void writeKubeconfig(Path file) throws IOException {
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: fake
                    cluster:
                      server: %s
                users:
                  - name: anonymous
                    user: {}
                contexts:
                  - name: fake
                    context:
                      cluster: fake
                      user: anonymous
                      namespace: default
                current-context: fake
                """.formatted(url()));
    }

    @Override
    public void close() {
        server.destroy();
    }

    private static void populate(KubernetesClient client) {
        client.resource(new NodeBuilder().withNewMetadata().withName(NODE).addToLabels("kubernetes.io/hostname", NODE)
                .endMetadata().build()).create();
        // kube-system's UID is the cluster's (k8s.cluster.uid). The mock gives every object its UID.
        for (String namespace : new String[] {"default", "kube-system", NAMESPACE}) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        }

        var deployment = client.resource(new DeploymentBuilder().withNewMetadata().withName("checkout").withNamespace(NAMESPACE)
                .endMetadata().build()).create();
        var replicaSet = client.resource(new ReplicaSetBuilder().withNewMetadata().withName("checkout-5d8f7c9b6f").withNamespace(NAMESPACE)
                .withOwnerReferences(controller(deployment)).endMetadata().build()).create();
        client.resource(pod(LOOPBACK_POD, NAMESPACE, "127.0.0.1", controller(replicaSet), "checkout", "ghcr.io/shop/checkout:1.4.2")).create();
        client.resource(pod("checkout-5d8f7c9b6f-q9w4z", NAMESPACE, "10.244.0.12", controller(replicaSet), "checkout",
                "ghcr.io/shop/checkout:1.4.2")).create();

        var statefulSet = client.resource(new StatefulSetBuilder().withNewMetadata().withName("cart-db").withNamespace(NAMESPACE)
                .endMetadata().build()).create();
        client.resource(pod("cart-db-0", NAMESPACE, "10.244.0.13", controller(statefulSet), "postgres", "postgres:16.4")).create();

        var daemonSet = client.resource(new DaemonSetBuilder().withNewMetadata().withName("node-exporter").withNamespace("kube-system")
                .endMetadata().build()).create();
        client.resource(pod("node-exporter-8hx2m", "kube-system", "10.244.0.14", controller(daemonSet), "node-exporter",
                "quay.io/prometheus/node-exporter:v1.8.2")).create();
    }

    private static Pod pod(String name, String namespace, String ip, OwnerReference owner, String container, String image) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withOwnerReferences(owner)
                .addToLabels("app.kubernetes.io/name", container).endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName(container).withImage(image).endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).addNewPodIP(ip).withHostIP("127.0.0.1")
                .withStartTime("2026-01-05T08:00:00Z")
                .addNewContainerStatus().withName(container).withImage(image).withContainerID("containerd://" + name.replaceAll("[^a-z0-9]", ""))
                .withReady(true).withRestartCount(0).endContainerStatus()
                .endStatus().build();
    }

    private static OwnerReference controller(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true).build();
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args, Map.of("port", "0", "kubeconfig", "kubeconfig.yaml"));
        FakeKubeApi api = new FakeKubeApi(flags.integer("port"));
        api.writeKubeconfig(Path.of(flags.string("kubeconfig")));
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        System.out.println("fake Kubernetes API at " + api.url() + ", kubeconfig " + flags.string("kubeconfig"));
        System.out.println("ready");
        Thread.currentThread().join();
    }
}
