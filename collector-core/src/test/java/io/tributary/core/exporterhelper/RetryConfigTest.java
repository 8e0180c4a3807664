package io.tributary.core.exporterhelper;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryConfigTest {
    private static final Duration S5 = Duration.ofSeconds(5);
    private static final Duration S30 = Duration.ofSeconds(30);

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new Object[] {true, Duration.ofSeconds(-1), 0.5, 1.5, S30, S30}, "'initial_interval' must be non-negative"),
                Arguments.of(new Object[] {true, S5, 1.5, 1.5, S30, S30}, "'randomization_factor' must be within [0, 1]"),
                Arguments.of(new Object[] {false, S5, -0.1, 1.5, S30, S30}, "'randomization_factor' must be within [0, 1]"),
                Arguments.of(new Object[] {true, S5, 0.5, -1.0, S30, S30}, "'multiplier' must be non-negative"),
                Arguments.of(new Object[] {true, S5, 0.5, 1.5, Duration.ofSeconds(-30), S30}, "'max_interval' must be non-negative"),
                Arguments.of(new Object[] {true, S5, 0.5, 1.5, S30, Duration.ofSeconds(-1)}, "'max_elapsed_time' must be non-negative"),
                Arguments.of(new Object[] {true, S30, 0.5, 1.5, S30, S5}, "'max_elapsed_time' must not be less than 'initial_interval'"),
                Arguments.of(new Object[] {true, S5, 0.5, 1.5, S30, Duration.ofSeconds(10)}, "'max_elapsed_time' must not be less than 'max_interval'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void rejectsWhatOtelcolRejects(Object[] values, String message) {
        assertThatThrownBy(() -> new RetryConfig((boolean) values[0], (Duration) values[1], (double) values[2],
                (double) values[3], (Duration) values[4], (Duration) values[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(": " + message);
    }

    @Test
    void zeroMaxElapsedTimeAndDisabledRelationsAreAccepted() {
        assertThatCode(() -> new RetryConfig(true, S30, 0.5, 1.5, S30, Duration.ZERO)).doesNotThrowAnyException();
        assertThatCode(() -> new RetryConfig(false, S30, 0.5, 1.5, S30, S5)).doesNotThrowAnyException();
    }
}
