package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Function<String, String> NO_ENV = Map.<String, String>of()::get;

    @TempDir
    Path dir;

    @Test
    void keepsScalarTextAndLineNumbers() {
        ConfigNode root = parse("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                        max_recv_msg_size_mib: 0x10
                """);

        ConfigNode grpc = root.get("receivers").get("otlp").get("protocols").get("grpc");
        assertThat(grpc.get("endpoint").scalar()).isEqualTo("0.0.0.0:4317");
        assertThat(grpc.get("max_recv_msg_size_mib").scalar()).isEqualTo("0x10");
        assertThat(grpc.get("endpoint").location()).isEqualTo(new Location("test.yaml", 5));
    }

    @Test
    void yamlNullsBecomeNullNodesButQuotedNullStaysText() {
        ConfigNode root = parse("""
                empty:
                tilde: ~
                word: null
                quoted: "null"
                """);

        assertThat(root.get("empty").isNull()).isTrue();
        assertThat(root.get("tilde").isNull()).isTrue();
        assertThat(root.get("word").isNull()).isTrue();
        assertThat(root.get("quoted").scalar()).isEqualTo("null");
    }

    @Test
    void emptyDocumentIsAnEmptyMap() {
        assertThat(parse("# nothing here\n").entries()).isEmpty();
    }

    @Test
    void topLevelListIsAnError() {
        assertThatThrownBy(() -> parse("- a\n- b\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a map");
    }

    @Test
    void anchorsAliasesAndMergeKeysResolve() {
        ConfigNode root = parse("""
                base: &base
                  timeout: 5s
                  endpoint: a:1
                copy: *base
                derived:
                  <<: *base
                  endpoint: b:2
                """);

        assertThat(root.get("copy").get("timeout").scalar()).isEqualTo("5s");
        assertThat(root.get("derived").get("timeout").scalar()).isEqualTo("5s");
        assertThat(root.get("derived").get("endpoint").scalar()).isEqualTo("b:2");
        assertThat(root.get("derived").entries()).doesNotContainKey("<<");
    }

    @Test
    void malformedYamlReportsSourceAndLine() {
        assertThatThrownBy(() -> parse("receivers:\n  otlp:\n    endpoint: [a, b\nexporters: {}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.location().source()).isEqualTo("test.yaml");
                            assertThat(error.location().line()).isEqualTo(4);
                            assertThat(error.message()).startsWith("invalid YAML: ");
                        }));
    }

    @Test
    void duplicateKeyIsAnErrorAtTheSecondOccurrence() {
        assertThatThrownBy(() -> parse("exporters:\n  otlp: {}\n  debug: {}\n  otlp: {}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.location()).isEqualTo(new Location("test.yaml", 4));
                            assertThat(error.path()).isEqualTo("exporters::otlp");
                            assertThat(error.message()).isEqualTo("duplicate key 'otlp' (first defined at line 2)");
                        }));
    }

    @Test
    void doubleColonInKeysNests() {
        ConfigNode root = parse("processors::batch::timeout: 2s\nprocessors:\n  batch:\n    send_batch_size: 10\n");

        assertThat(root.get("processors").get("batch").entries())
                .containsOnlyKeys("timeout", "send_batch_size");
    }

    @Test
    void mergeCombinesMapsAndLetsLaterWin() {
        ConfigNode merged = ConfigLoader.merge(
                parse("a:\n  x: 1\n  y: 2\n"),
                parse("a:\n  y: 3\n  z: 4\n"));

        assertThat(merged.get("a").entries()).containsOnlyKeys("x", "y", "z");
        assertThat(merged.get("a").get("x").scalar()).isEqualTo("1");
        assertThat(merged.get("a").get("y").scalar()).isEqualTo("3");
    }

    @Test
    void mergeReplacesListsWhole() {
        ConfigNode merged = ConfigLoader.merge(parse("list: [a, b, c]\n"), parse("list: [d]\n"));

        assertThat(merged.get("list").items()).extracting(ConfigNode::scalar).containsExactly("d");
    }

    @Test
    void loadMergesThreeFilesInOrder() throws IOException {
        String first = write("first.yaml", "exporters:\n  otlp:\n    endpoint: a:1\n    timeout: 5s\n");
        String second = write("second.yaml", "exporters:\n  otlp:\n    endpoint: b:2\n  debug: {}\n");
        String third = write("third.yaml", "exporters:\n  otlp:\n    endpoint: c:3\n");

        ConfigNode root = ConfigLoader.load(List.of(first, second, third), List.of(), NO_ENV);

        ConfigNode exporters = root.get("exporters");
        assertThat(exporters.entries()).containsOnlyKeys("otlp", "debug");
        assertThat(exporters.get("otlp").get("endpoint").scalar()).isEqualTo("c:3");
        assertThat(exporters.get("otlp").get("endpoint").location()).isEqualTo(new Location(third, 3));
        assertThat(exporters.get("otlp").get("timeout").location()).isEqualTo(new Location(first, 4));
    }

    @Test
    void loadAcceptsFilePrefix() throws IOException {
        String path = write("c.yaml", "a: 1\n");

        ConfigNode root = ConfigLoader.load(List.of("file:" + path), List.of(), NO_ENV);

        assertThat(root.get("a").location()).isEqualTo(new Location(path, 1));
    }

    @Test
    void loadAcceptsInlineYamlWithDoubleColonKeys() {
        ConfigNode root = ConfigLoader.load(List.of("yaml:processors::batch::timeout: 2s"), List.of(), NO_ENV);

        assertThat(root.get("processors").get("batch").get("timeout").scalar()).isEqualTo("2s");
    }

    @Test
    void loadReadsYamlFromEnvironmentVariable() {
        ConfigNode root = ConfigLoader.load(List.of("env:CONFIG"), List.of(), Map.of("CONFIG", "a: {b: c}")::get);

        assertThat(root.get("a").get("b").scalar()).isEqualTo("c");
    }

    @Test
    void missingFileIsAnErrorNamingIt() {
        String missing = dir.resolve("nope.yaml").toString();

        assertThatThrownBy(() -> ConfigLoader.load(List.of(missing), List.of(), NO_ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config file not found: " + missing);
    }

    @Test
    void setOverridesNestedValue() throws IOException {
        String path = write("c.yaml", "exporters:\n  otlp:\n    endpoint: a:1\n    timeout: 5s\n");

        ConfigNode root = ConfigLoader.load(List.of(path), List.of("exporters::otlp::endpoint=tempo:4317"), NO_ENV);

        ConfigNode otlp = root.get("exporters").get("otlp");
        assertThat(otlp.get("endpoint").scalar()).isEqualTo("tempo:4317");
        assertThat(otlp.get("endpoint").location()).isEqualTo(new Location("--set exporters::otlp::endpoint=tempo:4317", 0));
        assertThat(otlp.get("timeout").scalar()).isEqualTo("5s");
    }

    @Test
    void setParsesValueAsYamlList() {
        ConfigNode root = ConfigLoader.load(List.of(), List.of("service::pipelines::traces::exporters=[otlp, debug]"), NO_ENV);

        assertThat(root.get("service").get("pipelines").get("traces").get("exporters").items())
                .extracting(ConfigNode::scalar).containsExactly("otlp", "debug");
    }

    @Test
    void setKeyMayContainSlash() {
        ConfigNode root = ConfigLoader.load(List.of(), List.of("exporters::otlp/tempo::endpoint=tempo:4317"), NO_ENV);

        assertThat(root.get("exporters").get("otlp/tempo").get("endpoint").scalar()).isEqualTo("tempo:4317");
    }

    @Test
    void setWithoutEqualsIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), List.of("exporters::otlp"), NO_ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected key=value");
    }

    @Test
    void loadReportsProblemsOfAllSources() throws IOException {
        String bad = write("bad.yaml", "a: [\n");

        assertThatThrownBy(() -> ConfigLoader.load(List.of(bad, dir.resolve("missing.yaml").toString()), List.of(), NO_ENV))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).hasSize(2));
    }

    private static ConfigNode parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", NO_ENV);
    }

    private String write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }
}
