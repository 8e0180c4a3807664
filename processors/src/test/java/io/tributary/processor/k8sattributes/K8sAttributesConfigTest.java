package io.tributary.processor.k8sattributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tributary.config.Binder;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.config.Problems;
import io.tributary.core.data.Signal;
import io.tributary.processor.k8sattributes.kube.MetadataKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config's defaults and otelcol's refusals, each at its key path and line. */
class K8sAttributesConfigTest {
    @Test
    void defaultsAreOtelcols() {
        K8sAttributesConfig config = bind("{}");

        assertThat(config.authType()).isEqualTo("serviceAccount");
        assertThat(config.passthrough()).isFalse();
        assertThat(config.extract().metadata()).containsExactly("container.image.name", "container.image.tag", "k8s.deployment.name",
                "k8s.namespace.name", "k8s.node.name", "k8s.pod.name", "k8s.pod.start_time", "k8s.pod.uid");
        assertThat(config.exclude().pods()).extracting(K8sAttributesConfig.ExcludePodConfig::name)
                .containsExactly("jaeger-agent", "jaeger-collector");
        assertThat(config.waitForMetadata()).isFalse();
        assertThat(config.waitForMetadataTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.podAssociation()).isEmpty();
    }

    @Test
    void aSectionWithoutMetadataKeepsTheDefaultSet() {
        K8sAttributesConfig config = bind("extract: {labels: [{key: app}]}");

        assertThat(config.extract().metadata()).isEqualTo(MetadataKeys.DEFAULTS);
        assertThat(config.extract().labels()).hasSize(1);
    }

    @Test
    void bindsEveryKey() {
        K8sAttributesConfig config = bind("""
                auth_type: kubeConfig
                context: staging
                passthrough: false
                extract:
                  metadata: [k8s.pod.name, k8s.cronjob.name]
                  labels: [{tag_name: a, key: app, from: namespace}]
                  annotations: [{key_regex: 'x/(.*)', tag_name: '$1'}]
                  otel_annotations: true
                  deployment_name_from_replicaset: true
                filter:
                  node: n1
                  namespace: shop
                  labels: [{key: a, value: b, op: not-equals}]
                  fields: [{key: status.phase, value: Running}]
                pod_association:
                  - sources: [{from: connection}, {from: resource_attribute, name: k8s.pod.name}]
                exclude: {pods: [{name: debug}]}
                wait_for_metadata: true
                wait_for_metadata_timeout: 1m
                """);

        assertThat(config.context()).isEqualTo("staging");
        assertThat(config.extract().deploymentNameFromReplicaSet()).isTrue();
        assertThat(config.filter().fields().get(0).key()).isEqualTo("status.phase");
        assertThat(config.podAssociation().get(0).sources()).hasSize(2);
        assertThat(config.waitForMetadataTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesWhatOtelcolRefusesWithItsMessages() {
        assertThat(errors("auth_type: token")).containsExactly("test.yaml:1: processors::k8sattributes::auth_type: invalid authType for kubernetes: token");
        assertThat(errors("extract: {metadata: [k8s.pod.name, k8s.pod.labels]}"))
                .containsExactly("test.yaml:1: processors::k8sattributes::extract: \"k8s.pod.labels\" is not a supported metadata field");
        assertThat(errors("extract: {labels: [{key: a, key_regex: b}]}")).containsExactly("test.yaml:1: processors::k8sattributes::extract: "
                + "Out of Key or KeyRegex only one option is expected to be configured at a time, currently Key:a and KeyRegex:b");
        assertThat(errors("extract: {annotations: [{key: a, from: service}]}")).containsExactly("test.yaml:1: processors::k8sattributes::extract: "
                + "service is not a valid choice for From. Must be one of: pod, namespace, deployment, statefulset, daemonset, job, node");
        assertThat(errors("extract: {labels: [{key_regex: 'a(b'}]}")).singleElement().asString()
                .startsWith("test.yaml:1: processors::k8sattributes::extract: error parsing regexp: ");
        assertThat(errors("filter: {labels: [{key: a, value: b, op: in}]}"))
                .containsExactly("test.yaml:1: processors::k8sattributes::filter: 'in' is not a valid label filter operation for key=a, value=b");
        assertThat(errors("filter: {fields: [{key: a, value: b, op: exists}]}"))
                .containsExactly("test.yaml:1: processors::k8sattributes::filter: 'exists' is not a valid label filter operation for key=a, value=b");
        assertThat(errors("pod_association: [{sources: [{from: connection}, {from: connection}, {from: connection}, {from: connection}, "
                + "{from: connection}]}]"))
                .containsExactly("test.yaml:1: processors::k8sattributes::pod_association: too many association sources. limit is 4");
    }

    @Test
    void refusesWhatTributaryDoesNotDoWithAClearMessage() {
        assertThat(errors("auth_type: tls")).containsExactly("test.yaml:1: processors::k8sattributes::auth_type: "
                + "auth_type tls is not supported by Tributary (otelcol v0.148 accepts it but cannot build a client with it)");
    }

    @Test
    void anInvalidExcludedNameIsRefusedRatherThanFailingAtStart() {
        assertThat(errors("exclude: {pods: [{name: 'a(b'}]}")).singleElement().asString()
                .startsWith("test.yaml:1: processors::k8sattributes::exclude: ");
    }

    @Test
    void nodeFromEnvVarMustBeSetInTheEnvironmentTheFactoryReads() {
        K8sAttributesConfig config = bind("filter: {node_from_env_var: NODE}");

        new K8sAttributesProcessorFactory(Map.of("NODE", "node-1")::get).checkFor(Signal.TRACES, config);
        assertThatThrownBy(() -> new K8sAttributesProcessorFactory(name -> null).checkFor(Signal.TRACES, config))
                .isInstanceOfSatisfying(Problems.Invalid.class, e -> assertThat(e.problems()).containsExactly(
                        new Problems.Problem("filter", "`node_from_env_var` is configured but envvar \"NODE\" is not set")));
    }

    private static K8sAttributesConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "processors::k8sattributes", K8sAttributesConfig.class,
                K8sAttributesConfig.DEFAULT);
    }

    private static List<String> errors(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> bind(yaml));
        assertThat(e).as("refused: %s", yaml).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }
}
