package io.tributary.processor.resourcedetection;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The k8snode detector against fabric8's mock API server in CRUD mode holding this node. */
@EnableKubernetesMockClient(crud = true)
class K8sNodeDetectorTest {
    static KubernetesClient client;
    private final Detecting detecting = new Detecting();
    /** The UID the API server gave the node. */
    private String uid;

    @BeforeEach
    void node() {
        uid = client.resource(new NodeBuilder().withNewMetadata().withName("worker-7").endMetadata().build()).create().getMetadata().getUid();
        detecting.kubernetes(client);
    }

    @AfterEach
    void close() {
        detecting.close();
        client.nodes().withName("worker-7").delete();
    }

    @Test
    void addsTheNodesNameAndUidFromTheApi() throws Exception {
        detecting.env("K8S_NODE_NAME", "worker-7").start("detectors: [k8snode]");

        assertThat(detecting.resourceAfter(attribute("service.name", "a"))).containsExactly(
                attribute("service.name", "a"),
                attribute("k8s.node.uid", uid),
                attribute("k8s.node.name", "worker-7"));
    }

    @Test
    void readsTheNodeNameFromTheConfiguredVariableAndHonoursTheEnableFlags() throws Exception {
        detecting.env("MY_NODE", "worker-7").start("""
                detectors: [k8snode]
                k8snode: {node_from_env_var: MY_NODE, auth_type: kubeConfig, resource_attributes: {k8s.node.uid: {enabled: false}}}
                """);

        assertThat(detecting.resourceAfter()).containsExactly(attribute("k8s.node.name", "worker-7"));
    }

    @Test
    void cannotBeCreatedWithoutTheNodeName() {
        assertThatThrownBy(() -> detecting.start("detectors: [k8snode]"))
                .hasMessageContaining("node name can't be found").hasMessageContaining("K8S_NODE_NAME");
    }

    @Test
    void aNodeTheApiDoesNotHaveFailsTheStart() {
        detecting.env("K8S_NODE_NAME", "worker-9");

        assertThatThrownBy(() -> detecting.start("{detectors: [k8snode], timeout: 100ms}"))
                .hasMessageContaining("k8snode: failed getting k8s node UID: nodes \"worker-9\" not found");
    }
}
