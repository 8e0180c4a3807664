package io.tributary.exporter.loadbalancing;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tributary.exporter.loadbalancing.LoadBalancingExporterConfig.K8sResolverConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code resolver.k8s}: watches the EndpointSlices of {@code service} ({@code name.namespace};
 * without a namespace, the pod's own, else {@code default}) through a fabric8 informer, and
 * answers one backend per ready address and configured port ({@code address:port}), or per pod
 * hostname ({@code hostname.service.namespace:port}) with {@code return_hostnames}. It needs
 * {@code get}, {@code list} and {@code watch} on {@code discovery.k8s.io/endpointslices}.
 */
final class K8sResolver implements Resolver {
    private static final Logger log = LoggerFactory.getLogger(K8sResolver.class);
    private static final Path POD_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private final K8sResolverConfig config;
    private final Supplier<KubernetesClient> clients;
    private final LoadBalancerMetrics metrics;
    private final String name;
    private final String namespace;
    private KubernetesClient client;
    private SharedIndexInformer<EndpointSlice> informer;
    private Consumer<List<String>> onChange;
    private List<String> last;

    K8sResolver(K8sResolverConfig config, Supplier<KubernetesClient> clients, LoadBalancerMetrics metrics) {
        this.config = config;
        this.clients = clients;
        this.metrics = metrics;
        int dot = config.service().indexOf('.');
        this.name = dot < 0 ? config.service() : config.service().substring(0, dot);
        this.namespace = dot < 0 ? podNamespace() : config.service().substring(dot + 1);
    }

    /** The client for the cluster this pod runs in (service account), or the kubeconfig's outside one. */
    static Supplier<KubernetesClient> inCluster() {
        return () -> new KubernetesClientBuilder().build();
    }

    @Override
    public void start(Consumer<List<String>> onChange) throws Exception {
        this.onChange = onChange;
        client = clients.get();
        informer = client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", name).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                update();
            }

            @Override
            public void onUpdate(EndpointSlice before, EndpointSlice after) {
                update();
            }

            @Override
            public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
                update();
            }
        });
        try {
            informer.start().toCompletableFuture().get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            metrics.resolution(false);
            log.warn("Load balancer: the EndpointSlices of {}.{} were not listed within {}; backends follow when they are",
                    name, namespace, config.timeout());
        }
    }

    /** Recomputes the answer from the informer's cache; informer callbacks come one at a time. */
    private synchronized void update() {
        TreeSet<String> endpoints = new TreeSet<>();
        for (EndpointSlice slice : informer.getStore().list()) {
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (endpoint.getConditions() != null && Boolean.FALSE.equals(endpoint.getConditions().getReady())) {
                    continue;
                }
                for (String host : hosts(endpoint)) {
                    for (int port : config.ports()) {
                        endpoints.add(host + ":" + port);
                    }
                }
            }
        }
        metrics.resolution(true);
        List<String> answer = List.copyOf(endpoints);
        if (!answer.equals(last)) {
            last = answer;
            onChange.accept(answer);
        }
    }

    private List<String> hosts(Endpoint endpoint) {
        if (config.returnHostnames()) {
            return endpoint.getHostname() == null ? List.of() : List.of(endpoint.getHostname() + "." + name + "." + namespace);
        }
        return endpoint.getAddresses().stream().map(a -> a.contains(":") ? "[" + a + "]" : a).toList();
    }

    @Override
    public void shutdown() {
        if (informer != null) {
            informer.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private static String podNamespace() {
        try {
            return Files.readString(POD_NAMESPACE).trim();
        } catch (IOException e) {
            return "default";
        }
    }
}
