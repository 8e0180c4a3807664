package io.tributary.processor.k8sattributes.kube;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the store keeps of a pod: the attributes to add, computed once per pod event, and what
 * lookups and the namespace and node steps need; never the Pod object.
 *
 * @param startTime  the pod's {@code status.startTime}, null before it runs: an older pod never replaces a newer one at an identifier
 * @param ignored    excluded by name or by the {@code opentelemetry.io/k8s-processor/ignore} annotation: found, but never associated
 * @param attributes the resource attributes the pod gives (metadata, labels, annotations)
 * @param workloads  the UIDs of the pod's Deployment, StatefulSet, DaemonSet and Job, by kind
 */
public record PodRecord(
        String name,
        String namespace,
        String uid,
        String address,
        boolean hostNetwork,
        String nodeName,
        Instant startTime,
        boolean ignored,
        Map<String, String> attributes,
        Containers containers,
        Map<String, String> workloads) {

    /** The pod's containers by name and by runtime ID (without the {@code containerd://} scheme). */
    public record Containers(Map<String, Container> byName, Map<String, Container> byId) {
        static final Containers NONE = new Containers(Map.of(), Map.of());
    }

    /**
     * What a container adds; {@code statuses} by restart count, each the ID and image digest of that run.
     */
    public record Container(String name, String imageName, String imageTag, String serviceInstanceId, String serviceVersion,
            Map<Integer, Status> statuses) {
    }

    public record Status(String containerId, List<String> imageRepoDigests) {
    }
}
