package io.tributary.processor.resourcedetection;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The eks detector in an IRSA pod: IMDS closed (a closed port), so the instance comes from the
 * node's provider ID on fabric8's mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class EksDetectorTest {
    static KubernetesClient client;
    private final Detecting detecting = new Detecting();

    @AfterEach
    void close() {
        detecting.close();
    }

    @Test
    void readsTheInstanceFromTheNodesProviderIdWhenImdsIsClosed() throws Exception {
        client.resource(new NodeBuilder().withNewMetadata().withName("ip-10-0-1-5.ec2.internal").endMetadata()
                .withNewSpec().withProviderID("aws:///eu-west-1b/i-0fedcba9876543210").endSpec().build()).create();
        detecting.kubernetes(client)
                .env("KUBERNETES_SERVICE_HOST", "10.100.0.1")
                .env("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token")
                .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9")
                .env("NODE", "ip-10-0-1-5.ec2.internal")
                .start("""
                        detectors: [eks]
                        eks:
                          node_from_env_var: NODE
                          resource_attributes: {cloud.region: {enabled: true}, cloud.availability_zone: {enabled: true}, host.id: {enabled: true}}
                        """);

        assertThat(detecting.resourceAfter()).containsExactly(
                attribute("cloud.provider", "aws"),
                attribute("cloud.platform", "aws_eks"),
                attribute("cloud.availability_zone", "eu-west-1b"),
                attribute("cloud.region", "eu-west-1"),
                attribute("host.id", "i-0fedcba9876543210"));
    }

    @Test
    void outsideKubernetesItAddsNothing() throws Exception {
        detecting.kubernetes(client).start("detectors: [eks]");

        assertThat(detecting.resourceAfter(attribute("service.name", "a"))).containsExactly(attribute("service.name", "a"));
    }
}
