package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.service.Components;
import io.tributary.core.service.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every collector config we ship passes {@code tributary validate}: the examples, the configs in
 * docker/config, the Kubernetes ConfigMaps (with the environment their pods give them), the
 * compose stack's collector (its --config files merged, with its environment), and the embedded
 * default. Files in docker/config must stand alone: every variable they use has a default.
 */
class ExampleConfigsTest {

    static Stream<Path> standaloneConfigs() {
        return Stream.concat(
                DeploymentFiles.files("examples", ".yaml").stream().filter(p -> DeploymentFiles.read(p).contains("\nservice:")),
                DeploymentFiles.files("config", ".yaml").stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standaloneConfigs")
    void standaloneConfigIsValid(Path file) {
        assertThat(CollectorConfig.load(List.of(file), Map.of()).validate()).isEmpty();
    }

    @Test
    void everyCollectorConfigInDockerConfigIsChecked() {
        assertThat(DeploymentFiles.files("config", ".yaml")).extracting(p -> p.getFileName().toString())
                .contains("agent.yaml", "gateway.yaml", "tail-sampling-gateway.yaml");
    }

    static Stream<DeploymentFiles.Workload> workloads() {
        return DeploymentFiles.workloads().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void kubernetesConfigMapIsValidWithThePodsEnvironment(DeploymentFiles.Workload workload) {
        assertThat(workload.config().validate()).isEmpty();
    }

    @Test
    void composeCollectorConfigIsValid() {
        assertThat(DeploymentFiles.composeCollectorConfig().validate()).isEmpty();
    }

    @Test
    void embeddedDefaultIsValid() {
        assertThat(Service.validate(Main.loadConfig(CommandLine.parse(), k -> null), Components.discover())).isEmpty();
    }
}
