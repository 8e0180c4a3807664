package io.tributary.processor.resourcedetection;

import io.tributary.config.Problems;
import io.tributary.config.Validated;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code resourcedetection} processor's settings, as otelcol's: the detectors to run in order
 * (an earlier one's attribute wins over a later one's), whether detected attributes replace those
 * a resource has ({@code override}), the bound on one detection ({@code timeout}, confighttp's key),
 * how often to detect again ({@code refresh_interval}, 0 for never) and each detector's section.
 */
public record ResourceDetectionConfig(
        List<String> detectors,
        boolean override,
        Duration timeout,
        Duration refreshInterval,
        SystemConfig system,
        Ec2Config ec2,
        EcsConfig ecs,
        EksConfig eks,
        GcpConfig gcp,
        AzureConfig azure,
        K8sNodeConfig k8snode) implements Validated {
    public static final ResourceDetectionConfig DEFAULT = new ResourceDetectionConfig(List.of(EnvDetector.TYPE), true,
            Duration.ofSeconds(5), Duration.ZERO, SystemConfig.DEFAULT, Ec2Config.DEFAULT, EcsConfig.DEFAULT, EksConfig.DEFAULT,
            GcpConfig.DEFAULT, AzureConfig.DEFAULT, K8sNodeConfig.DEFAULT);

    /** The detectors this processor has. */
    static final Set<String> SUPPORTED = Set.of("env", "system", "ec2", "ecs", "eks", "gcp", "azure", "k8snode");
    /** otelcol's other detectors, which are refused with a message saying so rather than as unknown. */
    private static final Set<String> NOT_SUPPORTED = Set.of("akamai", "alibaba_ecs", "aks", "consul", "digitalocean", "docker",
            "dynatrace", "elasticbeanstalk", "heroku", "hetzner", "ibmcloud_vpc", "kubeadm", "lambda", "nova", "openshift",
            "oraclecloud", "scaleway", "tencent_cvm", "upcloud", "vultr");

    public ResourceDetectionConfig {
        // otelcol trims each name before it looks the detector up.
        detectors = detectors == null ? List.of() : detectors.stream().map(String::strip).toList();
    }

    @Override
    public void validate() {
        Problems problems = new Problems();
        String supported = String.join(", ", new TreeSet<>(SUPPORTED));
        for (String detector : detectors) {
            if (NOT_SUPPORTED.contains(detector)) {
                problems.add("detectors", "the " + detector + " detector is not supported by Tributary; supported detectors: " + supported);
            } else if (!SUPPORTED.contains(detector)) {
                problems.add("detectors", "invalid detector key: " + detector + "; supported detectors: " + supported);
            }
        }
        problems.throwIfAny();
    }
}
