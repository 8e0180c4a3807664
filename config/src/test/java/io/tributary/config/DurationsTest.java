package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

    @Test
    void formatsAsGo() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofSeconds(3723))).isEqualTo("1h2m3s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m0s");
        assertThat(Durations.format(Duration.ofNanos(49_013_251_800L))).isEqualTo("49.0132518s");
        assertThat(Durations.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
        assertThat(Durations.format(Duration.ofNanos(2_000))).isEqualTo("2\u00b5s");
        assertThat(Durations.format(Duration.ofNanos(7))).isEqualTo("7ns");
        assertThat(Durations.format(Duration.ofMillis(-1500))).isEqualTo("-1.5s");
    }

    @ParameterizedTest
    @CsvSource({
        "4349915932, 4.3s",
        "4960000000, 5s",
        "250000000, 250ms",
        "999600000, 1s",
        "1234567, 1ms",
        "90400000000, 1m30s",
        "59960000000, 1m0s",
        "0, 0s",
        "-4349915932, -4.3s"})
    void formatsShortForLogs(long nanos, String expected) {
        assertThat(Durations.formatShort(Duration.ofNanos(nanos))).isEqualTo(expected);
    }
}
