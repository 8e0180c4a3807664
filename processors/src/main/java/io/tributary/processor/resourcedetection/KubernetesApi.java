package io.tributary.processor.resourcedetection;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How the detectors that ask the Kubernetes API reach it, by otelcol's {@code auth_type}:
 * {@code serviceAccount} (the pod's token and CA, at {@code KUBERNETES_SERVICE_HOST:PORT}),
 * {@code kubeConfig} (the kube config file, its {@code context} or the current one) or {@code none}
 * (no credentials, the server's certificate not checked, as otelcol). Tests connect to a mock API server instead.
 */
interface KubernetesApi {
    String NONE = "none";
    String SERVICE_ACCOUNT = "serviceAccount";
    String KUBE_CONFIG = "kubeConfig";
    String TLS = "tls";

    KubernetesApi REAL = KubernetesApi::connectToCluster;

    /** @throws IllegalArgumentException when the API cannot be configured this way here */
    KubernetesClient connect(String authType, String context, Function<String, String> env);

    private static KubernetesClient connectToCluster(String authType, String context, Function<String, String> env) {
        Config config;
        if (authType.equals(KUBE_CONFIG)) {
            config = Config.autoConfigure(context.isEmpty() ? null : context);
        } else {
            String host = env.apply("KUBERNETES_SERVICE_HOST");
            String port = env.apply("KUBERNETES_SERVICE_PORT");
            if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
                throw new IllegalArgumentException(
                        "unable to load k8s config, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined");
            }
            String master = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(master);
            switch (authType) {
                case NONE -> builder.withTrustCerts(true);
                case SERVICE_ACCOUNT -> {
                    Path account = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
                    // Read at each request: the kubelet rotates the projected token.
                    builder.withCaCertFile(account.resolve("ca.crt").toString())
                            .withOauthTokenProvider(() -> read(account.resolve("token")));
                }
                default -> throw new IllegalArgumentException("auth_type " + authType + " is not supported by Tributary's detectors");
            }
            config = builder.build();
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
