package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.ConfigLoader;
import io.tributary.core.service.Components;
import io.tributary.core.service.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** Every collector config we ship (docker examples, Kubernetes ConfigMaps, the embedded default) validates. */
class ExampleConfigsTest {
    private static final Path DOCKER = Path.of("..", "docker");

    static Stream<Path> exampleConfigs() throws IOException {
        try (Stream<Path> files = Files.list(DOCKER.resolve("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> read(p).contains("\nservice:"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleConfigs")
    void exampleConfigIsValid(Path file) {
        assertThat(Service.validate(ConfigLoader.load(List.of(file.toString()), List.of(), k -> null),
                Components.discover())).isEmpty();
    }

    static Stream<Path> kubernetesManifests() throws IOException {
        try (Stream<Path> files = Files.list(DOCKER.resolve("k8s"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("kubernetesManifests")
    void configMapsInKubernetesManifestsAreValid(Path manifest) {
        int checked = 0;
        for (Object doc : new Yaml().loadAll(read(manifest))) {
            if (doc instanceof Map<?, ?> m && "ConfigMap".equals(m.get("kind"))) {
                String config = (String) ((Map<?, ?>) m.get("data")).get("config.yaml");
                assertThat(Service.validate(ConfigLoader.parse(config, manifest.toString(), k -> null),
                        Components.discover())).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void embeddedDefaultIsValid() {
        assertThat(Service.validate(Main.loadConfig(CommandLine.parse(), k -> null), Components.discover())).isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
