package io.tributary.processor.k8sattributes.kube;

import java.util.List;
import java.util.Set;

/**
 * The resource attribute keys {@code extract.metadata} may name, as otelcol v0.148 with its
 * semantic-convention feature gates at their defaults (so {@code container.image.tag}, not
 * {@code container.image.tags}), and the set it extracts when {@code metadata} is absent.
 */
public final class MetadataKeys {
    public static final String NAMESPACE_NAME = "k8s.namespace.name";
    public static final String POD_NAME = "k8s.pod.name";
    public static final String POD_UID = "k8s.pod.uid";
    public static final String POD_HOSTNAME = "k8s.pod.hostname";
    public static final String POD_START_TIME = "k8s.pod.start_time";
    public static final String POD_IP = "k8s.pod.ip";
    public static final String DEPLOYMENT_NAME = "k8s.deployment.name";
    public static final String DEPLOYMENT_UID = "k8s.deployment.uid";
    public static final String REPLICASET_NAME = "k8s.replicaset.name";
    public static final String REPLICASET_UID = "k8s.replicaset.uid";
    public static final String DAEMONSET_NAME = "k8s.daemonset.name";
    public static final String DAEMONSET_UID = "k8s.daemonset.uid";
    public static final String STATEFULSET_NAME = "k8s.statefulset.name";
    public static final String STATEFULSET_UID = "k8s.statefulset.uid";
    public static final String JOB_NAME = "k8s.job.name";
    public static final String JOB_UID = "k8s.job.uid";
    public static final String CRONJOB_NAME = "k8s.cronjob.name";
    public static final String CRONJOB_UID = "k8s.cronjob.uid";
    public static final String NODE_NAME = "k8s.node.name";
    public static final String NODE_UID = "k8s.node.uid";
    public static final String CONTAINER_NAME = "k8s.container.name";
    public static final String CONTAINER_RESTART_COUNT = "k8s.container.restart_count";
    public static final String CONTAINER_ID = "container.id";
    public static final String CONTAINER_IMAGE_NAME = "container.image.name";
    public static final String CONTAINER_IMAGE_TAG = "container.image.tag";
    public static final String CONTAINER_IMAGE_REPO_DIGESTS = "container.image.repo_digests";
    public static final String CLUSTER_UID = "k8s.cluster.uid";
    public static final String SERVICE_NAMESPACE = "service.namespace";
    public static final String SERVICE_NAME = "service.name";
    public static final String SERVICE_VERSION = "service.version";
    public static final String SERVICE_INSTANCE_ID = "service.instance.id";
    public static final String HOST_NAME = "host.name";

    public static final Set<String> SUPPORTED = Set.of(NAMESPACE_NAME, POD_NAME, POD_UID, POD_HOSTNAME, POD_START_TIME, POD_IP,
            DEPLOYMENT_NAME, DEPLOYMENT_UID, REPLICASET_NAME, REPLICASET_UID, DAEMONSET_NAME, DAEMONSET_UID, STATEFULSET_NAME,
            STATEFULSET_UID, JOB_NAME, JOB_UID, CRONJOB_NAME, CRONJOB_UID, NODE_NAME, NODE_UID, CONTAINER_NAME, CONTAINER_ID,
            CONTAINER_IMAGE_NAME, CONTAINER_IMAGE_TAG, SERVICE_NAMESPACE, SERVICE_NAME, SERVICE_VERSION, SERVICE_INSTANCE_ID,
            CONTAINER_IMAGE_REPO_DIGESTS, CLUSTER_UID);

    /** otelcol's resource attributes enabled by default, in the order its factory lists them. */
    public static final List<String> DEFAULTS = List.of(CONTAINER_IMAGE_NAME, CONTAINER_IMAGE_TAG, DEPLOYMENT_NAME,
            NAMESPACE_NAME, NODE_NAME, POD_NAME, POD_START_TIME, POD_UID);

    private MetadataKeys() {
    }
}
