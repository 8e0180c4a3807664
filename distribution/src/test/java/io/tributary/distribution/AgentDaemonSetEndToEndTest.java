package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.resources.Resource;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigNode;
import io.tributary.core.component.ComponentId;
import io.tributary.distribution.DeploymentFiles.Workload;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent DaemonSet of docker/k8s as shipped: the {@code config.yaml} of its ConfigMap validates
 * with the environment its pod spec sets, and run as a daemon it enriches what the OpenTelemetry
 * Java SDK sends (OTLP/gRPC and OTLP/HTTP) with the sending pod's Kubernetes metadata, the host's
 * and the agent's own attributes, and spreads it over the gateways its loadbalancing exporter
 * finds in the gateway Service's EndpointSlices. The cluster is fabric8's mock API server (CRUD
 * mode, HTTPS) holding the node, the application's Deployment → ReplicaSet → Pod at 127.0.0.1
 * (where the SDK connects from) and one gateway endpoint, the recording OTLP backend.
 *
 * <p>Only what a test machine cannot give is changed, each change named where it is made: the
 * listen addresses, how the API server is reached, and the gateways' port.
 */
class AgentDaemonSetEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NODE = "node-1";
    /** What the kubelet fills in from the pod spec's {@code fieldRef}s, by field path. */
    private static final Map<String, String> DOWNWARD_API = Map.of("spec.nodeName", NODE,
            "metadata.name", "tributary-agent-x7k2p", "status.podIP", "10.1.2.3");
    private static final String APP_NAMESPACE = "shop";
    private static final String POD = "web-7d4b9c8f6d-x2x7q";
    private static final String PROBE = "probe";
    private static final List<String> GRPC_SPANS = List.of("GET /cart", "POST /cart/items", "GET /cart/total");
    private static final List<String> HTTP_SPANS = List.of("POST /checkout", "GET /orders");

    /**
     * Listen addresses: the shipped config binds fixed ports on every interface, which another
     * collector on this machine may hold; here each listener takes a free loopback port.
     */
    private static final String LOOPBACK_LISTENERS = """
            receivers:
              otlp:
                protocols:
                  grpc: {endpoint: 127.0.0.1:0}
                  http: {endpoint: 127.0.0.1:0}
              jaeger:
                protocols:
                  grpc: {endpoint: 127.0.0.1:0}
                  thrift_http: {endpoint: 127.0.0.1:0}
                  thrift_compact: {endpoint: 127.0.0.1:0}
                  thrift_binary: {endpoint: 127.0.0.1:0}
              zipkin: {endpoint: 127.0.0.1:0}
            extensions:
              health_check: {endpoint: 127.0.0.1:0}
            service:
              telemetry:
                metrics: {address: 127.0.0.1:0}
            """;

    private final KubernetesMockServer kube = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            new NodeFilterMatchingEveryPod(), true);
    private final Workload agent = DeploymentFiles.workloads().stream()
            .filter(w -> w.manifest().get("kind").equals("DaemonSet") && w.name().equals("tributary-agent"))
            .findFirst().orElseThrow(() -> new AssertionError("no DaemonSet tributary-agent in docker/k8s"));
    private NamespacedKubernetesClient client;
    private OtlpBackend gateway;
    private String previousKubeconfig;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        kube.init(InetAddress.getByName("127.0.0.1"), 0);
        client = kube.createClient();
        gateway = OtlpBackend.start();
        // The API server for the loadbalancing exporter's k8s resolver, whose fabric8 client configures
        // itself from the JVM (in a pod: the service account); a kubeconfig is how one points it elsewhere.
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: 'https://127.0.0.1:%d', insecure-skip-tls-verify: true}}]
                users: [{name: agent, user: {}}]
                contexts: [{name: mock, context: {cluster: mock, user: agent}}]
                current-context: mock
                """.formatted(kube.getPort()));
        previousKubeconfig = System.setProperty("kubeconfig", kubeconfig.toString());
    }

    @AfterEach
    void tearDown() {
        if (previousKubeconfig == null) {
            System.clearProperty("kubeconfig");
        } else {
            System.setProperty("kubeconfig", previousKubeconfig);
        }
        gateway.close();
        client.close();
        kube.destroy();
    }

    @Test
    void theShippedConfigValidatesWithThePodsEnvironment() {
        assertThat(CollectorConfig.parse(agent.configYaml(), "ConfigMap " + agent.configMapName(), podEnv()).validate()).isEmpty();
    }

    @Test
    void spansFromTheSdkArriveAtTheGatewayWithTheSendingPodsNodesAndAgentsAttributes() throws Exception {
        String clusterUid = client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kube-system").endMetadata()
                .build()).create().getMetadata().getUid();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(APP_NAMESPACE).endMetadata().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
        Pod pod = createApplicationPod();
        // The gateway Service's one ready endpoint: the recording backend, on this machine.
        client.discovery().v1().endpointSlices().inNamespace("observability").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("tributary-gateway-abc12")
                .addToLabels("kubernetes.io/service-name", "tributary-gateway").endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses("127.0.0.1").withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewPort().withName("otlp-grpc").withPort(gateway.port()).withProtocol("TCP").endPort()
                .build()).create();

        Map<String, String> env = new LinkedHashMap<>(podEnv());
        // The kubelet's pointer to the API server, which every pod gets; k8sattributes reads it (auth_type none below).
        env.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
        env.put("KUBERNETES_SERVICE_PORT", Integer.toString(kube.getPort()));
        ConfigNode config = ConfigLoader.load(List.of("yaml:" + agent.configYaml(), "yaml:" + LOOPBACK_LISTENERS), List.of(
                // A test machine has no service account token and CA: k8sattributes reaches the mock without credentials.
                "processors::k8sattributes::auth_type=none",
                // The gateways listen on 4317 in the cluster; the recording backend on a free port.
                "exporters::loadbalancing::resolver::k8s::ports=[" + gateway.port() + "]"), env::get);

        try (DaemonHarness daemon = new DaemonHarness(config, DaemonHarness.components(env))) {
            assertThat(DaemonHarness.get(daemon.service().extensionAddresses().get(ComponentId.parse("health_check")).get("http"), "/")
                    .statusCode()).as("the readiness probe").isEqualTo(200);
            Resource sdkDefaults = Resource.getDefault().toBuilder().removeIf(AttributeKey.stringKey("service.name")::equals).build();
            // The watches list the pods after start: probe until a span comes back with the pod's owners.
            Await.until(() -> {
                DaemonHarness.send(daemon.grpcExporter("otlp").build(), sdkDefaults.getAttributes(),
                        tracer -> tracer.spanBuilder(PROBE).startSpan().end());
                return resourcesOf(PROBE).stream().anyMatch(resource -> resource.containsKey("k8s.deployment.name"));
            }, WAIT, () -> "no probe span enriched with its Deployment; the last: " + resourcesOf(PROBE).stream().reduce((a, b) -> b));
            int probes = resourcesOf(PROBE).size();

            DaemonHarness.send(daemon.grpcExporter("otlp").build(), sdkDefaults.getAttributes(), tracer -> GRPC_SPANS.forEach(
                    name -> tracer.spanBuilder(name).startSpan().end()));
            DaemonHarness.send(daemon.httpExporter("otlp").build(), Attributes.of(AttributeKey.stringKey("service.name"), "cart-api",
                    AttributeKey.stringKey("host.name"), "set-by-sdk"), tracer -> HTTP_SPANS.forEach(
                    name -> tracer.spanBuilder(name).startSpan().end()));
            int sent = probes + GRPC_SPANS.size() + HTTP_SPANS.size();
            Await.until(() -> gateway.spanCount() >= sent, WAIT, () -> gateway.spanCount() + " of " + sent + " spans at the gateway");
        }

        assertThat(gateway.spans()).extracting(Span::getName).filteredOn(name -> !name.equals(PROBE))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(GRPC_SPANS.stream(), HTTP_SPANS.stream()).toList());
        Map<String, String> fromPod = Map.ofEntries(
                Map.entry("k8s.namespace.name", APP_NAMESPACE),
                Map.entry("k8s.pod.name", POD),
                Map.entry("k8s.pod.uid", pod.getMetadata().getUid()),
                Map.entry("k8s.node.name", NODE),
                Map.entry("k8s.deployment.name", "web"),
                Map.entry("k8s.replicaset.name", "web-7d4b9c8f6d"),
                Map.entry("k8s.container.name", "app"),
                Map.entry("container.image.name", "registry.example/shop/web"),
                Map.entry("container.image.tag", "2.4.1"),
                Map.entry("k8s.cluster.uid", clusterUid),
                Map.entry("service.namespace", APP_NAMESPACE),
                Map.entry("service.version", "2.4.1"),
                Map.entry("service.instance.id", APP_NAMESPACE + "." + POD + ".app"),
                Map.entry("deployment.environment.name", "production"),
                Map.entry("k8s.cluster.name", "my-cluster"),
                Map.entry("tributary.agent.pod.name", DOWNWARD_API.get("metadata.name")),
                Map.entry("tributary.agent.pod.ip", DOWNWARD_API.get("status.podIP")),
                Map.entry("os.type", System.getProperty("os.name").toLowerCase(Locale.ROOT)));
        for (String name : GRPC_SPANS) {
            assertThat(resourcesOf(name)).as(name).singleElement().satisfies(resource -> assertThat(resource)
                    .containsAllEntriesOf(fromPod)
                    .containsEntry("service.name", "storefront")
                    .containsEntry("telemetry.sdk.language", "java")
                    .hasEntrySatisfying("host.name", host -> assertThat(host).isNotEmpty()));
        }
        for (String name : HTTP_SPANS) {
            assertThat(resourcesOf(name)).as(name).singleElement().satisfies(resource -> assertThat(resource)
                    .containsAllEntriesOf(fromPod)
                    .as("what the SDK set is kept").containsEntry("service.name", "cart-api").containsEntry("host.name", "set-by-sdk"));
        }
    }

    /** The Deployment {@code web} → its ReplicaSet → the pod at 127.0.0.1 on the agent's node, one container. */
    private Pod createApplicationPod() {
        Deployment deployment = client.apps().deployments().inNamespace(APP_NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata().build()).create();
        ReplicaSet replicaSet = client.apps().replicaSets().inNamespace(APP_NAMESPACE).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("web-7d4b9c8f6d")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("web")
                .withUid(deployment.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata().build()).create();
        return client.pods().inNamespace(APP_NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(POD)
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("web-7d4b9c8f6d")
                .withUid(replicaSet.getMetadata().getUid()).withController(true).endOwnerReference()
                .addToLabels("app.kubernetes.io/name", "storefront")
                .addToAnnotations("resource.opentelemetry.io/deployment.environment.name", "production")
                .endMetadata()
                .withNewSpec().withNodeName(NODE)
                .addNewContainer().withName("app").withImage("registry.example/shop/web:2.4.1").endContainer().endSpec()
                .withNewStatus().withPodIP("127.0.0.1")
                .addNewContainerStatus().withName("app").withContainerID("containerd://4f1c2a").withRestartCount(0).endContainerStatus()
                .endStatus().build()).create();
    }

    /** The container's environment as the kubelet sets it: literal values, and the downward API's. */
    private Map<String, String> podEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> variable : DeploymentFiles.maps(agent.container(), "env")) {
            String name = (String) variable.get("name");
            Object value = variable.get("value");
            String fieldPath = DeploymentFiles.string(variable, "valueFrom", "fieldRef", "fieldPath");
            env.put(name, value != null ? String.valueOf(value) : DOWNWARD_API.get(fieldPath));
            assertThat(env.get(name)).as("the value of " + name + " (field " + fieldPath + ")").isNotNull();
        }
        return env;
    }

    /** The resource attributes, as strings, of each span named {@code name} at the gateway. */
    private List<Map<String, String>> resourcesOf(String name) {
        List<Map<String, String>> resources = new ArrayList<>();
        for (ResourceSpans resourceSpans : gateway.resourceSpans()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (KeyValue attribute : resourceSpans.getResource().getAttributesList()) {
                attributes.put(attribute.getKey(), attribute.getValue().getStringValue());
            }
            for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                scope.getSpansList().stream().filter(span -> span.getName().equals(name)).forEach(span -> resources.add(attributes));
            }
        }
        return resources;
    }

    /**
     * fabric8's CRUD dispatcher, but for the agent's node filter: the mock evaluates field selectors
     * on {@code metadata.name} and {@code metadata.namespace} only, and with {@code spec.nodeName}
     * matches nothing. Every pod here runs on the agent's node, so that term is true and dropped.
     */
    private static final class NodeFilterMatchingEveryPod extends KubernetesCrudDispatcher {
        private static final String OWN_NODE = "fieldSelector=spec.nodeName%3D" + NODE;

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath().replace(OWN_NODE + "&", "").replace("&" + OWN_NODE, "").replace("?" + OWN_NODE, "");
            return super.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(),
                    request.getBody()));
        }
    }
}
