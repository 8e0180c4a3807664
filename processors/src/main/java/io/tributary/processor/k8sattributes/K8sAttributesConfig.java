package io.tributary.processor.k8sattributes;

import io.tributary.config.Key;
import io.tributary.config.Problems;
import io.tributary.config.Validated;
import io.tributary.processor.filterset.GoRegex;
import io.tributary.processor.k8sattributes.kube.FieldRule;
import io.tributary.processor.k8sattributes.kube.MetadataKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code k8sattributes} processor's settings, as otelcol's k8sattributesprocessor v0.148:
 * how to reach the API server ({@code auth_type}, {@code context}), whether to only tag the
 * sender's IP ({@code passthrough}), what to add ({@code extract}), which pods to watch
 * ({@code filter}), how a resource names its pod ({@code pod_association}), pods never to
 * associate ({@code exclude}), and whether start waits for the pod watch to sync.
 */
public record K8sAttributesConfig(
        String authType,
        String context,
        boolean passthrough,
        ExtractConfig extract,
        FilterConfig filter,
        @Key("pod_association") List<AssociationConfig> podAssociation,
        ExcludeConfig exclude,
        boolean waitForMetadata,
        Duration waitForMetadataTimeout) implements Validated {

    /** otelcol's limit on sources per association (its pod identifier is a fixed array of this size). */
    static final int MAX_ASSOCIATION_SOURCES = 4;
    static final List<String> AUTH_TYPES = List.of("none", "serviceAccount", "kubeConfig", "tls");

    public static final K8sAttributesConfig DEFAULT = new K8sAttributesConfig("serviceAccount", "", false,
            ExtractConfig.DEFAULT, FilterConfig.DEFAULT, List.of(), ExcludeConfig.DEFAULT, false, Duration.ofSeconds(10));

    public K8sAttributesConfig {
        authType = authType == null ? "" : authType;
        context = context == null ? "" : context;
        extract = extract == null ? ExtractConfig.DEFAULT : extract;
        filter = filter == null ? FilterConfig.DEFAULT : filter;
        podAssociation = podAssociation == null ? List.of() : List.copyOf(podAssociation);
        exclude = exclude == null ? ExcludeConfig.DEFAULT : exclude;
        waitForMetadataTimeout = waitForMetadataTimeout == null ? Duration.ZERO : waitForMetadataTimeout;
    }

    /** otelcol's checks, in its order and with its messages; each at the key it concerns. */
    @Override
    public void validate() {
        Problems problems = new Problems();
        problems.when(!AUTH_TYPES.contains(authType), "auth_type", "invalid authType for kubernetes: " + authType);
        for (AssociationConfig association : podAssociation) {
            problems.when(association.sources().size() > MAX_ASSOCIATION_SOURCES, "pod_association",
                    "too many association sources. limit is " + MAX_ASSOCIATION_SOURCES);
        }
        List<FieldExtractConfig> fields = new ArrayList<>(extract.labels());
        fields.addAll(extract.annotations());
        for (FieldExtractConfig field : fields) {
            if (!field.key().isEmpty() && !field.keyRegex().isEmpty()) {
                problems.add("extract", "Out of Key or KeyRegex only one option is expected to be configured at a time, currently Key:"
                        + field.key() + " and KeyRegex:" + field.keyRegex());
            }
            if (!FieldRule.SOURCES.contains(field.from()) && !field.from().isEmpty()) {
                problems.add("extract", field.from()
                        + " is not a valid choice for From. Must be one of: pod, namespace, deployment, statefulset, daemonset, job, node");
            }
            if (!field.keyRegex().isEmpty()) {
                try {
                    FieldRule.compileKeyRegex(field.keyRegex());
                } catch (IllegalArgumentException e) {
                    problems.add("extract", e.getMessage());
                }
            }
        }
        for (String key : extract.metadata()) {
            problems.when(!MetadataKeys.SUPPORTED.contains(key), "extract", "\"" + key + "\" is not a supported metadata field");
        }
        for (FieldFilterConfig label : filter.labels()) {
            problems.when(!List.of("", "equals", "not-equals", "exists", "does-not-exist").contains(label.op()), "filter",
                    "'" + label.op() + "' is not a valid label filter operation for key=" + label.key() + ", value=" + label.value());
        }
        for (FieldFilterConfig field : filter.fields()) {
            problems.when(!List.of("", "equals", "not-equals").contains(field.op()), "filter",
                    "'" + field.op() + "' is not a valid label filter operation for key=" + field.key() + ", value=" + field.value());
        }
        for (ExcludePodConfig pod : exclude.pods()) {
            try {
                GoRegex.compile(pod.name());
            } catch (IllegalArgumentException e) {
                // otelcol panics at start on such a name
                problems.add("exclude", e.getMessage());
            }
        }
        problems.when("tls".equals(authType), "auth_type",
                "auth_type tls is not supported by Tributary (otelcol v0.148 accepts it but cannot build a client with it)");
        problems.throwIfAny();
    }

    /**
     * What to add: {@code metadata} (resource attribute keys; otelcol's default set when absent),
     * {@code labels} and {@code annotations} to copy, the {@code resource.opentelemetry.io/*}
     * annotations ({@code otel_annotations}), and whether a ReplicaSet's name alone gives its
     * Deployment's ({@code deployment_name_from_replicaset}, sparing the ReplicaSet watch).
     */
    public record ExtractConfig(
            List<String> metadata,
            List<FieldExtractConfig> annotations,
            List<FieldExtractConfig> labels,
            boolean otelAnnotations,
            @Key("deployment_name_from_replicaset") boolean deploymentNameFromReplicaSet) {
        public static final ExtractConfig DEFAULT = new ExtractConfig(MetadataKeys.DEFAULTS, List.of(), List.of(), false, false);

        public ExtractConfig {
            metadata = metadata == null ? List.of() : List.copyOf(metadata);
            annotations = annotations == null ? List.of() : List.copyOf(annotations);
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }

    /** A label or annotation to copy: by {@code key} or {@code key_regex}, {@code from} pod (default), namespace or node. */
    public record FieldExtractConfig(String tagName, String key, String keyRegex, String from) {
        public FieldExtractConfig {
            tagName = tagName == null ? "" : tagName;
            key = key == null ? "" : key;
            keyRegex = keyRegex == null ? "" : keyRegex;
            from = from == null ? "" : from;
        }
    }

    /**
     * Which pods to watch: those on {@code node} (or the node named by {@code node_from_env_var}),
     * in {@code namespace}, matching every label and field selector.
     */
    public record FilterConfig(String node, String nodeFromEnvVar, String namespace, List<FieldFilterConfig> fields,
            List<FieldFilterConfig> labels) {
        public static final FilterConfig DEFAULT = new FilterConfig("", "", "", List.of(), List.of());

        public FilterConfig {
            node = node == null ? "" : node;
            nodeFromEnvVar = nodeFromEnvVar == null ? "" : nodeFromEnvVar;
            namespace = namespace == null ? "" : namespace;
            fields = fields == null ? List.of() : List.copyOf(fields);
            labels = labels == null ? List.of() : List.copyOf(labels);
        }

        /** The node whose pods are watched, "" for all: the env var's value wins when one is named, as in otelcol. */
        String effectiveNode(java.util.function.UnaryOperator<String> env) {
            if (!nodeFromEnvVar.isEmpty()) {
                String value = env.apply(nodeFromEnvVar);
                return value == null ? "" : value;
            }
            return node;
        }
    }

    /** A label or field selector term; {@code op} equals (default), not-equals, and for labels exists, does-not-exist. */
    public record FieldFilterConfig(String key, String value, String op) {
        public FieldFilterConfig {
            key = key == null ? "" : key;
            value = value == null ? "" : value;
            op = op == null ? "" : op;
        }
    }

    /** One way of naming a resource's pod: every source must give a value. */
    public record AssociationConfig(List<SourceConfig> sources) {
        public AssociationConfig {
            sources = sources == null ? List.of() : List.copyOf(sources);
        }
    }

    /** {@code from: connection} (the sender's IP) or {@code from: resource_attribute} with the attribute's {@code name}. */
    public record SourceConfig(String from, String name) {
        public SourceConfig {
            from = from == null ? "" : from;
            name = name == null ? "" : name;
        }
    }

    /** Pods never associated, by name (a Go regular expression matched anywhere in the name). */
    public record ExcludeConfig(List<ExcludePodConfig> pods) {
        public static final ExcludeConfig DEFAULT = new ExcludeConfig(
                List.of(new ExcludePodConfig("jaeger-agent"), new ExcludePodConfig("jaeger-collector")));

        public ExcludeConfig {
            pods = pods == null ? List.of() : List.copyOf(pods);
        }
    }

    public record ExcludePodConfig(String name) {
        public ExcludePodConfig {
            name = name == null ? "" : name;
        }
    }
}
