package io.tributary.processor.k8sattributes.kube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watched objects reduced to what extraction needs: pods by every identifier they can be
 * found by, namespaces and nodes by name, the Deployment of each ReplicaSet and the CronJob of
 * each Job by UID. Readers (every resource of every batch) never lock; writers are the informers'
 * event threads.
 *
 * <p>A deleted pod stays findable for {@link #DELETE_GRACE_PERIOD}, as in otelcol: data a pod
 * sent just before it went away still gets its attributes. A pod (re)created at an identifier
 * (its IP, say) replaces the one there unless it started earlier.
 */
public final class KubeStore {
    /** otelcol's pod delete grace period. */
    public static final Duration DELETE_GRACE_PERIOD = Duration.ofMinutes(2);
    /** How often otelcol drops the pods whose grace period ended. */
    public static final Duration DELETE_INTERVAL = Duration.ofSeconds(30);

    /** A namespace's UID and the attributes its labels and annotations give. */
    public record Namespace(String uid, Map<String, String> attributes) {
    }

    /** A node's UID and the attributes its labels and annotations give. */
    public record Node(String uid, Map<String, String> attributes) {
    }

    /** The controller that owns a ReplicaSet (a Deployment) or a Job (a CronJob); "" when none. */
    public record Owner(String name, String uid) {
        static final Owner NONE = new Owner("", "");
    }

    private record DeleteRequest(PodIdentifier id, String uid, Instant at) {
    }

    private final Clock clock;
    private final Map<PodIdentifier, PodRecord> pods = new ConcurrentHashMap<>();
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, Owner> replicaSetOwners = new ConcurrentHashMap<>();
    private final Map<String, Owner> jobOwners = new ConcurrentHashMap<>();
    /** The attributes of each watched workload's labels and annotations, by {@code <kind>/<uid>}. */
    private final Map<String, Map<String, String>> workloads = new ConcurrentHashMap<>();
    /** In the order of deletion, so the expired ones are a prefix. */
    private final ArrayDeque<DeleteRequest> deleteQueue = new ArrayDeque<>();

    public KubeStore(Clock clock) {
        this.clock = clock;
    }

    /** The pod at {@code id}, possibly an {@linkplain PodRecord#ignored() ignored} one; empty when none is. */
    public Optional<PodRecord> pod(PodIdentifier id) {
        return Optional.ofNullable(pods.get(id));
    }

    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    Owner replicaSetOwner(String uid) {
        return replicaSetOwners.getOrDefault(uid, Owner.NONE);
    }

    Owner jobOwner(String uid) {
        return jobOwners.getOrDefault(uid, Owner.NONE);
    }

    /** The attributes the labels and annotations of the workload of {@code kind} (deployment, statefulset, daemonset, job) give. */
    public Map<String, String> workload(String kind, String uid) {
        return workloads.getOrDefault(kind + "/" + uid, Map.of());
    }

    /** How many identifiers lead to a pod (otelcol's pod table size). */
    public int podTableSize() {
        return pods.size();
    }

    /** Files {@code pod} at each of {@code ids}, unless a pod that started later is already there. */
    synchronized void putPod(PodRecord pod, Iterable<PodIdentifier> ids) {
        for (PodIdentifier id : ids) {
            PodRecord existing = pods.get(id);
            if (existing != null && pod.startTime() != null && existing.startTime() != null
                    && pod.startTime().isBefore(existing.startTime())) {
                continue;
            }
            pods.put(id, pod);
        }
    }

    /** Starts the grace period of the deleted pod {@code uid} at each of {@code ids} still leading to it. */
    synchronized void deletePod(String uid, Iterable<PodIdentifier> ids) {
        Instant now = clock.instant();
        for (PodIdentifier id : ids) {
            PodRecord existing = pods.get(id);
            if (existing != null && existing.uid().equals(uid)) {
                deleteQueue.add(new DeleteRequest(id, uid, now));
            }
        }
    }

    /** Forgets the deleted pods whose grace period has ended, unless another pod took their identifier meanwhile. */
    public synchronized void expireDeletedPods() {
        Instant cutoff = clock.instant().minus(DELETE_GRACE_PERIOD);
        while (!deleteQueue.isEmpty() && !deleteQueue.peek().at().isAfter(cutoff)) {
            DeleteRequest request = deleteQueue.poll();
            pods.computeIfPresent(request.id(), (id, pod) -> pod.uid().equals(request.uid()) ? null : pod);
        }
    }

    void putNamespace(String name, Namespace namespace) {
        namespaces.put(name, namespace);
    }

    void removeNamespace(String name) {
        namespaces.remove(name);
    }

    void putNode(String name, Node node) {
        nodes.put(name, node);
    }

    void removeNode(String name) {
        nodes.remove(name);
    }

    void putReplicaSet(String uid, Owner deployment) {
        replicaSetOwners.put(uid, deployment);
    }

    void removeReplicaSet(String uid) {
        replicaSetOwners.remove(uid);
    }

    void putJob(String uid, Owner cronJob) {
        jobOwners.put(uid, cronJob);
    }

    void removeJob(String uid) {
        jobOwners.remove(uid);
    }

    void putWorkload(String kind, String uid, Map<String, String> attributes) {
        workloads.put(kind + "/" + uid, attributes);
    }

    void removeWorkload(String kind, String uid) {
        workloads.remove(kind + "/" + uid);
    }
}
