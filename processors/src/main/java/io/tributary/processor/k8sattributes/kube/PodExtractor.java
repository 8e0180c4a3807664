package io.tributary.processor.k8sattributes.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.tributary.processor.filterset.GoRegex;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a Pod to its {@link PodRecord} and the identifiers it is filed under, by the rules, as
 * otelcol's watch client does on each pod event. The owner lookups (a ReplicaSet's Deployment, a
 * Job's CronJob, the cluster UID) read the store as it is at that event.
 */
final class PodExtractor {
    private static final String IGNORE_ANNOTATION = "opentelemetry.io/k8s-processor/ignore";
    private static final Pattern CRONJOB_JOB_NAME = Pattern.compile("^(.*)-\\d+$");
    private static final Pattern DEPLOYMENT_HASH = Pattern.compile("^[a-z0-9]{10}$");

    private final Rules rules;
    private final KubeStore store;

    PodExtractor(Rules rules, KubeStore store) {
        this.rules = rules;
        this.store = store;
    }

    PodRecord record(Pod pod) {
        ObjectMeta meta = pod.getMetadata();
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        boolean ignored = ignored(meta);
        return new PodRecord(text(meta.getName()), text(meta.getNamespace()), text(meta.getUid()), text(status.getPodIP()),
                Boolean.TRUE.equals(spec.getHostNetwork()), text(spec.getNodeName()), instant(status.getStartTime()), ignored,
                ignored ? Map.of() : Map.copyOf(attributes(meta, spec, status)),
                ignored || !rules.needsContainers() ? PodRecord.Containers.NONE : containers(meta, spec, status), workloads(meta));
    }

    /** The pod's workloads by kind: its controllers' UIDs, and for a ReplicaSet its Deployment's (when known). */
    private Map<String, String> workloads(ObjectMeta meta) {
        Map<String, String> workloads = new HashMap<>();
        for (OwnerReference owner : list(meta.getOwnerReferences())) {
            String uid = text(owner.getUid());
            switch (text(owner.getKind())) {
                case "ReplicaSet" -> workloads.put("deployment", store.replicaSetOwner(uid).uid());
                case "StatefulSet" -> workloads.put("statefulset", uid);
                case "DaemonSet" -> workloads.put("daemonset", uid);
                case "Job" -> workloads.put("job", uid);
                default -> {
                }
            }
        }
        workloads.values().removeIf(String::isEmpty);
        return Map.copyOf(workloads);
    }

    private boolean ignored(ObjectMeta meta) {
        String ignore = meta.getAnnotations() == null ? null : meta.getAnnotations().get(IGNORE_ANNOTATION);
        if (ignore != null && ignore.strip().toLowerCase(Locale.ROOT).equals("true")) {
            return true;
        }
        for (GoRegex excluded : rules.excludedPods()) {
            if (excluded.matches(text(meta.getName()))) {
                return true;
            }
        }
        return false;
    }

