package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FakeKubeApi over HTTP as client-go asks it (plain requests, Accept protobuf first), and through
 * the kubeconfig it writes with fabric8's client: the pod at 127.0.0.1 and its owners.
 */
class FakeKubeApiTest {
    /** client-go's Accept for typed clients: protobuf, then JSON. */
    private static final String CLIENT_GO_ACCEPT = "application/vnd.kubernetes.protobuf, */*";

    /** HTTP/1.1 as client-go's, without the JDK's h2c upgrade headers. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeKubeApi api;

    @BeforeAll
    static void start() {
        api = new FakeKubeApi(0);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void listsAreTypedAsTheApiServerTypesThemAndSayJson() throws Exception {
        HttpResponse<String> pods = get("/api/v1/pods?limit=500&resourceVersion=0");
        assertThat(pods.statusCode()).isEqualTo(200);
        assertThat(pods.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode podList = JSON.readTree(pods.body());
        assertThat(podList.path("kind").asText()).isEqualTo("PodList");
        assertThat(podList.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(podList.path("metadata").path("resourceVersion").asText()).isNotEmpty();

        JsonNode replicaSets = JSON.readTree(get("/apis/apps/v1/replicasets").body());
        assertThat(replicaSets.path("kind").asText()).isEqualTo("ReplicaSetList");
        assertThat(replicaSets.path("apiVersion").asText()).isEqualTo("apps/v1");
    }

    @Test
    void theNodeFieldSelectorMatchesTheFakesOneNode() throws Exception {
        assertThat(podNames(get("/api/v1/pods?fieldSelector=spec.nodeName%3D" + FakeKubeApi.NODE)))
                .contains(FakeKubeApi.LOOPBACK_POD).hasSize(4);
        assertThat(podNames(get("/api/v1/pods?fieldSelector=spec.nodeName%3Dother-node"))).isEmpty();
        assertThat(podNames(get("/api/v1/namespaces/" + FakeKubeApi.NAMESPACE + "/pods?fieldSelector=spec.nodeName%3D"
                + FakeKubeApi.NODE + ",metadata.name%3Dcart-db-0"))).containsExactly("cart-db-0");
    }

    @Test
    void watchListIsRefusedAsByAnApiServerWithoutTheFeature() throws Exception {
        HttpResponse<String> watch = get("/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"
                + "&allowWatchBookmarks=true&timeoutSeconds=300");

        assertThat(watch.statusCode()).isEqualTo(422);
        JsonNode status = JSON.readTree(watch.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("Invalid");
    }

    @Test
    void aPlainHttpWatchEndsWithoutEvents() throws Exception {
        // timeoutSeconds=1: answered a second early, at once.
        HttpResponse<String> watch = get("/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=1&timeoutSeconds=1");

        assertThat(watch.statusCode()).isEqualTo(200);
        assertThat(watch.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(watch.body()).isBlank();
    }

    @Test
    void theKubeconfigLeadsToThePodAtLoopbackAndItsOwners(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        api.writeKubeconfig(kubeconfig);

        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                .build()) {
            Pod pod = client.pods().inNamespace(FakeKubeApi.NAMESPACE).withName(FakeKubeApi.LOOPBACK_POD).get();
            assertThat(pod.getStatus().getPodIP()).isEqualTo("127.0.0.1");
            assertThat(pod.getSpec().getNodeName()).isEqualTo(FakeKubeApi.NODE);
            ReplicaSet replicaSet = client.apps().replicaSets().inNamespace(FakeKubeApi.NAMESPACE)
                    .withName(pod.getMetadata().getOwnerReferences().get(0).getName()).get();
            assertThat(replicaSet.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getKind() + "/" + owner.getName()).isEqualTo("Deployment/checkout"));
            assertThat(client.namespaces().withName("kube-system").get().getMetadata().getUid()).isNotBlank();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + path)).header("Accept", CLIENT_GO_ACCEPT).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> podNames(HttpResponse<String> list) throws Exception {
        assertThat(list.statusCode()).isEqualTo(200);
        return JSON.readTree(list.body()).path("items").findValues("metadata").stream().map(m -> m.path("name").asText()).toList();
    }
}
