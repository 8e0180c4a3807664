package io.tributary.compat;

import static io.opentelemetry.api.common.AttributeKey.stringKey;

import com.google.gson.JsonElement;
import io.opentelemetry.api.common.Attributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes node agent's enrichment: OTLP/gRPC → {@code k8sattributes} (the Helm chart's
 * daemonset preset, as bench/bench-agent-k8s.yaml, reading bench's fake Kubernetes API, one for
 * both collectors) → {@code resourcedetection} ({@code env}, from an {@code OTEL_RESOURCE_ATTRIBUTES}
 * both get) → the backend. Three SDK services send from 127.0.0.1, the IP of the fake's pod
 * {@code checkout-5d8f7c9b6f-x7k2p}: one with only a service name (associated by its connection),
 * one naming another pod by {@code k8s.pod.uid} (associated by that attribute, ahead of the
 * connection), one naming a DaemonSet's pod by {@code k8s.pod.ip}, one naming no pod by UID (no
 * enrichment, not the connection's pod), one with its own {@code k8s.namespace.name} (which
 * enrichment must keep) and {@code deployment.environment.name} (which {@code env} overrides).
 * Compared: the resources and spans delivered.
 */
final class K8sAgentScenario implements TrafficScenario {
    /** The pod the second service names by UID, of a StatefulSet, not the connection's pod. */
    private static final String OTHER_POD_NAMESPACE = "shop";
    private static final String OTHER_POD = "cart-db-0";
    /** The IP of the fake's DaemonSet pod (kube-system/node-exporter-8hx2m), named by the third service. */
    private static final String DAEMON_SET_POD_IP = "10.244.0.14";
    private static final String UNKNOWN_POD_UID = "5e1f0c2a-0000-4000-8000-000000000000";
    private static final String DETECTED = "deployment.environment.name=lab,k8s.cluster.name=lab-cluster";

    /** Set by {@link #run} for the one fake API both collectors read. */
    private Map<String, String> environment = Map.of();
    private String otherPodUid;

    @Override
    public String name() {
        return "k8s-agent";
    }

    @Override
    public Outcome run(Lab lab) throws Exception {
        try (RunningFakeKubeApi api = RunningFakeKubeApi.start(lab, lab.directory(name(), "kube-api"))) {
            Map<String, String> env = new HashMap<>(api.agentEnvironment());
            env.put("OTEL_RESOURCE_ATTRIBUTES", DETECTED);
            environment = Map.copyOf(env);
            otherPodUid = api.podUid(OTHER_POD_NAMESPACE, OTHER_POD);
            return TrafficScenario.super.run(lab);
        }
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public String config() {
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp}}
                processors:
                  k8sattributes:
                    auth_type: kubeConfig
                    wait_for_metadata: true
                    filter:
                      node_from_env_var: K8S_NODE_NAME
                    passthrough: false
                    pod_association:
                      - sources:
                          - from: resource_attribute
                            name: k8s.pod.ip
                      - sources:
                          - from: resource_attribute
                            name: k8s.pod.uid
                      - sources:
                          - from: connection
                    extract:
                      otel_annotations: true
                      metadata:
                        - k8s.namespace.name
                        - k8s.pod.name
                        - k8s.pod.uid
                        - k8s.node.name
                        - k8s.pod.start_time
                        - k8s.deployment.name
                        - k8s.replicaset.name
                        - k8s.replicaset.uid
                        - k8s.daemonset.name
                        - k8s.daemonset.uid
                        - k8s.job.name
                        - k8s.job.uid
                        - k8s.container.name
                        - k8s.cronjob.name
                        - k8s.statefulset.name
                        - k8s.statefulset.uid
                        - container.image.tag
                        - container.image.name
                        - k8s.cluster.uid
                        - service.namespace
                        - service.name
                        - service.version
                        - service.instance.id
                  resourcedetection:
                    detectors: [env]
                exporters:
                  otlp:
                    endpoint: {{backend:grpc}}
                    tls:
                      insecure: true
                    sending_queue:
                      enabled: false
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [k8sattributes, resourcedetection]
                      exporters: [otlp]
                """ + Configs.TELEMETRY;
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        List<Attributes> resources = List.of(
                Attributes.of(stringKey("service.name"), "by-connection"),
                Attributes.of(stringKey("service.name"), "by-pod-uid", stringKey("k8s.pod.uid"), otherPodUid),
                Attributes.of(stringKey("service.name"), "by-pod-ip", stringKey("k8s.pod.ip"), DAEMON_SET_POD_IP),
                // A UID no pod has: its rule matches, so the connection's pod must not be taken instead.
                Attributes.of(stringKey("service.name"), "unknown-pod-uid", stringKey("k8s.pod.uid"), UNKNOWN_POD_UID),
                // Kept by k8sattributes; resourcedetection's default override replaces what env detects.
                Attributes.of(stringKey("service.name"), "preset", stringKey("k8s.namespace.name"), "preset",
                        stringKey("deployment.environment.name"), "prod"));
        return Deliveries.of(collector.grpcBackend(), resources.size(), () -> {
            for (int i = 0; i < resources.size(); i++) {
                try (SdkSender sender = new SdkSender(collector.port("otlp"), resources.get(i), i + 1)) {
                    byte[] traceId = new byte[16];
                    traceId[15] = (byte) (i + 1);
                    sender.root(traceId, "work");
                    if (!sender.flush()) {
                        throw new IllegalStateException(collector.implementation().label() + " did not take " + resources.get(i));
                    }
                }
            }
        });
    }
}
