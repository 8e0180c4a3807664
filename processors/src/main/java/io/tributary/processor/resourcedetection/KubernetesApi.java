package io.tributary.processor.resourcedetection;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.processor.kubernetes.ApiClients;
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

    KubernetesApi REAL = (authType, context, env) -> ApiClients.create(authType, context, env::apply);

    /** @throws IllegalArgumentException when the API cannot be configured this way here */
    KubernetesClient connect(String authType, String context, Function<String, String> env);
}
