package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
    private static final List<String> CANDIDATES =
            List.of("otlp", "otlphttp", "debug", "send_batch_size", "send_batch_max_size", "timeout");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "oltp, otlp",
        "otlpp, otlp",
        "OTLP, otlp",
        "otlphtp, otlphttp",
        "debgu, debug",
        "sned_batch_size, send_batch_size",
        "timout, timeout",
    })
    void suggestsPlausibleTypo(String input, String expected) {
        assertThat(Suggestions.closest(input, CANDIDATES)).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jaeger", "zipkin", "abc", "endpoint"})
    void staysSilentWhenNothingIsClose(String input) {
        assertThat(Suggestions.closest(input, CANDIDATES)).isEmpty();
    }
}
