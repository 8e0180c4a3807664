package io.tributary.processor.k8sattributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.Await;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestHost;
import io.tributary.testkit.TestTraces;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processor against a fake API server (fabric8's mock, CRUD mode, HTTPS): pods, ReplicaSets,
 * namespaces and nodes created, changed and deleted while batches flow; each batch carries the
 * sender's address as a receiver gives it.
 */
class K8sAttributesProcessorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final KubeFixture kube = new KubeFixture();
    private final ManualClock clock = new ManualClock();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Telemetry telemetry = new Telemetry();
    private final RecordingConsumer next = new RecordingConsumer();
    private SignalProcessor<Traces> processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutdown();
        }
        scheduler.shutdownNow();
        kube.close();
    }

    @Test
    void addsThePodsDefaultAttributesByTheSendersAddress() throws Exception {
        kube.start();
        String replicaSet = kube.createReplicaSet();
        Pod pod = kube.create(KubeFixture.deploymentPod("web-7d4b9c8f6d-x2x9k", replicaSet, "10.1.0.5").build());
        start("wait_for_metadata: true");

        Map<String, String> attributes = sendFrom("10.1.0.5");

        assertThat(attributes).containsEntry("k8s.pod.name", "web-7d4b9c8f6d-x2x9k")
                .containsEntry("k8s.pod.uid", pod.getMetadata().getUid())
                .containsEntry("k8s.namespace.name", "shop")
                .containsEntry("k8s.node.name", "node-1")
                .containsEntry("k8s.deployment.name", "web")
                .containsEntry("k8s.pod.start_time", pod.getMetadata().getCreationTimestamp())
                .containsEntry("container.image.name", "registry.example:5000/shop/web")
                .containsEntry("container.image.tag", "1.4.2")
                .doesNotContainKeys("k8s.pod.ip", "k8s.replicaset.name", "container.id");
        assertThat(sendFrom("10.1.0.6")).as("another sender").doesNotContainKey("k8s.pod.name");
    }

    @Test
    void followsPodsCreatedChangedAndDeletedWhileDataFlows() throws Exception {
        kube.start();
        start("extract: {labels: [{key: app}]}");
        assertThat(sendFrom("10.1.0.7")).doesNotContainKey("k8s.pod.name");

        kube.create(KubeFixture.pod("cart-0", "10.1.0.7").editMetadata().addToLabels("app", "cart").endMetadata().build());
        awaitAttribute("10.1.0.7", "k8s.pod.labels.app", "cart");

        Pod changed = kube.client().pods().inNamespace("shop").withName("cart-0").get();
        changed.getMetadata().getLabels().put("app", "cart-v2");
        kube.client().pods().inNamespace("shop").resource(changed).update();
        awaitAttribute("10.1.0.7", "k8s.pod.labels.app", "cart-v2");
    }

    @Test
    void aDeletedPodStaysAssociatedForTheGracePeriodAndARecreatedOneTakesItsAddress() throws Exception {
        kube.start();
        String old = kube.create(KubeFixture.pod("cart-0", "10.1.0.8").build()).getMetadata().getUid();
        start("wait_for_metadata: true");
        assertThat(sendFrom("10.1.0.8")).containsEntry("k8s.pod.uid", old);

        kube.delete("shop", "cart-0");
        Await.until(() -> counter("otelcol_otelsvc_k8s_pod_deleted_total") >= 1, TIMEOUT, () -> "no pod delete event");
        clock.advance(Duration.ofSeconds(119));
        store().expireDeletedPods();
        assertThat(sendFrom("10.1.0.8")).as("within the grace period").containsEntry("k8s.pod.uid", old);
        clock.advance(Duration.ofSeconds(1));
        store().expireDeletedPods();
        assertThat(sendFrom("10.1.0.8")).as("after the grace period").doesNotContainKey("k8s.pod.uid");

        String recreated = kube.create(KubeFixture.pod("cart-0", "10.1.0.8").build()).getMetadata().getUid();
        awaitAttribute("10.1.0.8", "k8s.pod.uid", recreated);
    }

    @Test
    void aPodRecreatedAtTheSameAddressReplacesTheDeletedOneAtOnce() throws Exception {
        kube.start();
        kube.create(KubeFixture.pod("job-a", "10.1.0.9").build());
        start("wait_for_metadata: true");
        kube.delete("shop", "job-a");
        kube.create(KubeFixture.pod("job-b", "10.1.0.9").editStatus().withStartTime("2026-01-01T00:10:00Z").endStatus().build());
        awaitAttribute("10.1.0.9", "k8s.pod.name", "job-b");

        clock.advance(Duration.ofMinutes(3));
        store().expireDeletedPods();
        assertThat(sendFrom("10.1.0.9")).as("the old pod's expiry leaves the new one").containsEntry("k8s.pod.name", "job-b");
    }

    @Test
    void associatesByResourceAttributes() throws Exception {
        kube.start();
        String uid = kube.create(KubeFixture.pod("api-0", "10.1.1.1").build()).getMetadata().getUid();
        start("""
                wait_for_metadata: true
                pod_association:
                  - sources: [{from: resource_attribute, name: k8s.pod.uid}]
                  - sources: [{from: resource_attribute, name: k8s.pod.ip}]
                  - sources: [{from: resource_attribute, name: k8s.namespace.name}, {from: resource_attribute, name: k8s.pod.name}]
                """);

        assertThat(send(ClientInfo.NONE, TestTraces.attribute("k8s.pod.uid", uid))).containsEntry("k8s.pod.name", "api-0");
        assertThat(send(ClientInfo.NONE, TestTraces.attribute("k8s.pod.ip", "10.1.1.1"))).containsEntry("k8s.pod.name", "api-0");
        assertThat(send(ClientInfo.NONE, TestTraces.attribute("k8s.namespace.name", "shop"), TestTraces.attribute("k8s.pod.name", "api-0")))
                .containsEntry("k8s.pod.uid", uid);
        assertThat(sendFrom("10.1.1.1")).as("the connection is no configured source").doesNotContainKey("k8s.pod.name");
    }

    @Test
    void withoutAssociationsFallsBackToThePodIpAttributeThenTheConnectionThenAnIpHostName() throws Exception {
        kube.start();
        kube.create(KubeFixture.pod("a", "10.2.0.1").build());
        kube.create(KubeFixture.pod("b", "10.2.0.2").build());
        start("wait_for_metadata: true");

        assertThat(send(client("10.2.0.2"), TestTraces.attribute("k8s.pod.ip", "10.2.0.1"))).containsEntry("k8s.pod.name", "a");
        assertThat(send(client("10.2.0.2"), TestTraces.attribute("ip", "10.2.0.1"))).containsEntry("k8s.pod.name", "a");
        assertThat(send(ClientInfo.NONE, TestTraces.attribute("host.name", "10.2.0.2"))).containsEntry("k8s.pod.name", "b");
        assertThat(send(ClientInfo.NONE, TestTraces.attribute("host.name", "web-host"))).doesNotContainKey("k8s.pod.name");
    }

    @Test
    void keepsAttributesAlreadySetUnlessEmpty() throws Exception {
        kube.start();
        kube.create(KubeFixture.pod("a", "10.2.1.1").build());
        start("wait_for_metadata: true");

        Map<String, String> attributes = send(client("10.2.1.1"), TestTraces.attribute("k8s.pod.name", "mine"),
                TestTraces.attribute("k8s.namespace.name", ""));

        assertThat(attributes).containsEntry("k8s.pod.name", "mine").containsEntry("k8s.namespace.name", "shop");
    }

    @Test
    void extractsLabelsAnnotationsAndNamespaceAndNodeMetadata() throws Exception {
        kube.start();
        kube.client().namespaces().resource(KubeFixture.namespace("shop", "ns-uid")).create();
        String cluster = kube.client().namespaces().resource(KubeFixture.namespace("kube-system", "cluster-uid")).create().getMetadata().getUid();
        String node = kube.client().nodes().resource(KubeFixture.node()).create().getMetadata().getUid();
        kube.create(KubeFixture.pod("a", "10.2.2.1").editMetadata()
                .addToLabels("app.kubernetes.io/component", "frontend").addToLabels("tier", "web")
                .addToAnnotations("owner", "team-a").addToAnnotations("checksum/config", "abc")
                .endMetadata().build());
        start("""
                wait_for_metadata: true
                extract:
                  metadata: [k8s.pod.name, k8s.cluster.uid, k8s.node.uid, k8s.pod.ip, container.id, container.image.repo_digests,
                    k8s.container.name]
                  labels:
                    - {tag_name: component, key: app.kubernetes.io/component}
                    - {key_regex: 'tie.*'}
                    - {tag_name: 'ns.$1', key_regex: '(te.*)', from: namespace}
                    - {key: topology.kubernetes.io/zone, from: node}
                  annotations:
                    - {key: owner}
                    - {tag_name: 'sum.$1', key_regex: 'checksum/(.+)'}
                """);

        Map<String, String> attributes = sendFrom("10.2.2.1");

        assertThat(attributes).containsEntry("component", "frontend")
                .containsEntry("k8s.pod.labels.tier", "web")
                .containsEntry("ns.team", "checkout")
                .containsEntry("k8s.node.labels.topology.kubernetes.io/zone", "z1")
                .containsEntry("k8s.pod.annotations.owner", "team-a")
                .containsEntry("sum.config", "abc")
                .containsEntry("k8s.cluster.uid", cluster)
                .containsEntry("k8s.node.uid", node)
                .containsEntry("k8s.pod.ip", "10.2.2.1")
                .containsEntry("k8s.container.name", "app")
                .containsEntry("container.id", "c0ffee")
                .containsEntry("container.image.repo_digests", "registry.example:5000/shop/web@" + KubeFixture.DIGEST)
                .doesNotContainKey("k8s.namespace.name");
    }

    @Test
    void extractsTheLabelsAndAnnotationsOfThePodsWorkloads() throws Exception {
        kube.start();
        String deployment = kube.client().apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("shop").addToLabels("tier", "front").endMetadata().build())
                .create().getMetadata().getUid();
        String replicaSet = kube.client().apps().replicaSets().inNamespace("shop").resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("web-7d4b9c8f6d").withNamespace("shop").addNewOwnerReference().withApiVersion("apps/v1")
                .withKind("Deployment").withName("web").withUid(deployment).withController(true).endOwnerReference().endMetadata().build())
                .create().getMetadata().getUid();
        kube.create(KubeFixture.deploymentPod("web-1", replicaSet, "10.2.7.1").build());
        String statefulSet = kube.client().apps().statefulSets().inNamespace("shop").resource(new StatefulSetBuilder()
                .withNewMetadata().withName("db").withNamespace("shop").addToAnnotations("backup", "daily").endMetadata().build())
                .create().getMetadata().getUid();
        kube.create(KubeFixture.pod("db-0", "10.2.7.2").editMetadata().addNewOwnerReference().withApiVersion("apps/v1")
                .withKind("StatefulSet").withName("db").withUid(statefulSet).withController(true).endOwnerReference().endMetadata().build());
        start("""
                wait_for_metadata: true
                extract:
                  labels: [{key: tier, from: deployment}]
                  annotations: [{key: backup, from: statefulset}]
                """);

        assertThat(sendFrom("10.2.7.1")).containsEntry("k8s.deployment.label.tier", "front");
        assertThat(sendFrom("10.2.7.2")).containsEntry("k8s.statefulset.annotation.backup", "daily");
        assertThat(send(ClientInfo.NONE, TestTraces.attribute("k8s.deployment.uid", deployment)))
                .as("a resource naming its workload").containsEntry("k8s.deployment.label.tier", "front");
        assertThat(telemetry.scrape()).contains("otelcol_otelsvc_k8s_deployment_added_total 1.0",
                "otelcol_otelsvc_k8s_statefulset_added_total 1.0");
    }

    @Test
    void derivesServiceAttributesFromOwnersLabelsAndOtelAnnotations() throws Exception {
        kube.start();
        kube.create(KubeFixture.deploymentPod("web-1", kube.createReplicaSet(), "10.2.3.1").build());
        kube.create(KubeFixture.pod("web-2", "10.2.3.2").editMetadata()
                .addToLabels("app.kubernetes.io/name", "storefront").addToLabels("app.kubernetes.io/version", "2.0")
                .addToAnnotations("resource.opentelemetry.io/service.namespace", "retail")
                .endMetadata().build());
        start("""
                wait_for_metadata: true
                extract:
                  metadata: [service.name, service.namespace, service.version, service.instance.id, k8s.deployment.name]
                  otel_annotations: true
                """);

        assertThat(sendFrom("10.2.3.1")).containsEntry("service.name", "web")
                .containsEntry("service.namespace", "shop")
                .containsEntry("service.version", "1.4.2")
                .containsEntry("service.instance.id", "shop.web-1.app");
        assertThat(sendFrom("10.2.3.2")).containsEntry("service.name", "storefront")
                .containsEntry("service.namespace", "retail")
                .containsEntry("service.version", "2.0");
    }

    @Test
    void deploymentNameFromReplicaSetNeedsNoReplicaSetWatch() throws Exception {
        kube.start();
        kube.create(KubeFixture.deploymentPod("web-1", "rs-uid", "10.2.4.1").build());
        start("""
                wait_for_metadata: true
                extract: {metadata: [k8s.deployment.name, k8s.replicaset.name], deployment_name_from_replicaset: true}
                """);

        assertThat(sendFrom("10.2.4.1")).containsEntry("k8s.deployment.name", "web").containsEntry("k8s.replicaset.name", "web-7d4b9c8f6d");
        assertThat(telemetry.scrape()).doesNotContain("otelcol_otelsvc_k8s_replicaset_added");
    }

    @Test
    void excludedAndIgnoredPodsAreNeverAssociated() throws Exception {
        kube.start();
        kube.create(KubeFixture.pod("jaeger-agent-x", "10.2.5.1").build());
        kube.create(KubeFixture.pod("quiet", "10.2.5.2").editMetadata()
                .addToAnnotations("opentelemetry.io/k8s-processor/ignore", " True ").endMetadata().build());
        kube.create(KubeFixture.pod("debug-1", "10.2.5.3").build());
        start("""
                wait_for_metadata: true
                exclude: {pods: [{name: '^debug-'}]}
                """);

        assertThat(sendFrom("10.2.5.1")).as("the defaults are replaced").containsEntry("k8s.pod.name", "jaeger-agent-x");
        assertThat(sendFrom("10.2.5.2")).doesNotContainKey("k8s.pod.name");
        assertThat(sendFrom("10.2.5.3")).doesNotContainKey("k8s.pod.name");
    }

    @Test
    void filtersTheWatchByNamespaceAndLabels() throws Exception {
        kube.start();
        kube.create(KubeFixture.pod("here", "10.2.6.1").editMetadata().addToLabels("watched", "yes").endMetadata().build());
        kube.create(KubeFixture.pod("elsewhere", "10.2.6.2").editMetadata().withNamespace("other").addToLabels("watched", "yes")
                .endMetadata().build());
        kube.create(KubeFixture.pod("unlabelled", "10.2.6.3").build());
        start("""
                wait_for_metadata: true
                filter: {namespace: shop, labels: [{key: watched, value: 'yes'}]}
                """);

        assertThat(sendFrom("10.2.6.1")).containsEntry("k8s.pod.name", "here");
        assertThat(sendFrom("10.2.6.2")).doesNotContainKey("k8s.pod.name");
        assertThat(sendFrom("10.2.6.3")).doesNotContainKey("k8s.pod.name");
    }

    /** The fake server ignores field selectors other than metadata's, so this checks what the watch asks for. */
    @Test
    void aNodeFilterWatchesOnlyThatNodesPodsAndThatNode() throws Exception {
        kube.start();
        start("""
                wait_for_metadata: true
                filter: {node: node-7, fields: [{key: status.phase, value: Running, op: not-equals}]}
                extract: {metadata: [k8s.node.uid]}
                """);

        List<String> paths = new java.util.ArrayList<>();
        for (int i = kube.server.getRequestCount(); i > 0; i--) {
            paths.add(java.net.URLDecoder.decode(kube.server.takeRequest().getPath(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(paths).anyMatch(path -> path.startsWith("/api/v1/pods?") && path.contains("spec.nodeName=node-7")
                        && path.contains("status.phase!=Running"))
                .anyMatch(path -> path.startsWith("/api/v1/nodes?") && path.contains("fieldSelector=metadata.name=node-7"));
    }

    @Test
    void passthroughOnlyTagsTheSendersAddress() throws Exception {
        start("passthrough: true", Map.of());

        assertThat(sendFrom("10.3.0.1")).containsOnlyKeys("k8s.pod.ip").containsEntry("k8s.pod.ip", "10.3.0.1");
    }

    @Test
    void startFailsWithOtelcolsMessageWhenThePodWatchDoesNotSyncInTime() throws Exception {
        int closed = closedPort();
        processor = new K8sAttributesProcessorFactory(KubeFixture.env(closed)::get).create(context(), config("""
                wait_for_metadata: true
                wait_for_metadata_timeout: 300ms
                """), Signal.TRACES, next);

        assertThatThrownBy(() -> processor.start(new TestHost())).hasMessage("failed to wait for caches to sync");
    }

    @Test
    void startsWithoutTheApiServerAndEnrichesOnceItIsUp() throws Exception {
        int port = closedPort();
        processor = new K8sAttributesProcessorFactory(KubeFixture.env(port)::get).create(context(), config(""), Signal.TRACES, next);
        processor.start(new TestHost());
        assertThat(sendFrom("10.4.0.1")).as("passes unenriched").doesNotContainKey("k8s.pod.name");

        kube.start(port);
        kube.create(KubeFixture.pod("late", "10.4.0.1").build());
        Await.until(() -> "late".equals(sendFrom("10.4.0.1").get("k8s.pod.name")), Duration.ofSeconds(60), () -> "never enriched");
    }

    @Test
    void countsWatchEventsAndLookupMissesWithOtelcolsNames() throws Exception {
        kube.start();
        kube.create(KubeFixture.pod("a", "10.5.0.1").build());
        start("wait_for_metadata: true");
        sendFrom("10.5.0.99");

        String scrape = telemetry.scrape();
        assertThat(scrape).contains("otelcol_otelsvc_k8s_pod_added_total 1.0", "otelcol_otelsvc_k8s_ip_lookup_miss_total 1.0",
                "otelcol_otelsvc_k8s_pod_table_size_ratio 3.0");
    }

    private void start(String yaml) throws Exception {
        start(yaml, kube.env());
    }

    private void start(String yaml, Map<String, String> env) throws Exception {
        processor = new K8sAttributesProcessorFactory(env::get).create(context(), config(yaml), Signal.TRACES, next);
        processor.start(new TestHost());
    }

    private io.tributary.core.component.ComponentContext context() {
        return TestContext.of("k8sattributes").telemetry(telemetry).clock(clock).scheduler(scheduler).build();
    }

    /** {@code yaml} with {@code auth_type: none}: the fake API server asks for no credentials. */
    static K8sAttributesConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse("auth_type: none\n" + yaml, "test.yaml", name -> null), "processors::k8sattributes",
                K8sAttributesConfig.class, K8sAttributesConfig.DEFAULT);
    }

    @SuppressWarnings("unchecked")
    private io.tributary.processor.k8sattributes.kube.KubeStore store() {
        return ((K8sAttributesProcessor<Traces>) processor).store();
    }

    private void awaitAttribute(String peer, String key, String value) {
        Await.until(() -> value.equals(sendFrom(peer).get(key)), TIMEOUT, () -> key + " never became " + value + ": " + sendFrom(peer));
    }

    private Map<String, String> sendFrom(String peer) {
        return send(client(peer));
    }

    private static ClientInfo client(String peer) {
        try {
            return ClientInfo.of(new InetSocketAddress(InetAddress.getByName(peer), 40000));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Passes one resource with {@code attributes} from {@code client} and returns its attributes as they came out. */
    private Map<String, String> send(ClientInfo client, KeyValue... attributes) {
        ResourceSpans resource = ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAllAttributes(List.of(attributes)))
                .addScopeSpans(TestTraces.scope("test", TestTraces.span("op"))).build();
        processor.consume(Traces.of(List.of(resource)).withClient(client));
        List<Traces> batches = next.batches();
        return strings(batches.get(batches.size() - 1).resourceSpans().get(0).getResource().getAttributesList());
    }

    private static Map<String, String> strings(List<KeyValue> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            values.put(attribute.getKey(), value.hasArrayValue() ? value.getArrayValue().getValues(0).getStringValue() : value.getStringValue());
        }
        return values;
    }

    private double counter(String name) {
        return telemetry.scrape().lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line -> Double.parseDouble(line.split(" ")[1]))
                .findFirst().orElse(0);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