    /** otelcol's pod attributes; later steps overwrite earlier ones (service.name: pod, owner, annotation, then labels). */
    private Map<String, String> attributes(ObjectMeta meta, PodSpec spec, PodStatus status) {
        Map<String, String> tags = new LinkedHashMap<>();
        putIf(tags, MetadataKeys.POD_NAME, text(meta.getName()));
        putIf(tags, MetadataKeys.SERVICE_NAME, text(meta.getName()));
        putIf(tags, MetadataKeys.POD_HOSTNAME, text(spec.getHostname()));
        putIf(tags, MetadataKeys.POD_IP, text(status.getPodIP()));
        putIf(tags, MetadataKeys.NAMESPACE_NAME, text(meta.getNamespace()));
        putIf(tags, MetadataKeys.SERVICE_NAMESPACE, text(meta.getNamespace()));
        if (rules.has(MetadataKeys.POD_START_TIME) && meta.getCreationTimestamp() != null && !meta.getCreationTimestamp().isEmpty()) {
            tags.put(MetadataKeys.POD_START_TIME, meta.getCreationTimestamp());
        }
        putIf(tags, MetadataKeys.POD_UID, text(meta.getUid()));
        if (meta.getOwnerReferences() != null) {
            for (OwnerReference owner : meta.getOwnerReferences()) {
                owner(tags, owner);
            }
        }
        putIf(tags, MetadataKeys.NODE_NAME, text(spec.getNodeName()));
        if (rules.has(MetadataKeys.CLUSTER_UID)) {
            store.namespace("kube-system").ifPresent(kubeSystem -> tags.put(MetadataKeys.CLUSTER_UID, kubeSystem.uid()));
        }
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        for (FieldRule rule : rules.labels()) {
            if (rule.from().equals(FieldRule.FROM_POD)) {
                rule.extract(labels, tags, "k8s.pod.labels.");
            }
        }
        for (FieldRule rule : rules.annotations()) {
            if (rule.from().equals(FieldRule.FROM_POD)) {
                rule.extract(annotations, tags, "k8s.pod.annotations.");
            }
        }
        if (rules.has(MetadataKeys.SERVICE_NAME)) {
            copyLabel(labels, tags, "app.kubernetes.io/name", MetadataKeys.SERVICE_NAME);
            copyLabel(labels, tags, "app.kubernetes.io/instance", MetadataKeys.SERVICE_NAME);
        }
        if (rules.has(MetadataKeys.SERVICE_VERSION)) {
            copyLabel(labels, tags, "app.kubernetes.io/version", MetadataKeys.SERVICE_VERSION);
        }
        return tags;
    }

    private void owner(Map<String, String> tags, OwnerReference owner) {
        String name = text(owner.getName());
        String uid = text(owner.getUid());
        switch (text(owner.getKind())) {
            case "ReplicaSet" -> {
                putIf(tags, MetadataKeys.REPLICASET_UID, uid);
                putIf(tags, MetadataKeys.REPLICASET_NAME, name);
                putIf(tags, MetadataKeys.SERVICE_NAME, name);
                if (rules.has(MetadataKeys.DEPLOYMENT_NAME) || rules.has(MetadataKeys.SERVICE_NAME)) {
                    String deployment = rules.deploymentNameFromReplicaSet() ? deploymentFromReplicaSetName(name)
                            : store.replicaSetOwner(uid).name();
                    if (!deployment.isEmpty()) {
                        putIf(tags, MetadataKeys.DEPLOYMENT_NAME, deployment);
                        putIf(tags, MetadataKeys.SERVICE_NAME, deployment);
                    }
                }
                String deploymentUid = store.replicaSetOwner(uid).uid();
                if (!deploymentUid.isEmpty()) {
                    putIf(tags, MetadataKeys.DEPLOYMENT_UID, deploymentUid);
                }
            }
            case "DaemonSet" -> {
                putIf(tags, MetadataKeys.DAEMONSET_UID, uid);
                putIf(tags, MetadataKeys.DAEMONSET_NAME, name);
                putIf(tags, MetadataKeys.SERVICE_NAME, name);
            }
            case "StatefulSet" -> {
                putIf(tags, MetadataKeys.STATEFULSET_UID, uid);
                putIf(tags, MetadataKeys.STATEFULSET_NAME, name);
                putIf(tags, MetadataKeys.SERVICE_NAME, name);
            }
            case "Job" -> {
                putIf(tags, MetadataKeys.JOB_UID, uid);
                putIf(tags, MetadataKeys.JOB_NAME, name);
                putIf(tags, MetadataKeys.SERVICE_NAME, name);
                Matcher cronJob = CRONJOB_JOB_NAME.matcher(name);
                if (cronJob.matches()) {
                    putIf(tags, MetadataKeys.CRONJOB_NAME, cronJob.group(1));
                    putIf(tags, MetadataKeys.SERVICE_NAME, cronJob.group(1));
                }
                String cronJobUid = store.jobOwner(uid).uid();
                if (!cronJobUid.isEmpty()) {
                    putIf(tags, MetadataKeys.CRONJOB_UID, cronJobUid);
                }
            }
            default -> {
            }
        }
    }

