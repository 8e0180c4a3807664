package io.tributary.exporter.debug;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each expectation is what Go 1.26 prints for the same value ({@code fmt.Printf("%v|%f")}, {@code time.Time.String}). */
class GoTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0|0.000000",
            "-0.0|-0|-0.000000",
            "-2.5|-2.5|-2.500000",
            "0.1|0.1|0.100000",
            "0.0001|0.0001|0.000100",
            "0.00001|1e-05|0.000010",
            "123456|123456|123456.000000",
            "999999.5|999999.5|999999.500000",
            "1e6|1e+06|1000000.000000",
            "1234567|1.234567e+06|1234567.000000",
            "1e21|1e+21|1000000000000000000000.000000",
            "1e-7|1e-07|0.000000",
            "2.82879384806159e17|2.82879384806159e+17|282879384806159008.000000",
            "0.0000005|5e-07|0.000000",
            "1.0000005|1.0000005|1.000001",
            "5e-324|5e-324|0.000000",
            "Infinity|+Inf|+Inf",
            "-Infinity|-Inf|-Inf",
            "NaN|NaN|NaN"})
    void floatsPrintAsGoPrintsThem(double value, String v, String f) {
        assertThat(GoText.v(value)).isEqualTo(v);
        assertThat(GoText.f(value)).isEqualTo(f);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|1970-01-01 00:00:00 +0000 UTC",
            "1|1970-01-01 00:00:00.000000001 +0000 UTC",
            "1700000000123456789|2023-11-14 22:13:20.123456789 +0000 UTC",
            "1700000000100000000|2023-11-14 22:13:20.1 +0000 UTC",
            "-1|1969-12-31 23:59:59.999999999 +0000 UTC"})
    void timestampsPrintAsGoTimeString(long unixNanos, String expected) {
        assertThat(GoText.timestamp(unixNanos)).isEqualTo(expected);
    }

    @Test
    void theLargestDoubleKeepsEveryDigitOfItsExactValue() {
        assertThat(GoText.v(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(GoText.f(Double.MAX_VALUE)).startsWith("179769313486231570814527423731704356798070567525844996598917476803157260780028538")
                .endsWith("124858368.000000");
    }
}
