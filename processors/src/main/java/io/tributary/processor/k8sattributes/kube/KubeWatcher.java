package io.tributary.processor.k8sattributes.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the API server with fabric8 informers and keeps the {@link KubeStore} current: pods
 * (narrowed by the filters), and only when a rule needs them namespaces (all, or kube-system
 * alone for the cluster UID), nodes, ReplicaSets (a pod's Deployment), Jobs (a pod's CronJob
 * UID) and Deployments, StatefulSets, DaemonSets and Jobs for their labels and annotations. As in otelcol, the pod watch starts once the others have synced (or after 5 s), so a
 * pod's first record already has its owners; every informer resyncs each 5 minutes and retries a
 * failed list or watch for as long as it runs, so a collector started before its API server catches up.
 */
public final class KubeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubeWatcher.class);
    /** otelcol's informer resync period. */
    static final Duration RESYNC = Duration.ofMinutes(5);
    /** How long the pod watch waits for the others before starting anyway, as otelcol. */
    static final Duration DEPENDENCIES_WAIT = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final Rules rules;
    private final Filters filters;
    private final KubeStore store;
    private final KubeMetrics metrics;
    private final PodExtractor extractor;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private boolean closed;

    public KubeWatcher(KubernetesClient client, Rules rules, Filters filters, KubeStore store, KubeMetrics metrics) {
        this.client = client;
        this.rules = rules;
        this.filters = filters;
        this.store = store;
        this.metrics = metrics;
        this.extractor = new PodExtractor(rules, store);
    }

    /** Starts every watch; the future completes when the pod watch has listed every pod. */
    public CompletableFuture<Void> start() {
        List<CompletableFuture<Void>> dependencies = new ArrayList<>();
        if (rules.watchesReplicaSets()) {
            var replicaSets = filters.namespace().isEmpty() ? client.apps().replicaSets().inAnyNamespace()
                    : client.apps().replicaSets().inNamespace(filters.namespace());
            dependencies.add(run(replicaSets.runnableInformer(RESYNC.toMillis()), "replicaset", "ReplicaSet",
                    rs -> store.putReplicaSet(uid(rs), controller(rs, "Deployment")), rs -> store.removeReplicaSet(uid(rs))));
        }
        if (rules.watchesNamespaces() || rules.watchesKubeSystem()) {
            var namespaces = rules.watchesNamespaces() ? client.namespaces() : client.namespaces().withField("metadata.name", "kube-system");
            dependencies.add(run(namespaces.runnableInformer(RESYNC.toMillis()), "namespace", "namespace",
                    ns -> store.putNamespace(ns.getMetadata().getName(), new KubeStore.Namespace(uid(ns),
                            Map.copyOf(fromMetadata(ns.getMetadata(), FieldRule.FROM_NAMESPACE, "k8s.namespace.labels.",
                            "k8s.namespace.annotations.")))),
                    ns -> store.removeNamespace(ns.getMetadata().getName())));
        }
        if (rules.watchesNodes()) {
            var nodes = filters.node().isEmpty() ? client.nodes() : client.nodes().withField("metadata.name", filters.node());
            dependencies.add(run(nodes.runnableInformer(RESYNC.toMillis()), "node", "node",
                    node -> store.putNode(node.getMetadata().getName(), new KubeStore.Node(uid(node),
                            Map.copyOf(fromMetadata(node.getMetadata(), FieldRule.FROM_NODE, "k8s.node.labels.", "k8s.node.annotations.")))),
                    node -> store.removeNode(node.getMetadata().getName())));
        }
        if (rules.watchesJobs() || rules.reads("job")) {
            var jobs = filters.namespace().isEmpty() ? client.batch().v1().jobs().inAnyNamespace()
                    : client.batch().v1().jobs().inNamespace(filters.namespace());
            dependencies.add(run(jobs.runnableInformer(RESYNC.toMillis()), "job", "job", job -> {
                store.putJob(uid(job), controller(job, "CronJob"));
                putWorkload("job", job);
            }, job -> {
                store.removeJob(uid(job));
                store.removeWorkload("job", uid(job));
            }));
        }
        if (rules.reads("deployment")) {
            var deployments = filters.namespace().isEmpty() ? client.apps().deployments().inAnyNamespace()
                    : client.apps().deployments().inNamespace(filters.namespace());
            dependencies.add(runWorkloads(deployments.runnableInformer(RESYNC.toMillis()), "deployment"));
        }
        if (rules.reads("statefulset")) {
            var statefulSets = filters.namespace().isEmpty() ? client.apps().statefulSets().inAnyNamespace()
                    : client.apps().statefulSets().inNamespace(filters.namespace());
            dependencies.add(runWorkloads(statefulSets.runnableInformer(RESYNC.toMillis()), "statefulset"));
        }
        if (rules.reads("daemonset")) {
            var daemonSets = filters.namespace().isEmpty() ? client.apps().daemonSets().inAnyNamespace()
                    : client.apps().daemonSets().inNamespace(filters.namespace());
            dependencies.add(runWorkloads(daemonSets.runnableInformer(RESYNC.toMillis()), "daemonset"));
        }
        SharedIndexInformer<Pod> pods = pods().runnableInformer(RESYNC.toMillis());
        pods.itemStore(new SlimStore<>(this::slim));
        return CompletableFuture.allOf(dependencies.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, DEPENDENCIES_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> null)
                .thenCompose(ready -> run(pods, "pod", "pod", this::putPod, this::deletePod));
    }

    /** Watches a workload kind for its labels and annotations. */
    private <T extends HasMetadata> CompletableFuture<Void> runWorkloads(SharedIndexInformer<T> informer, String kind) {
        return run(informer, kind, kind, workload -> putWorkload(kind, workload), workload -> store.removeWorkload(kind, uid(workload)));
    }

    /** Files what a workload's labels and annotations give, as otelcol under the stable names ({@code k8s.<kind>.label.<key>}). */
    private void putWorkload(String kind, HasMetadata workload) {
        if (rules.reads(kind)) {
            store.putWorkload(kind, uid(workload),
                    Map.copyOf(fromMetadata(workload.getMetadata(), kind, "k8s." + kind + ".label.", "k8s." + kind + ".annotation.")));
        }
    }

    private FilterWatchListDeletable<Pod, ?, ?> pods() {
        FilterWatchListDeletable<Pod, ?, ?> pods = filters.namespace().isEmpty() ? client.pods().inAnyNamespace()
                : client.pods().inNamespace(filters.namespace());
        for (Filters.Term label : filters.labels()) {
            pods = switch (label.op()) {
                case "not-equals" -> pods.withoutLabel(label.key(), label.value());
                case "exists" -> pods.withLabel(label.key());
                case "does-not-exist" -> pods.withoutLabel(label.key());
                default -> pods.withLabel(label.key(), label.value());
            };
        }
        for (Filters.Term field : filters.fields()) {
            pods = field.op().equals("not-equals") ? pods.withoutField(field.key(), field.value()) : pods.withField(field.key(), field.value());
        }
        if (!filters.node().isEmpty()) {
            pods = pods.withField("spec.nodeName", filters.node());
        }
        return pods;
    }

    private void putPod(Pod pod) {
        PodRecord record = extractor.record(pod);
        store.putPod(record, extractor.identifiers(record));
        metrics.podTableSize(store);
    }

    private void deletePod(Pod pod) {
        PodRecord record = extractor.record(pod);
        store.deletePod(record.uid(), extractor.identifiers(record));
    }

    /**
     * Starts {@code informer} with the store updates for its events, counted under {@code kind};
     * the future completes once the handler has handled every object of the first list.
     */
    private <T extends HasMetadata> CompletableFuture<Void> run(SharedIndexInformer<T> informer, String kind, String described,
            Consumer<T> put, Consumer<T> remove) {
        InitialSync initialSync = new InitialSync();
        BiConsumer<T, KubeMetrics.Event> counted = (object, event) -> {
            metrics.event(kind, described, event);
            try {
                if (event == KubeMetrics.Event.DELETED) {
                    remove.accept(object);
                } else {
                    put.accept(object);
                }
            } catch (RuntimeException e) {
                LOG.warn("k8sattributes: cannot process a {} event of {}", kind, object.getMetadata().getName(), e);
            } finally {
                // after the store has it: a start waiting for the sync then finds every listed object
                initialSync.handled(Cache.metaNamespaceKeyFunc(object));
            }
        };
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                counted.accept(object, KubeMetrics.Event.ADDED);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                counted.accept(newObject, KubeMetrics.Event.UPDATED);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                counted.accept(object, KubeMetrics.Event.DELETED);
            }
        });
        // client-go's reflectors retry with backoff for as long as they run; fabric8's default gives up on a failed first list
        informer.exceptionHandler((started, failure) -> {
            LOG.debug("k8sattributes: the {} watch failed, retrying", kind, failure);
            return true;
        });
        synchronized (informers) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the watch is closed"));
            }
            informers.add(informer);
        }
        informer.start().whenComplete((listed, failure) -> {
            if (failure != null) {
                initialSync.failed(failure);
            } else {
                initialSync.listed(informer.getStore().listKeys());
            }
        });
        return initialSync.done();
    }

    /** The labels and annotations of a namespace, node or workload that rules {@code from} it give. */
    private Map<String, String> fromMetadata(ObjectMeta meta, String from, String labelPrefix, String annotationPrefix) {
        Map<String, String> tags = new HashMap<>();
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        for (FieldRule rule : rules.labels()) {
            if (rule.from().equals(from)) {
                rule.extract(labels, tags, labelPrefix);
            }
        }
        for (FieldRule rule : rules.annotations()) {
            if (rule.from().equals(from)) {
                rule.extract(annotations, tags, annotationPrefix);
            }
        }
        return tags;
    }

    /** What the informer's cache keeps of a pod: what a later delete event needs to find where the pod was filed. */
    private Pod slim(Pod pod) {
        ObjectMeta meta = pod.getMetadata();
        ObjectMeta kept = new ObjectMeta();
        kept.setName(meta.getName());
        kept.setNamespace(meta.getNamespace());
        kept.setUid(meta.getUid());
        kept.setResourceVersion(meta.getResourceVersion());
        kept.setCreationTimestamp(meta.getCreationTimestamp());
        kept.setLabels(meta.getLabels());
        kept.setAnnotations(meta.getAnnotations());
        kept.setOwnerReferences(meta.getOwnerReferences());
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodSpec keptSpec = new PodSpec();
        keptSpec.setNodeName(spec.getNodeName());
        keptSpec.setHostname(spec.getHostname());
        keptSpec.setHostNetwork(spec.getHostNetwork());
        keptSpec.setContainers(containers(spec.getContainers()));
        keptSpec.setInitContainers(containers(spec.getInitContainers()));
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        PodStatus keptStatus = new PodStatus();
        keptStatus.setPodIP(status.getPodIP());
        keptStatus.setStartTime(status.getStartTime());
        keptStatus.setContainerStatuses(statuses(status.getContainerStatuses()));
        keptStatus.setInitContainerStatuses(statuses(status.getInitContainerStatuses()));
        Pod slim = new Pod();
        slim.setMetadata(kept);
        slim.setSpec(keptSpec);
        slim.setStatus(keptStatus);
        return slim;
    }

    private static List<Container> containers(List<Container> containers) {
        if (containers == null) {
            return List.of();
        }
        return containers.stream().map(c -> {
            Container kept = new Container();
            kept.setName(c.getName());
            kept.setImage(c.getImage());
            return kept;
        }).toList();
    }

    private static List<ContainerStatus> statuses(List<ContainerStatus> statuses) {
        if (statuses == null) {
            return List.of();
        }
        return statuses.stream().map(s -> {
            ContainerStatus kept = new ContainerStatus();
            kept.setName(s.getName());
            kept.setContainerID(s.getContainerID());
            kept.setImageID(s.getImageID());
            kept.setRestartCount(s.getRestartCount());
            return kept;
        }).toList();
    }

    private static String uid(HasMetadata object) {
        return PodExtractor.text(object.getMetadata().getUid());
    }

    /** The controlling owner of kind {@code kind} of {@code object}, as otelcol reads a ReplicaSet's Deployment and a Job's CronJob. */
    private static KubeStore.Owner controller(HasMetadata object, String kind) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        if (owners != null) {
            for (OwnerReference owner : owners) {
                if (kind.equals(owner.getKind()) && Boolean.TRUE.equals(owner.getController())) {
                    return new KubeStore.Owner(PodExtractor.text(owner.getName()), PodExtractor.text(owner.getUid()));
                }
            }
        }
        return KubeStore.Owner.NONE;
    }

    /** Stops every watch and closes the client. */
    @Override
    public void close() {
        List<SharedIndexInformer<?>> running;
        synchronized (informers) {
            closed = true;
            running = List.copyOf(informers);
            informers.clear();
        }
        // closing one may complete the dependencies' future, which then finds the watch closed
        running.forEach(SharedIndexInformer::close);
        client.close();
    }
}
