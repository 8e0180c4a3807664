package io.tributary.processor.k8sattributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tributary.config.ConfigLoader;
import io.tributary.distribution.DaemonHarness;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.TestTraces;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applications → Tributary booted from YAML with {@code k8sattributes} before {@code batch} → an
 * OTLP backend, with a fake Kubernetes API server (fabric8's mock, CRUD mode, HTTPS) whose pods
 * change while spans flow: the OpenTelemetry SDK over OTLP/gRPC from 127.0.0.1, and a raw
 * OTLP/HTTP client bound to 127.0.0.2, each found by its address.
 */
class K8sAttributesEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KubernetesMockServer kube = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            new KubernetesCrudDispatcher(), true);
    private NamespacedKubernetesClient client;
    private OtlpBackend backend;
    private DaemonHarness daemon;

    @BeforeEach
    void setUp() throws Exception {
        kube.init(InetAddress.getByName("127.0.0.1"), 0);
        client = kube.createClient();
        backend = OtlpBackend.start();
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", Integer.toString(kube.getPort()));
        String yaml = """
                receivers:
                  otlp:
                    protocols:
                      grpc: {endpoint: '127.0.0.1:0'}
                      http: {endpoint: '127.0.0.1:0'}
                processors:
                  k8sattributes:
                    auth_type: none
                    pod_association:
                      - sources: [{from: resource_attribute, name: k8s.pod.uid}]
                      - sources: [{from: resource_attribute, name: k8s.pod.ip}]
                      - sources: [{from: connection}]
                    extract:
                      metadata: [k8s.pod.name, k8s.pod.uid, k8s.namespace.name, k8s.deployment.name, service.name, service.version]
                      labels: [{tag_name: team, key: team}]
                      annotations: [{key_regex: 'note/(.*)', tag_name: 'note.$1'}]
                      otel_annotations: true
                  batch:
                    timeout: 10ms
                exporters:
                  otlp/backend:
                    endpoint: localhost:%d
                    tls: {insecure: true}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [k8sattributes, batch]
                      exporters: [otlp/backend]
                  telemetry:
                    metrics:
                      readers:
                        - pull: {exporter: {prometheus: {host: localhost, port: 0}}}
                """.formatted(backend.port());
        daemon = new DaemonHarness(ConfigLoader.parse(yaml, "test.yaml", name -> null), DaemonHarness.components(env));
    }

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        backend.close();
        client.close();
        kube.destroy();
    }

    @Test
    void spansFromEachSenderGetItsPodsAttributesAsPodsComeChangeAndGo() throws Exception {
        client.apps().replicaSets().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                .withNewMetadata().withName("web-7d4b9c8f6d").withNamespace("shop")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("web").withUid("d1").withController(true)
                .endOwnerReference().endMetadata().build()).create();
        String replicaSetUid = client.apps().replicaSets().inNamespace("shop").withName("web-7d4b9c8f6d").get().getMetadata().getUid();
        client.pods().inNamespace("shop").resource(pod("web-7d4b9c8f6d-abcde", "127.0.0.1")
                .editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("web-7d4b9c8f6d")
                .withUid(replicaSetUid).withController(true).endOwnerReference().addToLabels("team", "checkout").endMetadata().build()).create();
        Pod worker = client.pods().inNamespace("shop").resource(pod("worker-0", "127.0.0.2")
                .editMetadata().addToAnnotations("note/owner", "ana")
                .addToAnnotations("resource.opentelemetry.io/service.version", "9.9").endMetadata().build()).create();

        Map<String, String> fromSdk = awaitResource(this::sendWithSdk, "k8s.deployment.name");
        assertThat(fromSdk).containsEntry("k8s.pod.name", "web-7d4b9c8f6d-abcde")
                .containsEntry("k8s.namespace.name", "shop")
                .containsEntry("k8s.deployment.name", "web")
                .containsEntry("team", "checkout")
                .as("the SDK's own service.name is kept").containsEntry("service.name", "checkout-sdk");

        Map<String, String> fromSecondAddress = awaitResource(() -> sendFrom127002("raw"), "k8s.pod.name");
        assertThat(fromSecondAddress).containsEntry("k8s.pod.name", "worker-0")
                .containsEntry("k8s.pod.uid", worker.getMetadata().getUid())
                .containsEntry("note.owner", "ana")
                .containsEntry("service.version", "9.9")
                .containsEntry("service.name", "worker-0");

        Pod changed = client.pods().inNamespace("shop").withName("worker-0").get();
        changed.getMetadata().getAnnotations().put("note/owner", "bo");
        client.pods().inNamespace("shop").resource(changed).update();
        Await.until(() -> "bo".equals(lastResourceAfter(() -> sendFrom127002("raw")).get("note.owner")), WAIT, () -> "annotation change not seen");

        client.pods().inNamespace("shop").withName("worker-0").delete();
        client.pods().inNamespace("shop").resource(pod("worker-1", "127.0.0.2").build()).create();
        Await.until(() -> "worker-1".equals(lastResourceAfter(() -> sendFrom127002("raw")).get("k8s.pod.name")), WAIT,
                () -> "the pod recreated at 127.0.0.2 not seen");

        assertThat(daemon.scrape()).contains("otelcol_otelsvc_k8s_pod_added_total", "otelcol_otelsvc_k8s_pod_updated_total",
                "otelcol_otelsvc_k8s_pod_deleted_total", "otelcol_otelsvc_k8s_replicaset_added_total",
                "otelcol_otelsvc_k8s_pod_table_size_ratio");
    }

    @Test
    void aResourceNamingItsPodByUidIsEnrichedWhateverTheSender() throws Exception {
        Pod pod = client.pods().inNamespace("shop").resource(pod("batch-job", "10.9.9.9").build()).create();

        Map<String, String> resource = awaitResource(() -> sendFrom127002("k8s.pod.uid", pod.getMetadata().getUid()), "k8s.pod.name");

        assertThat(resource).containsEntry("k8s.pod.name", "batch-job");
    }

    @Test
    void theDaemonFailsToStartWhenThePodWatchDoesNotSyncWithinWaitForMetadataTimeout() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String yaml = """
                receivers:
                  otlp:
                    protocols:
                      grpc: {endpoint: '127.0.0.1:0'}
                processors:
                  k8s_attributes:
                    auth_type: none
                    wait_for_metadata: true
                    wait_for_metadata_timeout: 500ms
                exporters:
                  debug:
                service:
                  pipelines:
                    traces: {receivers: [otlp], processors: [k8s_attributes], exporters: [debug]}
                  telemetry:
                    metrics:
                      readers:
                        - pull: {exporter: {prometheus: {host: localhost, port: 0}}}
                """;
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", Integer.toString(closedPort));

        assertThatThrownBy(() -> new DaemonHarness(ConfigLoader.parse(yaml, "test.yaml", name -> null), DaemonHarness.components(env)).close())
                .hasMessageContaining("k8s_attributes").hasMessageContaining("failed to wait for caches to sync");
    }

    private static PodBuilder pod(String name, String ip) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("app").withImage("shop/app:1.0").endContainer().endSpec()
                .withNewStatus().withPodIP(ip).endStatus();
    }

    /** The resource attributes of the last span to reach the backend after {@code send}, once one has. */
    private Map<String, String> lastResourceAfter(ThrowingRunnable send) {
        int before = backend.spanCount();
        try {
            send.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        backend.awaitSpans(before + 1, WAIT);
        List<ResourceSpans> resources = backend.resourceSpans();
        return strings(resources.get(resources.size() - 1).getResource().getAttributesList());
    }

    /** Sends until the arriving resource has {@code key}: the watch may not have seen the pod yet. */
    private Map<String, String> awaitResource(ThrowingRunnable send, String key) {
        List<Map<String, String>> seen = new ArrayList<>();
        Await.until(() -> {
            seen.add(0, lastResourceAfter(send));
            return seen.get(0).containsKey(key);
        }, WAIT, () -> "no resource with " + key + ": " + seen.get(0));
        return seen.get(0);
    }

    private void sendWithSdk() {
        SpanExporter exporter = daemon.grpcExporter("otlp").build();
        DaemonHarness.send(exporter, Attributes.of(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "checkout-sdk"),
                tracer -> tracer.spanBuilder("GET /cart").startSpan().end());
    }

    /** POSTs one span over OTLP/HTTP from a socket bound to 127.0.0.2 (Linux routes all of 127/8 to the loopback). */
    private void sendFrom127002(String... resourceAttributes) throws IOException {
        Resource.Builder resource = Resource.newBuilder();
        for (int i = 0; i + 1 < resourceAttributes.length; i += 2) {
            resource.addAttributes(TestTraces.attribute(resourceAttributes[i], resourceAttributes[i + 1]));
        }
        byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().setResource(resource)
                .addScopeSpans(TestTraces.scope("raw", TestTraces.span("job")))).build().toByteArray();
        InetSocketAddress receiver = daemon.receiver("otlp", "http");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(receiver, 5000);
            socket.setSoTimeout(30000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1:" + receiver.getPort() + "\r\nContent-Type: application/x-protobuf\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 200");
        }
    }

    private static Map<String, String> strings(List<KeyValue> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            values.put(attribute.getKey(), value.getStringValue());
        }
        return values;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
