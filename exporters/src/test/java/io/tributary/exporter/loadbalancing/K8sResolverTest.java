package io.tributary.exporter.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.exporter.loadbalancing.LoadBalancingExporterConfig.K8sResolverConfig;
import io.tributary.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The k8s resolver against fabric8's mock API server in CRUD mode (a real HTTP server with watches). */
@EnableKubernetesMockClient(crud = true)
class K8sResolverTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    static KubernetesClient client;

    private final List<List<String>> answers = new CopyOnWriteArrayList<>();
    private K8sResolver resolver;

    @AfterEach
    void stop() {
        if (resolver != null) {
            resolver.shutdown();
        }
    }

    @Test
    void answersTheReadyAddressesOfTheServicesSlicesOnEveryPortAndFollowsChanges() throws Exception {
        client.resource(slice("gateways-abc", "gateways", endpoint("10.1.0.7", true), endpoint("10.1.0.3", null),
                endpoint("10.1.0.9", false))).create();
        client.resource(slice("other-xyz", "other", endpoint("10.9.9.9", true))).create();
        resolver = start(new K8sResolverConfig("gateways.observability", List.of(4317, 5317), Duration.ofSeconds(5), false));

        Await.until(() -> !answers.isEmpty(), WAIT, () -> "a first answer");
        assertThat(last()).containsExactly("10.1.0.3:4317", "10.1.0.3:5317", "10.1.0.7:4317", "10.1.0.7:5317");

        client.resource(slice("gateways-abc", "gateways", endpoint("10.1.0.7", true), endpoint("10.1.0.9", true))).update();
        Await.until(() -> last().size() == 4 && last().contains("10.1.0.9:4317"), WAIT, () -> "the updated slice, got " + last());
        assertThat(last()).containsExactly("10.1.0.7:4317", "10.1.0.7:5317", "10.1.0.9:4317", "10.1.0.9:5317");

        client.resource(slice("gateways-def", "gateways", endpoint("10.1.1.1", true))).create();
        Await.until(() -> last().size() == 6, WAIT, () -> "a second slice, got " + last());

        client.discovery().v1().endpointSlices().inNamespace("observability").withName("gateways-abc").delete();
        Await.until(() -> last().size() == 2, WAIT, () -> "the deleted slice gone, got " + last());
        assertThat(last()).containsExactly("10.1.1.1:4317", "10.1.1.1:5317");
    }

    @Test
    void answersPodHostnamesUnderTheServiceWhenAsked() throws Exception {
        EndpointSlice slice = slice("gw-1", "gw", endpoint("10.2.0.1", true));
        slice.getEndpoints().get(0).setHostname("gateway-0");
        client.resource(slice).create();
        resolver = start(new K8sResolverConfig("gw.observability", List.of(4317), Duration.ofSeconds(5), true));

        Await.until(() -> !answers.isEmpty(), WAIT, () -> "a first answer");
        assertThat(last()).containsExactly("gateway-0.gw.observability:4317");
    }

    private K8sResolver start(K8sResolverConfig config) throws Exception {
        // The resolver closes its client at shutdown, as it owns the in-cluster one: give it its own.
        K8sResolver started = new K8sResolver(config, () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()).build(),
                new LoadBalancerMetrics(new Telemetry(), "k8s"));
        started.start(answers::add);
        return started;
    }

    private List<String> last() {
        return answers.isEmpty() ? List.of() : answers.get(answers.size() - 1);
    }

    private static EndpointSlice slice(String name, String service, io.fabric8.kubernetes.api.model.discovery.v1.Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace("observability")
                .addToLabels("kubernetes.io/service-name", service).endMetadata()
                .withAddressType("IPv4").withEndpoints(endpoints).build();
    }

    private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(String address, Boolean ready) {
        return new EndpointBuilder().withAddresses(address).withNewConditions().withReady(ready).endConditions().build();
    }
}
