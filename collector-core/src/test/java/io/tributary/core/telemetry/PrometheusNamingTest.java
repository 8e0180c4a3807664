package io.tributary.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.telemetry.PrometheusNaming.MetricType;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each expectation is what Prometheus' otlptranslator v1.0.0 (otelcol v0.148's) builds for the same input. */
class PrometheusNamingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "traces.span.metrics.calls||MONOTONIC_COUNTER||true|false|traces_span_metrics_calls_total",
            "traces.span.metrics.duration|ms|HISTOGRAM||true|false|traces_span_metrics_duration_milliseconds",
            "http.server.request.duration|s|HISTOGRAM||true|false|http_server_request_duration_seconds",
            "system.memory.usage|By|NON_MONOTONIC_COUNTER||true|false|system_memory_usage_bytes",
            "network.io|By/s|MONOTONIC_COUNTER||true|false|network_io_bytes_per_second_total",
            "requests|{request}/s|GAUGE||true|false|requests_per_second",
            "cpu.utilization|1|GAUGE||true|false|cpu_utilization_ratio",
            "cpu.time|1|MONOTONIC_COUNTER||true|false|cpu_time_total",
            "requests_total||MONOTONIC_COUNTER||true|false|requests_total",
            "total.requests||MONOTONIC_COUNTER||true|false|requests_total",
            "latency_seconds|s|HISTOGRAM||true|false|latency_seconds",
            "queue..depth__now|{item}|GAUGE||true|false|queue_depth_now",
            "2xx.responses||MONOTONIC_COUNTER||true|false|_2xx_responses_total",
            "temperature|Cel|GAUGE|test-space|true|false|test-space_temperature_celsius",
            "temperature|Cel|GAUGE|test-space|false|false|test_space_temperature",
            "queue..depth__now|{item}|GAUGE||false|false|queue_depth__now",
            "2xx.responses||MONOTONIC_COUNTER||false|false|_2xx_responses",
            "speed|m/h|GAUGE||true|false|speed_meters_per_hour",
            "size|KiBy|GAUGE||true|false|size_kibibytes",
            "weird|foo bar/baz|GAUGE||true|false|weird_foo_bar_per_baz",
            "cpu.utilization|1|GAUGE||true|true|cpu.utilization_ratio",
            "network.io|By/s|MONOTONIC_COUNTER|ns|true|true|ns_network.io_bytes_per_second_total",
            "network.io_bytes_per_second_total|By/s|MONOTONIC_COUNTER||true|true|network.io_bytes_per_second_total",
            "temperature|Cel|GAUGE||false|true|temperature"})
    void metricNames(String name, String unit, MetricType type, String namespace, boolean suffixes, boolean utf8, String expected) {
        // an empty CSV column is null
        assertThat(PrometheusNaming.metricName(name, Objects.toString(unit, ""), type, Objects.toString(namespace, ""), suffixes, utf8))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"___", "@@@", ""})
    void aNameWithNothingLeftIsRefused(String name) {
        assertThatThrownBy(() -> PrometheusNaming.metricName(name, "", MetricType.GAUGE, "", true, false))
                .hasMessage("normalization for metric \"" + name + "\" resulted in empty name");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http.method|http_method|http.method",
            "1st|key_1st|1st",
            "__name__|__name__|__name__",
            "_private|_private|_private",
            "a..b|a__b|a..b",
            "ünïcode|_n_code|ünïcode",
            "a b|a_b|a b"})
    void labelNames(String key, String escaped, String utf8) {
        assertThat(PrometheusNaming.labelName(key, false)).isEqualTo(escaped);
        assertThat(PrometheusNaming.labelName(key, true)).isEqualTo(utf8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"___", ""})
    void aLabelOfUnderscoresOnlyOrEmptyIsRefused(String key) {
        assertThatThrownBy(() -> PrometheusNaming.labelName(key, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusNaming.labelName(key, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s|seconds", "By/s|bytes_per_second", "{request}/s|per_second", "1|", "{span}|", "m/{x}|meters", "foo bar|foo_bar"})
    void unitWords(String unit, String expected) {
        assertThat(PrometheusNaming.unitWords(unit)).isEqualTo(Objects.toString(expected, ""));
    }
}
