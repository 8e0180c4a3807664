package io.tributary.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What fabric8's Kubernetes client costs a JVM in classes and metaspace: once built, and once its
 * informers for pods (of one node), namespaces, nodes and ReplicaSets (k8sattributes' daemonset
 * watches) have synced, either typed (the model's classes, as k8sattributes uses them) or untyped
 * ({@code GenericKubernetesResource}). Run it in a JVM of its own against an API server outside
 * it ({@link FakeKubeApi}), so that only the client's classes are counted:
 *
 * <pre>
 * java -cp bench/target/tributary-bench.jar io.tributary.bench.FakeKubeApi --port 0 --kubeconfig /tmp/kubeconfig &amp;
 * KUBECONFIG=/tmp/kubeconfig java -XX:TieredStopAtLevel=1 -cp bench/target/tributary-bench.jar \
 *     io.tributary.bench.KubeClientFootprint --informers typed
 * </pre>
 */
public final class KubeClientFootprint {
    private KubeClientFootprint() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args, Map.of("informers", "typed", "node", FakeKubeApi.NODE));
        String node = flags.string("node");
        report("JVM before the client");
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build()) {
            report("client built");
            List<SharedIndexInformer<?>> informers = switch (flags.string("informers")) {
                case "typed" -> List.of(
                        client.pods().inAnyNamespace().withField("spec.nodeName", node).runnableInformer(0),
                        client.namespaces().runnableInformer(0),
                        client.nodes().runnableInformer(0),
                        client.apps().replicaSets().inAnyNamespace().runnableInformer(0));
                case "generic" -> List.of(
                        client.genericKubernetesResources("v1", "Pod").inAnyNamespace().withField("spec.nodeName", node).runnableInformer(0),
                        client.genericKubernetesResources("v1", "Namespace").runnableInformer(0),
                        client.genericKubernetesResources("v1", "Node").runnableInformer(0),
                        client.genericKubernetesResources("apps/v1", "ReplicaSet").inAnyNamespace().runnableInformer(0));
                default -> throw new IllegalArgumentException("--informers wants typed or generic");
            };
            for (SharedIndexInformer<?> informer : informers) {
                informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            int objects = informers.stream().mapToInt(informer -> informer.getStore().list().size()).sum();
            report(flags.string("informers") + " informers synced (" + objects + " objects)");
            informers.forEach(SharedIndexInformer::close);
        }
    }

    private static void report(String when) {
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        System.out.printf("%-45s %6d classes loaded, metaspace %5.1f MiB used%n", when,
                ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(), metaspace / 1048576.0);
    }
}
