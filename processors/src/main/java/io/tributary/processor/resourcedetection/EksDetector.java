package io.tributary.processor.resourcedetection;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code eks} detector, as otelcol's: in a Kubernetes pod, whether the cluster is EKS (IRSA or
 * Pod Identity credentials, the API server's OIDC issuer or its version), then the instance's
 * attributes from IMDS when it answers, else from the node's provider ID (the node named by
 * {@code node_from_env_var}). Like otelcol it needs the in-cluster API to be created at all.
 * What otelcol reads with the EC2 API's DescribeInstances ({@code k8s.cluster.name} from the
 * instance's tags, and the account, image, type and host name when IMDS is closed) is not read:
 * Tributary does not call AWS APIs.
 */
final class EksDetector implements Detector {
    static final String TYPE = "eks";
    private static final Logger log = LoggerFactory.getLogger(EksDetector.class);

    private final EksConfig config;
    private final Surroundings surroundings;
    private final KubernetesClient client;
    private final Imds imds;

    EksDetector(EksConfig config, Surroundings surroundings) {
        this.config = config;
        this.surroundings = surroundings;
        this.client = surroundings.kubernetes().connect(KubernetesApi.SERVICE_ACCOUNT, "", surroundings.env());
        // otelcol asks IMDS with a single attempt to learn whether it can be reached.
        this.imds = new Imds(surroundings, 1, Duration.ZERO);
    }

    @Override
    public List<KeyValue> detect(Deadline deadline) throws Exception {
        if (!isEks()) {
            return List.of();
        }
        ResourceBuilder resource = new ResourceBuilder(ResourceAttributes.enabled(EksConfig.ATTRIBUTES, config.resourceAttributes()))
                .put("cloud.provider", "aws")
                .put("cloud.platform", "aws_eks");
        Imds.Session session = null;
        try {
            session = imds.open(deadline);
            session.get("meta-data/instance-id");
        } catch (IOException e) {
            log.debug("EC2 Metadata service is not accessible: {}", e.getMessage());
            session = null;
        }
        if (session != null) {
            JsonObject identity = JsonParser.parseString(session.get("dynamic/instance-identity/document")).getAsJsonObject();
            resource.put("host.id", Replies.text(identity, "instanceId"))
                    .put("cloud.availability_zone", Replies.text(identity, "availabilityZone"))
                    .put("cloud.region", Replies.text(identity, "region"))
                    .put("cloud.account.id", Replies.text(identity, "accountId"))
                    .put("host.image.id", Replies.text(identity, "imageId"))
                    .put("host.type", Replies.text(identity, "instanceType"))
                    .put("host.name", session.get("meta-data/hostname"));
        } else {
            addFromNode(resource);
        }
        if (resource.isEnabled("k8s.cluster.name")) {
            log.warn("k8s.cluster.name is not detected: it comes from the EC2 API (DescribeInstances), which Tributary does not call");
        }
        return resource.build();
    }

    /** The availability zone, region and instance of the node's {@code spec.providerID}, {@code aws:///<zone>/<instance>}. */
    private void addFromNode(ResourceBuilder resource) throws IOException {
        String nodeName = surroundings.variable(config.nodeFromEnvVar());
        Node node;
        try {
            node = client.nodes().withName(nodeName).get();
        } catch (RuntimeException e) {
            throw new IOException("failed to get node " + nodeName + ": " + e.getMessage(), e);
        }
        if (node == null || node.getSpec() == null || node.getSpec().getProviderID() == null) {
            throw new IOException("node " + nodeName + " has no provider ID");
        }
        String[] parts = node.getSpec().getProviderID().replaceFirst("^aws://", "").split("/");
        if (parts.length < 3 || parts[1].isEmpty()) {
            throw new IOException("unexpected provider ID: " + node.getSpec().getProviderID());
        }
        String zone = parts[1];
        resource.put("cloud.availability_zone", zone)
                .put("cloud.region", zone.substring(0, zone.length() - 1))
                .put("host.id", parts[parts.length - 1]);
    }

    private boolean isEks() throws IOException {
        if (surroundings.variable("KUBERNETES_SERVICE_HOST").isEmpty()) {
            return false;
        }
        if (surroundings.variable("AWS_WEB_IDENTITY_TOKEN_FILE").contains("eks.amazonaws.com")
                || surroundings.variable("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").contains("eks-pod-identity")) {
            return true;
        }
        try {
            String discovery = client.raw(client.getMasterUrl() + ".well-known/openid-configuration");
            if (discovery != null && Replies.text(JsonParser.parseString(discovery).getAsJsonObject(), "issuer").contains("oidc.eks.")) {
                return true;
            }
        } catch (RuntimeException e) {
            log.debug("no OIDC configuration from the API server: {}", e.getMessage());
        }
        try {
            return client.getKubernetesVersion().getGitVersion().contains("-eks-");
        } catch (RuntimeException e) {
            throw new IOException("isEks() error retrieving cluster version: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
