package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvExpansionTest {
    private static final Map<String, String> ENV = Map.of("HOST", "tempo", "PORT", "4317", "EMPTY", "");

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("${env:HOST}", "tempo"),
                Arguments.of("${HOST}", "tempo"),
                Arguments.of("${env:HOST}:${env:PORT}", "tempo:4317"),
                Arguments.of("http://${HOST}:${PORT}/v1", "http://tempo:4317/v1"),
                Arguments.of("${env:MISSING:-localhost}", "localhost"),
                Arguments.of("${env:EMPTY:-localhost}", "localhost"),
                Arguments.of("${env:HOST:-localhost}", "tempo"),
                Arguments.of("${MISSING:-localhost}", "localhost"),
                Arguments.of("x${env:MISSING}y", "xy"),
                Arguments.of("pa$$word", "pa$word"),
                Arguments.of("$${env:HOST}", "${env:HOST}"),
                Arguments.of("cost $5", "cost $5"),
                Arguments.of("trailing $", "trailing $"),
                Arguments.of("${unterminated", "${unterminated"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("expansions")
    void expandsScalar(String written, String expected) {
        ConfigNode root = ConfigLoader.parse("value: \"" + written + "\"\n", "test.yaml", ENV::get);

        assertThat(root.get("value").scalar()).isEqualTo(expected);
    }

    @Test
    void wholeValueReferenceToUnsetVariableIsAnEmptyExpansion() {
        ConfigNode root = ConfigLoader.parse("endpoint: ${env:MISSING}\n", "test.yaml", ENV::get);

        assertThat(root.get("endpoint").isNull()).isTrue();
        assertThat(root.get("endpoint").isEmptyExpansion()).isTrue();
    }

    @Test
    void keysAreNotExpanded() {
        ConfigNode root = ConfigLoader.parse("${HOST}: 1\n", "test.yaml", ENV::get);

        assertThat(root.entries()).containsOnlyKeys("${HOST}");
    }

    @Test
    void expandsInsideLists() {
        ConfigNode root = ConfigLoader.parse("hosts: [\"${HOST}:${PORT}\", other]\n", "test.yaml", ENV::get);

        assertThat(root.get("hosts").items().get(0).scalar()).isEqualTo("tempo:4317");
    }

    @Test
    void unknownSchemeIsAnErrorNamingItAndTheLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("a: 1\nb: ${foo:bar}\n", "test.yaml", ENV::get))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.location()).isEqualTo(new Location("test.yaml", 2));
                        assertThat(error.path()).isEqualTo("b");
                        assertThat(error.message()).contains("unsupported scheme 'foo'");
                    });
                });
    }

    @Test
    void invalidVariableNameIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.parse("a: ${env:NOT-VALID}\n", "test.yaml", ENV::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid environment variable name 'NOT-VALID'");
    }
}
