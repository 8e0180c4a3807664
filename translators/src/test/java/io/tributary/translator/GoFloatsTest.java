package io.tributary.translator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each expectation is what Go 1.26 writes for the same value: {@code strconv.FormatFloat(v, 'g', -1, 64)}, and expfmt's OpenMetrics form. */
class GoFloatsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0|0.0",
            "-0.0|-0|0.0",
            "1|1|1.0",
            "-1|-1|-1.0",
            "0.25|0.25|0.25",
            "-2.5|-2.5|-2.5",
            "100000|100000|100000.0",
            "123456|123456|123456.0",
            "999999.5|999999.5|999999.5",
            "1234567|1.234567e+06|1.234567e+06",
            "1e15|1e+15|1e+15",
            "9007199254740993|9.007199254740992e+15|9.007199254740992e+15",
            "123456789012345678|1.2345678901234568e+17|1.2345678901234568e+17",
            "1e21|1e+21|1e+21",
            "0.0001|0.0001|0.0001",
            "3e-5|3e-05|3e-05",
            "2.5e-7|2.5e-07|2.5e-07",
            "5e-324|5e-324|5e-324",
            "1.7976931348623157e308|1.7976931348623157e+308|1.7976931348623157e+308",
            "Infinity|+Inf|+Inf",
            "-Infinity|-Inf|-Inf",
            "NaN|NaN|NaN"})
    void floatsAreWrittenAsGoWritesThem(double value, String g, String openMetrics) {
        assertThat(GoFloats.format(value)).isEqualTo(g);
        assertThat(GoFloats.openMetrics(value)).isEqualTo(openMetrics);
    }
}