    /** otelcol's {@code deployment_name_from_replicaset}: the name without a last part of ten lower-case letters or digits. */
    static String deploymentFromReplicaSetName(String replicaSet) {
        int dash = replicaSet.lastIndexOf('-');
        if (dash < 0 || !DEPLOYMENT_HASH.matcher(replicaSet.substring(dash + 1)).matches()) {
            return "";
        }
        return replicaSet.substring(0, dash);
    }

    private PodRecord.Containers containers(ObjectMeta meta, PodSpec spec, PodStatus status) {
        Map<String, ContainerBuilder> byName = new HashMap<>();
        if (rules.any(MetadataKeys.CONTAINER_IMAGE_NAME, MetadataKeys.CONTAINER_IMAGE_TAG, MetadataKeys.SERVICE_VERSION,
                MetadataKeys.SERVICE_INSTANCE_ID)) {
            List<io.fabric8.kubernetes.api.model.Container> specs = new ArrayList<>(list(spec.getContainers()));
            specs.addAll(list(spec.getInitContainers()));
            for (io.fabric8.kubernetes.api.model.Container container : specs) {
                ContainerBuilder built = new ContainerBuilder();
                Optional<ImageReference> image = ImageReference.parse(container.getImage());
                image.ifPresent(reference -> {
                    if (rules.has(MetadataKeys.CONTAINER_IMAGE_NAME)) {
                        built.imageName = reference.repository();
                    }
                    if (rules.has(MetadataKeys.CONTAINER_IMAGE_TAG)) {
                        built.imageTag = reference.tag();
                    }
                    if (rules.has(MetadataKeys.SERVICE_VERSION)) {
                        built.serviceVersion = reference.version().orElse("");
                    }
                });
                byName.put(text(container.getName()), built);
            }
        }
        Map<String, ContainerBuilder> byId = new HashMap<>();
        List<ContainerStatus> statuses = new ArrayList<>(list(status.getContainerStatuses()));
        statuses.addAll(list(status.getInitContainerStatuses()));
        for (ContainerStatus containerStatus : statuses) {
            String name = text(containerStatus.getName());
            ContainerBuilder container = byName.computeIfAbsent(name, n -> new ContainerBuilder());
            if (rules.has(MetadataKeys.CONTAINER_NAME)) {
                container.name = name;
            }
            if (rules.has(MetadataKeys.SERVICE_INSTANCE_ID)) {
                container.serviceInstanceId = text(meta.getNamespace()) + "." + text(meta.getName()) + "." + name;
            }
            String id = text(containerStatus.getContainerID());
            int scheme = id.indexOf("://");
            if (scheme >= 0 && id.indexOf("://", scheme + 3) < 0) {
                id = id.substring(scheme + 3);
            }
            byId.put(id, container);
            if (rules.any(MetadataKeys.CONTAINER_ID, MetadataKeys.CONTAINER_IMAGE_REPO_DIGESTS)) {
                List<String> digests = rules.has(MetadataKeys.CONTAINER_IMAGE_REPO_DIGESTS)
                        ? ImageReference.canonicalRepoDigest(containerStatus.getImageID()).map(List::of).orElse(List.of())
                        : List.of();
                int restarts = containerStatus.getRestartCount() == null ? 0 : containerStatus.getRestartCount();
                container.statuses.put(restarts, new PodRecord.Status(rules.has(MetadataKeys.CONTAINER_ID) ? id : "", digests));
            }
        }
        Map<ContainerBuilder, PodRecord.Container> built = new HashMap<>();
        Map<String, PodRecord.Container> names = new HashMap<>();
        byName.forEach((name, builder) -> names.put(name, built.computeIfAbsent(builder, ContainerBuilder::build)));
        Map<String, PodRecord.Container> ids = new HashMap<>();
        byId.forEach((id, builder) -> ids.put(id, built.computeIfAbsent(builder, ContainerBuilder::build)));
        return new PodRecord.Containers(Map.copyOf(names), Map.copyOf(ids));
    }

