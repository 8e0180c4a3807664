package io.tributary.processor.k8sattributes;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.core.client.ClientInfo;
import io.tributary.processor.k8sattributes.kube.FieldRule;
import io.tributary.processor.k8sattributes.kube.KubeMetrics;
import io.tributary.processor.k8sattributes.kube.KubeStore;
import io.tributary.processor.k8sattributes.kube.MetadataKeys;
import io.tributary.processor.k8sattributes.kube.PodIdentifier;
import io.tributary.processor.k8sattributes.kube.PodRecord;
import io.tributary.processor.k8sattributes.kube.Rules;
import java.util.List;
import java.util.Map;

/**
 * Adds a resource's Kubernetes attributes, as otelcol's processor does per resource: the pod's
 * (one store lookup), its container's, its namespace's, its node's and its workloads'. Attributes already set to
 * something other than "" are kept. In passthrough mode only {@code k8s.pod.ip} is set, from the
 * connection.
 */
final class ResourceEnricher {
    private final Rules rules;
    private final PodAssociation association;
    /** Null in passthrough mode. */
    private final KubeStore store;
    private final KubeMetrics metrics;

    ResourceEnricher(Rules rules, KubeStore store, KubeMetrics metrics) {
        this.rules = rules;
        this.association = new PodAssociation(rules.associations());
        this.store = store;
        this.metrics = metrics;
    }

    /** The attributes of a resource sent by {@code client} with its Kubernetes attributes added; the same list when none were. */
    List<KeyValue> enrich(List<KeyValue> attributes, ClientInfo client) {
        ResourceEdit edit = new ResourceEdit(attributes);
        PodIdentifier id = association.identify(attributes, client);
        for (PodIdentifier.Part part : id.parts()) {
            if (part.from().equals(PodIdentifier.CONNECTION) && !part.value().isEmpty()) {
                if (store == null || rules.has(MetadataKeys.POD_IP)) {
                    edit.setIfEmpty(MetadataKeys.POD_IP, part.value());
                }
                break;
            }
        }
        if (store == null) {
            return edit.attributes();
        }
        PodRecord pod = null;
        if (!id.isEmpty()) {
            pod = store.pod(id).orElse(null);
            if (pod == null) {
                metrics.ipLookupMiss();
            } else if (pod.ignored()) {
                pod = null;
            } else {
                pod.attributes().forEach(edit::setIfEmpty);
                addContainer(edit, pod);
            }
        }
        String namespace = pod != null && !pod.namespace().isEmpty() ? pod.namespace() : edit.string(MetadataKeys.NAMESPACE_NAME);
        if (!namespace.isEmpty()) {
            store.namespace(namespace).ifPresent(ns -> ns.attributes().forEach(edit::setIfEmpty));
            if (rules.has(MetadataKeys.SERVICE_NAMESPACE)) {
                edit.setIfEmpty(MetadataKeys.SERVICE_NAMESPACE, namespace);
            }
        }
        String nodeName = pod != null && !pod.nodeName().isEmpty() ? pod.nodeName() : edit.string(MetadataKeys.NODE_NAME);
        if (!nodeName.isEmpty()) {
            store.node(nodeName).ifPresent(node -> {
                node.attributes().forEach(edit::setIfEmpty);
                if (!node.uid().isEmpty()) {
                    edit.setIfEmpty(MetadataKeys.NODE_UID, node.uid());
                }
            });
        }
        for (String kind : FieldRule.WORKLOADS) {
            String uid = pod != null ? pod.workloads().getOrDefault(kind, "") : "";
            if (uid.isEmpty()) {
                uid = edit.string("k8s." + kind + ".uid");
            }
            if (!uid.isEmpty()) {
                store.workload(kind, uid).forEach(edit::setIfEmpty);
            }
        }
        return edit.attributes();
    }

    /**
     * The attributes of the resource's container: the one named by {@code k8s.container.name}, else
     * by {@code container.id}, else the pod's only one; its ID and image digest from the run named by
     * {@code k8s.container.restart_count}, else from its latest run.
     */
    private static void addContainer(ResourceEdit edit, PodRecord pod) {
        String name = edit.string(MetadataKeys.CONTAINER_NAME);
        String id = edit.string(MetadataKeys.CONTAINER_ID);
        Map<String, PodRecord.Container> byName = pod.containers().byName();
        Map<String, PodRecord.Container> byId = pod.containers().byId();
        PodRecord.Container container;
        if (!name.isEmpty()) {
            container = byName.get(name);
        } else if (!id.isEmpty()) {
            container = byId.get(id);
        } else if (byId.size() == 1) {
            container = byId.values().iterator().next();
        } else if (byName.size() == 1) {
            container = byName.values().iterator().next();
        } else {
            container = null;
        }
        if (container == null) {
            return;
        }
        setIfNotEmpty(edit, MetadataKeys.CONTAINER_NAME, container.name());
        setIfNotEmpty(edit, MetadataKeys.CONTAINER_IMAGE_NAME, container.imageName());
        setIfNotEmpty(edit, MetadataKeys.CONTAINER_IMAGE_TAG, container.imageTag());
        setIfNotEmpty(edit, MetadataKeys.SERVICE_INSTANCE_ID, container.serviceInstanceId());
        setIfNotEmpty(edit, MetadataKeys.SERVICE_VERSION, container.serviceVersion());
        int run = run(edit.value(MetadataKeys.CONTAINER_RESTART_COUNT), container);
        PodRecord.Status status = container.statuses().get(run);
        if (status != null) {
            if (!status.containerId().isEmpty()) {
                edit.setIfAbsent(MetadataKeys.CONTAINER_ID, ResourceEdit.stringValue(status.containerId()));
            }
            if (!status.imageRepoDigests().isEmpty()) {
                edit.setIfAbsent(MetadataKeys.CONTAINER_IMAGE_REPO_DIGESTS, ResourceEdit.array(status.imageRepoDigests().get(0)));
            }
        }
    }

    /** The restart count the resource names (an int, or a string of one), else the container's latest; -1 when neither. */
    private static int run(AnyValue restartCount, PodRecord.Container container) {
        if (restartCount != null) {
            if (restartCount.hasIntValue()) {
                return (int) restartCount.getIntValue();
            }
            if (restartCount.hasStringValue()) {
                try {
                    return Integer.parseInt(restartCount.getStringValue());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
            return -1;
        }
        return container.statuses().keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    private static void setIfNotEmpty(ResourceEdit edit, String key, String value) {
        if (!value.isEmpty()) {
            edit.setIfEmpty(key, value);
        }
    }
}
