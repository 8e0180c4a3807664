package io.tributary.processor.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A Kubernetes API client for an {@code auth_type}, as otelcol's k8sconfig builds one:
 * {@code serviceAccount} and {@code none} reach {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT}
 * (with the pod's service account token and CA, or with no credentials and no certificate check);
 * {@code kubeConfig} reads {@code $KUBECONFIG} or {@code ~/.kube/config}, at {@code context} when given.
 * Shared by the components that ask the API: k8sattributes and resourcedetection's k8snode and eks.
 */
public final class ApiClients {
    private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private ApiClients() {
    }

    /**
     * @param env the process environment (a test's stand-in)
     * @throws IllegalStateException with otelcol's message when the API server's address is unknown
     * @throws IllegalArgumentException for {@code auth_type: tls}, which Tributary does not support
     */
    public static KubernetesClient create(String authType, String context, UnaryOperator<String> env) {
        Config config;
        if (authType.equals("kubeConfig")) {
            // fabric8 would fall back to in-cluster settings or defaults; client-go's loader refuses to
            if (Config.getKubeconfigFilenames().stream().noneMatch(name -> Files.isRegularFile(Path.of(name)))) {
                throw new IllegalStateException("error connecting to k8s with auth_type=kubeConfig: invalid configuration: "
                        + "no configuration has been provided, try setting KUBERNETES_MASTER environment variable");
            }
            try {
                config = Config.autoConfigure(context.isEmpty() ? null : context);
            } catch (KubernetesClientException e) {
                throw new IllegalStateException("error connecting to k8s with auth_type=kubeConfig: " + e.getMessage(), e);
            }
        } else {
            String host = env.apply("KUBERNETES_SERVICE_HOST");
            String port = env.apply("KUBERNETES_SERVICE_PORT");
            if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
                throw new IllegalStateException(
                        "unable to load k8s config, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined");
            }
            String url = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(url);
            if (authType.equals("none")) {
                builder.withTrustCerts(true).withDisableHostnameVerification(true);
            } else if (!authType.equals("serviceAccount")) {
                throw new IllegalArgumentException("auth_type " + authType + " is not supported by Tributary");
            } else {
                builder.withCaCertFile(SERVICE_ACCOUNT.resolve("ca.crt").toString())
                        // read per request: the kubelet rotates projected tokens
                        .withOauthTokenProvider(() -> readToken(SERVICE_ACCOUNT.resolve("token")));
            }
            config = builder.build();
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service account token " + file, e);
        }
    }
}
