package io.tributary.processor.resourcedetection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys, defaults and refusals of otelcol v0.148's resourcedetection config, and where errors are reported. */
class ResourceDetectionConfigTest {
    @Test
    void defaultsAreOtelcols() {
        ResourceDetectionConfig config = Detecting.config("{}");

        assertThat(config.detectors()).containsExactly("env");
        assertThat(config.override()).isTrue();
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.refreshInterval()).isZero();
        assertThat(config.system().sources()).containsExactly("dns", "os");
        assertThat(config.ec2().maxAttempts()).isEqualTo(3);
        assertThat(config.ec2().maxBackoff()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.k8snode().authType()).isEqualTo("serviceAccount");
        assertThat(config.k8snode().nodeNameVariable()).isEqualTo("K8S_NODE_NAME");
    }

    @Test
    void eachDetectorEnablesItsMetadataYamlDefaults() {
        assertThat(ResourceAttributes.enabled(SystemConfig.ATTRIBUTES, Map.of())).containsExactlyInAnyOrder("host.name", "os.type");
        assertThat(ResourceAttributes.enabled(EksConfig.ATTRIBUTES, Map.of())).containsExactlyInAnyOrder("cloud.provider", "cloud.platform");
        assertThat(ResourceAttributes.enabled(AzureConfig.ATTRIBUTES, Map.of())).doesNotContain("cloud.availability_zone").hasSize(10);
        assertThat(ResourceAttributes.enabled(GcpConfig.ATTRIBUTES, Map.of()))
                .doesNotContain("gcp.gce.instance.hostname", "gcp.gce.instance.name").hasSize(17);
        assertThat(Detecting.config("system: {resource_attributes: {host.id: {enabled: true}, os.type: {enabled: false}, host.arch: {}}}")
                .system().resourceAttributes()).containsKeys("host.id", "os.type", "host.arch");
        assertThat(ResourceAttributes.enabled(SystemConfig.ATTRIBUTES,
                Detecting.config("system: {resource_attributes: {host.id: {enabled: true}, os.type: {enabled: false}, host.arch: {}}}")
                        .system().resourceAttributes())).containsExactlyInAnyOrder("host.name", "host.id");
    }

    @Test
    void detectorNamesAreTrimmedAsOtelcolDoes() {
        assertThat(Detecting.config("detectors: [' env ', system]").detectors()).containsExactly("env", "system");
    }

    @Test
    void aDetectorOtelcolHasButTributaryNotIsRefusedSayingSo() {
        assertThatThrownBy(() -> Detecting.config("detectors: [env, docker]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:1: processors::resourcedetection::detectors: the docker detector is not supported by Tributary; "
                        + "supported detectors: azure, ec2, ecs, eks, env, gcp, k8snode, system");
    }

    @Test
    void anUnknownDetectorIsRefusedAsOtelcolDoes() {
        assertThatThrownBy(() -> Detecting.config("detectors: [ec3]"))
                .hasMessageContaining("processors::resourcedetection::detectors: invalid detector key: ec3");
    }

    @Test
    void anUnknownResourceAttributeIsRefusedAtItsSection() {
        assertThatThrownBy(() -> Detecting.config("""
                detectors: [ec2]
                ec2:
                  resource_attributes:
                    host.nmae: {enabled: false}
                """))
                .hasMessageContaining("test.yaml:3: processors::resourcedetection::ec2::resource_attributes: has invalid keys: host.nmae");
    }

    @Test
    void otherConfigErrorsNameTheirKeyAndLine() {
        assertThatThrownBy(() -> Detecting.config("""
                detectors: [system]
                system:
                  hostname_sources: [os, dnss]
                """))
                .hasMessageContaining("test.yaml:3: processors::resourcedetection::system::hostname_sources: "
                        + "hostname_sources contains invalid value: \"dnss\"");
        assertThatThrownBy(() -> Detecting.config("k8snode: {auth_type: token}"))
                .hasMessageContaining("processors::resourcedetection::k8snode::auth_type: invalid authType for kubernetes: token");
        assertThatThrownBy(() -> Detecting.config("ec2: {tags: ['(']}"))
                .hasMessageContaining("processors::resourcedetection::ec2::tags: invalid regexp '('");
        assertThatThrownBy(() -> Detecting.config("timeout: 5 seconds"))
                .hasMessageContaining("processors::resourcedetection::timeout");
    }

    @Test
    void theAttributesKeyOtelcolDroppedIsUnknown() {
        assertThatThrownBy(() -> Detecting.config("attributes: [host.name]"))
                .hasMessageContaining("processors::resourcedetection::attributes: unknown key 'attributes'");
    }

    @Test
    void everyDetectorSectionBinds() {
        ResourceDetectionConfig config = Detecting.config("""
                detectors: [env, system, ec2, ecs, eks, gcp, azure, k8snode]
                override: false
                timeout: 2s
                refresh_interval: 1m
                system: {hostname_sources: [lookup, cname]}
                ec2: {tags: ['^team$'], tags_from_imds: true, fail_on_missing_metadata: true, max_attempts: 5, max_backoff: 1s}
                ecs: {resource_attributes: {aws.log.group.arns: {enabled: false}}}
                eks: {node_from_env_var: K8S_NODE_NAME}
                gcp: {labels: ['^app']}
                azure: {tags: ['^env$']}
                k8snode: {auth_type: none, node_from_env_var: NODE, context: dev}
                """);

        assertThat(config.detectors()).hasSize(8);
        assertThat(config.override()).isFalse();
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.refreshInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.system().sources()).isEqualTo(List.of("lookup", "cname"));
        assertThat(config.ec2().failOnMissingMetadata()).isTrue();
        assertThat(config.k8snode().nodeNameVariable()).isEqualTo("NODE");
    }
}
