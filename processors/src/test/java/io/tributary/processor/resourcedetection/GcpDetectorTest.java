package io.tributary.processor.resourcedetection;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.TestHttpServer;
import io.tributary.testkit.TestHttpServer.Reply;
import io.tributary.testkit.TestHttpServer.Request;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gcp detector against a fake metadata server that answers only {@code Metadata-Flavor: Google} requests, as Google's does. */
class GcpDetectorTest {
    private final Map<String, String> metadata = new HashMap<>(Map.of(
            "project/project-id", "my-project\n",
            "instance/machine-type", "projects/123456/machineTypes/e2-medium",
            "instance/zone", "projects/123456/zones/us-central1-a",
            "instance/id", "4520031799277581759",
            "instance/name", "collector-1",
            "instance/hostname", "collector-1.us-central1-a.c.my-project.internal",
            "instance/attributes/created-by", "projects/123456/zones/us-central1-a/instanceGroupManagers/collectors"));
    private final TestHttpServer server = TestHttpServer.start("/computeMetadata/v1", this::metadataServer);
    private final Detecting detecting = new Detecting().env("GCE_METADATA_HOST", server.url().replace("http://", ""));

    @AfterEach
    void close() {
        detecting.close();
        server.close();
    }

    private Reply metadataServer(Request request) {
        if (!"Google".equals(request.header("Metadata-Flavor"))) {
            return Reply.of(403);
        }
        String body = metadata.get(request.path().substring("/computeMetadata/v1/".length()));
        return body == null ? Reply.of(404) : new Reply(200, "application/text", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addsTheComputeEngineInstancesAttributes() throws Exception {
        detecting.start("detectors: [gcp]");

        assertThat(detecting.resourceAfter(attribute("service.name", "checkout"))).containsExactly(
                attribute("service.name", "checkout"),
                attribute("cloud.provider", "gcp"),
                attribute("cloud.account.id", "my-project"),
                attribute("cloud.platform", "gcp_compute_engine"),
                attribute("cloud.availability_zone", "us-central1-a"),
                attribute("cloud.region", "us-central1"),
                attribute("host.type", "projects/123456/machineTypes/e2-medium"),
                attribute("host.id", "4520031799277581759"),
                attribute("host.name", "collector-1"),
                attribute("gcp.gce.instance_group_manager.name", "collectors"),
                attribute("gcp.gce.instance_group_manager.zone", "us-central1-a"));
    }

    @Test
    void onGkeAddsTheClusterInstead() throws Exception {
        metadata.put("instance/attributes/cluster-location", "europe-west1");
        metadata.put("instance/attributes/cluster-name", "prod");
        detecting.env("KUBERNETES_SERVICE_HOST", "10.0.0.1").start("""
                detectors: [gcp]
                gcp: {resource_attributes: {host.name: {enabled: false}}}
                """);

        assertThat(detecting.resourceAfter()).containsExactly(
                attribute("cloud.provider", "gcp"),
                attribute("cloud.account.id", "my-project"),
                attribute("cloud.platform", "gcp_kubernetes_engine"),
                attribute("cloud.region", "europe-west1"),
                attribute("k8s.cluster.name", "prod"),
                attribute("host.id", "4520031799277581759"));
    }

    @Test
    void aServerThatRefusesTheRequestsGivesNoAttributes() throws Exception {
        try (TestHttpServer refusing = TestHttpServer.answering("/computeMetadata/v1", 403)) {
            detecting.env("GCE_METADATA_HOST", refusing.url().replace("http://", "")).start("detectors: [gcp]");

            assertThat(detecting.resourceAfter(attribute("service.name", "checkout"))).containsExactly(attribute("service.name", "checkout"));
        }
    }
}
