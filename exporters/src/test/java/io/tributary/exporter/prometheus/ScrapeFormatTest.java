package io.tributary.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The answer's format for an {@code Accept} header: each expectation is what expfmt v0.67.5
 * (otelcol v0.148's) negotiates for the same header, without and with OpenMetrics enabled.
 */
class ScrapeFormatTest {
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8; escaping=underscores";
    private static final String PROMETHEUS_3 = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
            + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|" + TEXT + "|" + TEXT,
            "*/*|" + TEXT + "|" + TEXT,
            "text/html, text/plain;q=0.9|" + TEXT + "|" + TEXT,
            "text/plain;version=0.0.4;escaping=bogus|" + TEXT + "|" + TEXT,
            "application/openmetrics-text; version=0.0.1|" + TEXT
                    + "|application/openmetrics-text; version=0.0.1; charset=utf-8; escaping=underscores",
            // goautoneg puts a specific type before a wildcard one whatever their q
            "'text/plain;q=0.1, application/openmetrics-text'|" + TEXT
                    + "|application/openmetrics-text; version=0.0.1; charset=utf-8; escaping=underscores"})
    void negotiatesAsExpfmt(String accept, String text, String openMetrics) {
        assertThat(ScrapeFormat.negotiate(accept, false).contentType()).isEqualTo(text);
        assertThat(ScrapeFormat.negotiate(accept, true).contentType()).isEqualTo(openMetrics);
    }

    @Test
    void prometheus2GetsOpenMetricsWhenEnabled() {
        assertThat(ScrapeFormat.negotiate(PrometheusExpositionTest.PROMETHEUS_ACCEPT, false).contentType()).isEqualTo(TEXT);
        assertThat(ScrapeFormat.negotiate(PrometheusExpositionTest.PROMETHEUS_ACCEPT, true).contentType())
                .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores");
    }

    /** The escaping of a type tried before the chosen one still counts, as in expfmt. */
    @Test
    void prometheus3AllowsUtf8NamesInEitherFormat() {
        assertThat(ScrapeFormat.negotiate(PROMETHEUS_3, false).contentType())
                .isEqualTo("text/plain; version=0.0.4; charset=utf-8; escaping=allow-utf-8");
        assertThat(ScrapeFormat.negotiate(PROMETHEUS_3, true).contentType())
                .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=allow-utf-8");
    }

    @Test
    void aScraperAskingForProtobufGetsItAndForItsTextEncodingsItsNextChoice() {
        assertThat(ScrapeFormat.negotiate("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,"
                + "text/plain;version=0.0.4;q=0.3", false).contentType())
                .isEqualTo("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited; escaping=underscores");
        assertThat(ScrapeFormat.negotiate("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text;q=0.7,"
                + "text/plain;version=0.0.4;q=0.3", true).contentType()).isEqualTo(TEXT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http_requests|UNDERSCORES|http_requests",
            "http.requests|UNDERSCORES|http_requests",
            "1st|UNDERSCORES|_st",
            "http.requests|DOTS|http_dot_requests",
            "a_b.c|DOTS|a__b_dot_c",
            "a_b.c|VALUES|U__a__b_2e_c",
            "ünï|VALUES|U___fc_n_ef_",
            "http.requests|ALLOW_UTF8|http.requests"})
    void escapesNamesThatAreNotClassic(String name, ScrapeFormat.Escaping escaping, String escaped) {
        assertThat(escaping.escape(name)).isEqualTo(escaped);
    }
}