    /** The identifiers a pod is filed under: each configured association's, then its UID, then its IP (not for host-network pods). */
    List<PodIdentifier> identifiers(PodRecord pod) {
        List<PodIdentifier> ids = new ArrayList<>();
        for (List<PodIdentifier.Part> association : rules.associations()) {
            identify(pod, association, ids);
        }
        if (!pod.uid().isEmpty()) {
            ids.add(PodIdentifier.attribute(MetadataKeys.POD_UID, pod.uid()));
        }
        if (!pod.address().isEmpty() && !pod.hostNetwork()) {
            ids.add(PodIdentifier.connection(pod.address()));
            ids.add(PodIdentifier.attribute(MetadataKeys.POD_IP, pod.address()));
        }
        return ids;
    }

    /** Adds the identifier {@code association} gives the pod, one per container ID when it uses {@code container.id}. */
    private static void identify(PodRecord pod, List<PodIdentifier.Part> association, List<PodIdentifier> ids) {
        List<PodIdentifier.Part> parts = new ArrayList<>();
        int containerIdAt = -1;
        for (PodIdentifier.Part source : association) {
            String value;
            if (source.from().equals(PodIdentifier.CONNECTION)) {
                if (pod.address().isEmpty() || pod.hostNetwork()) {
                    return;
                }
                value = pod.address();
            } else {
                value = switch (source.name()) {
                    case MetadataKeys.NAMESPACE_NAME -> pod.namespace();
                    case MetadataKeys.POD_NAME -> pod.name();
                    case MetadataKeys.POD_UID -> pod.uid();
                    case MetadataKeys.HOST_NAME, MetadataKeys.POD_IP -> pod.address();
                    case MetadataKeys.CONTAINER_ID -> "";
                    default -> pod.attributes().getOrDefault(source.name(), "");
                };
                if (source.name().equals(MetadataKeys.CONTAINER_ID)) {
                    containerIdAt = parts.size();
                } else if (value.isEmpty() && containerIdAt < 0) {
                    return;
                }
            }
            parts.add(new PodIdentifier.Part(source.from(), source.name(), value));
        }
        if (containerIdAt < 0) {
            ids.add(new PodIdentifier(parts));
            return;
        }
        for (String containerId : pod.containers().byId().keySet()) {
            List<PodIdentifier.Part> withId = new ArrayList<>(parts);
            withId.set(containerIdAt, new PodIdentifier.Part(PodIdentifier.RESOURCE_ATTRIBUTE, MetadataKeys.CONTAINER_ID, containerId));
            ids.add(new PodIdentifier(withId));
        }
    }

    private void putIf(Map<String, String> tags, String key, String value) {
        if (rules.has(key)) {
            tags.put(key, value);
        }
    }

    private static void copyLabel(Map<String, String> labels, Map<String, String> tags, String label, String key) {
        String value = labels.get(label);
        if (value != null) {
            tags.put(key, value);
        }
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    private static Instant instant(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A container's attributes while its spec and statuses are read. */
    private static final class ContainerBuilder {
        String name = "";
        String imageName = "";
        String imageTag = "";
        String serviceInstanceId = "";
        String serviceVersion = "";
        final Map<Integer, PodRecord.Status> statuses = new HashMap<>();

        PodRecord.Container build() {
            return new PodRecord.Container(name, imageName, imageTag, serviceInstanceId, serviceVersion, Map.copyOf(statuses));
        }
    }
}
