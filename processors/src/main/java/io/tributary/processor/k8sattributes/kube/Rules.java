package io.tributary.processor.k8sattributes.kube;

import io.tributary.processor.filterset.GoRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What to extract and which pods to skip, compiled from the config (otelcol's extraction rules).
 *
 * @param metadata                     the {@code extract.metadata} keys
 * @param labels                       the label rules
 * @param annotations                  the annotation rules, the otel annotations' rule last when enabled
 * @param deploymentNameFromReplicaSet the Deployment's name cut from its ReplicaSet's name, without the ReplicaSet watch
 * @param associations                 the configured associations; empty for otelcol's default lookups
 * @param excludedPods                 the names of pods never associated
 */
public record Rules(
        Set<String> metadata,
        List<FieldRule> labels,
        List<FieldRule> annotations,
        boolean deploymentNameFromReplicaSet,
        List<List<PodIdentifier.Part>> associations,
        List<GoRegex> excludedPods) {

    public Rules {
        metadata = Set.copyOf(metadata);
        labels = List.copyOf(labels);
        annotations = List.copyOf(annotations);
        associations = List.copyOf(associations);
        excludedPods = List.copyOf(excludedPods);
    }

    /** The annotation rules with otelcol's {@code otel_annotations} rule added when {@code enabled}. */
    public static List<FieldRule> withOtelAnnotations(List<FieldRule> annotations, boolean enabled) {
        List<FieldRule> all = new ArrayList<>(annotations);
        if (enabled) {
            all.add(FieldRule.OTEL_ANNOTATIONS);
        }
        return all;
    }

    public boolean has(String key) {
        return metadata.contains(key);
    }

    boolean any(String... keys) {
        for (String key : keys) {
            if (metadata.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any label or annotation rule reads objects of kind {@code from}. */
    public boolean reads(String from) {
        return labels.stream().anyMatch(r -> r.from().equals(from)) || annotations.stream().anyMatch(r -> r.from().equals(from));
    }

    /** The ReplicaSet watch gives the Deployment of a pod's ReplicaSet. */
    boolean watchesReplicaSets() {
        return has(MetadataKeys.DEPLOYMENT_UID) || has(MetadataKeys.DEPLOYMENT_NAME) && !deploymentNameFromReplicaSet;
    }

    /** The Job watch gives the CronJob UID of a pod's Job. */
    boolean watchesJobs() {
        return has(MetadataKeys.CRONJOB_UID);
    }

    /** All namespaces are watched for their labels or annotations; only kube-system for the cluster UID. */
    boolean watchesNamespaces() {
        return reads(FieldRule.FROM_NAMESPACE);
    }

    boolean watchesKubeSystem() {
        return has(MetadataKeys.CLUSTER_UID);
    }

    boolean watchesNodes() {
        return reads(FieldRule.FROM_NODE) || has(MetadataKeys.NODE_UID);
    }

    /** Whether a pod's containers add anything. */
    boolean needsContainers() {
        return any(MetadataKeys.CONTAINER_IMAGE_NAME, MetadataKeys.CONTAINER_NAME, MetadataKeys.CONTAINER_IMAGE_TAG,
                MetadataKeys.CONTAINER_IMAGE_REPO_DIGESTS, MetadataKeys.CONTAINER_ID, MetadataKeys.SERVICE_VERSION,
                MetadataKeys.SERVICE_INSTANCE_ID);
    }
}
