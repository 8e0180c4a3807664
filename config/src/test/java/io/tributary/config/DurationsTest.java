package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {
    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("200ms", Duration.ofMillis(200)),
                Arguments.of("1m30s", Duration.ofSeconds(90)),
                Arguments.of("1.5h", Duration.ofMinutes(90)),
                Arguments.of("300us", Duration.ofNanos(300_000)),
                Arguments.of("300\u00b5s", Duration.ofNanos(300_000)),
                Arguments.of("300\u03bcs", Duration.ofNanos(300_000)),
                Arguments.of("15ns", Duration.ofNanos(15)),
                Arguments.of("2h45m10.5s", Duration.ofHours(2).plusMinutes(45).plusMillis(10_500)),
                Arguments.of(".5s", Duration.ofMillis(500)),
                Arguments.of("-2s", Duration.ofSeconds(-2)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("1000", Duration.ofNanos(1000)),
                Arguments.of("1_000", Duration.ofNanos(1000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesGoSyntax(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "5 parsecs | unknown unit ' parsecs'",
        "5d        | unknown unit 'd'",
        "1.5       | missing unit, e.g. 5s",
        "1h30      | missing unit after '30'",
        "''        | expected a number with a unit",
        "s         | expected a number with a unit",
        "-         | expected a number with a unit",
        "3000000h  | out of range",
    })
    void rejectsWithReadableMessage(String text, String reason) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid duration '" + text + "': ")
                .hasMessageContaining(reason);
    }
}
