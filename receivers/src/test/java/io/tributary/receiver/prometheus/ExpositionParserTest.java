package io.tributary.receiver.prometheus;

import static io.tributary.receiver.prometheus.ExpositionParser.Format.OPENMETRICS;
import static io.tributary.receiver.prometheus.ExpositionParser.Format.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.receiver.prometheus.Exposition.Metadata;
import io.tributary.receiver.prometheus.Exposition.Sample;
import io.tributary.receiver.prometheus.ExpositionParser.ExpositionException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The two grammars, case by case; each expectation is what Prometheus v3's own parsers
 * ({@code model/textparse}, the version otelcol v0.148 embeds) give for the same input.
 */
class ExpositionParserTest {
    @Test
    void textFormatIsLenientAboutBlankLinesCommentsAndWhitespace() throws Exception {
        Exposition exposition = ExpositionParser.parse("""

                # a comment
                #no space, also a comment
                # HELP http_requests_total The total.
                # TYPE http_requests_total counter
                http_requests_total{method="post" , code="200",} 1027 1395066363000
                http_requests_total { method = "get" }   3\t
                """, TEXT);

        assertThat(exposition.metadata()).containsEntry("http_requests_total", new Metadata("counter", "The total.", ""));
        assertThat(exposition.samples()).hasSize(2);
        Sample first = exposition.samples().get(0);
        assertThat(first.labels()).isEqualTo(new TreeMap<>(Map.of("__name__", "http_requests_total", "code", "200", "method", "post")));
        assertThat(first.value()).isEqualTo(1027);
        assertThat(first.timestampMs()).isEqualTo(1395066363000L);
        Sample second = exposition.samples().get(1);
        assertThat(second.labels()).containsEntry("method", "get");
        assertThat(second.timestampMs()).isNull();
    }

    @Test
    void textFormatLabelsMaySitWithoutCommas() throws Exception {
        Sample sample = ExpositionParser.parse("foo{a=\"1\" b=\"2\"} 1\n", TEXT).samples().get(0);

        assertThat(sample.labels()).containsEntry("a", "1").containsEntry("b", "2");
    }

    @Test
    void helpDropsOneCharacterAfterTheNameAndUnescapesBackslashAndNewlineOnly() throws Exception {
        Exposition exposition = ExpositionParser.parse("# HELP foo   two  spaces\\n and \\\\ \\\" x\n# HELP bar\n", TEXT);

        assertThat(exposition.metadata().get("foo").help()).isEqualTo("  two  spaces\n and \\ \\\" x");
        assertThat(exposition.metadata().get("bar").help()).isEmpty();
    }

    @Test
    void labelValuesUnescapeQuoteBackslashAndNewlineAndKeepOtherEscapes() throws Exception {
        Sample sample = ExpositionParser.parse("foo{a=\"x\\ty\\\"z\\n\\\\\"} 1\n", TEXT).samples().get(0);

        assertThat(sample.labels()).containsEntry("a", "x\\ty\"z\n\\");
    }

    @Test
    void specialValuesFollowGo() throws Exception {
        Exposition exposition = ExpositionParser.parse("a NaN\nb +Inf\nc -inf\nd Infinity\ne .5e-3\nf 1.\n", TEXT);

        assertThat(exposition.samples()).extracting(Sample::value)
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0005, 1.0);
    }

    @Test
    void valuesGoRefusesAreErrors() {
        assertThatThrownBy(() -> ExpositionParser.parse("q 1e400\n", TEXT)).hasMessageContaining("value out of range");
        assertThatThrownBy(() -> ExpositionParser.parse("q 1_000\n", TEXT)).hasMessageContaining("unsupported character in float");
        assertThatThrownBy(() -> ExpositionParser.parse("q 0x10\n", TEXT)).hasMessageContaining("invalid syntax");
        assertThatThrownBy(() -> ExpositionParser.parse("q -nan\n", TEXT)).hasMessageContaining("invalid syntax");
        assertThatThrownBy(() -> ExpositionParser.parse("q 1\r\n", TEXT)).isInstanceOf(ExpositionException.class);
    }

    @Test
    void textTimestampsAreNonNegativeMillisecondIntegers() {
        assertThatThrownBy(() -> ExpositionParser.parse("foo 1 -5\n", TEXT)).hasMessageContaining("expected timestamp or new record");
        assertThatThrownBy(() -> ExpositionParser.parse("foo 1 1.5\n", TEXT)).hasMessageContaining("expected next entry after timestamp");
    }

    @Test
    void typeMustBeExactlyAKnownOne() {
        assertThatThrownBy(() -> ExpositionParser.parse("# TYPE foo counter \nfoo 1\n", TEXT))
                .hasMessage("invalid metric type \"counter \"");
        assertThatThrownBy(() -> ExpositionParser.parse("# TYPE foo info\n", TEXT)).hasMessage("invalid metric type \"info\"");
    }

    @Test
    void untypedIsUnknown() throws Exception {
        assertThat(ExpositionParser.parse("# TYPE foo untyped\nfoo 1\n", TEXT).metadata().get("foo").type()).isEqualTo("unknown");
    }

    @Test
    void quotedUtf8NamesOfTextFormatOneZero() throws Exception {
        Sample sample = ExpositionParser.parse("{\"my.metric\", a=\"b\", \"label.with.dots\"=\"v\"} 1\n", TEXT).samples().get(0);

        assertThat(sample.name()).isEqualTo("my.metric");
        assertThat(sample.labels()).containsEntry("label.with.dots", "v");
    }

    @Test
    void histogramAndSummaryBoundariesAreNormalizedAsOpenMetricsFloats() throws Exception {
        Exposition exposition = ExpositionParser.parse("""
                # TYPE h histogram
                h_bucket{le="1"} 1
                h_bucket{le="1e6"} 1
                h_bucket{le="0.00001"} 1
                h_bucket{le="123456"} 1
                # TYPE s summary
                s{quantile="0.5"} 1
                # TYPE g gauge
                g{le="1"} 1
                """, TEXT);

        assertThat(exposition.samples()).extracting(s -> s.labels().getOrDefault("le", s.labels().get("quantile")))
                .containsExactly("1.0", "1e+06", "1e-05", "123456.0", "0.5", "1");
    }

    @Test
    void duplicateLabelNamesFailTheExposition() {
        assertThatThrownBy(() -> ExpositionParser.parse("foo{a=\"1\",a=\"2\"} 1\n", TEXT)).hasMessageContaining("non-unique label names");
    }

    @Test
    void openMetricsCountersWithCreatedUnitsAndExemplars() throws Exception {
        Exposition exposition = ExpositionParser.parse("""
                # TYPE foo_seconds counter
                # HELP foo_seconds help \\" me \\\\ \\n x
                # UNIT foo_seconds seconds
                foo_seconds_total{a="1"} 5 1.5 # {trace_id="abc"} 2 1.25
                foo_seconds_created{a="1"} 1700000000.5
                # TYPE h histogram
                h_bucket{le="1"} 0 # {span_id="x"} 0.5
                h_bucket{le="+Inf"} 2
                h_count 2
                h_sum 3
                # EOF
                """, OPENMETRICS);

        assertThat(exposition.metadata().get("foo_seconds")).isEqualTo(new Metadata("counter", "help \" me \\ \n x", "seconds"));
        Sample total = exposition.samples().get(0);
        assertThat(total.timestampMs()).isEqualTo(1500);
        assertThat(total.exemplar().labels()).containsExactlyEntriesOf(Map.of("trace_id", "abc"));
        assertThat(total.exemplar().value()).isEqualTo(2);
        assertThat(total.exemplar().timestampMs()).isEqualTo(1250);
        assertThat(exposition.samples().get(1).name()).isEqualTo("foo_seconds_created");
        assertThat(exposition.samples().get(1).value()).isEqualTo(1.7000000005e9);
        Sample bucket = exposition.samples().get(2);
        assertThat(bucket.labels()).containsEntry("le", "1.0");
        assertThat(bucket.exemplar().timestampMs()).isNull();
        assertThat(exposition.samples()).hasSize(6);
    }

    @Test
    void openMetricsTimestampsAreFloatSeconds() throws Exception {
        assertThat(ExpositionParser.parse("foo 1 1e3\n# EOF\n", OPENMETRICS).samples().get(0).timestampMs()).isEqualTo(1_000_000L);
        assertThatThrownBy(() -> ExpositionParser.parse("foo 1 NaN\n# EOF\n", OPENMETRICS)).hasMessageContaining("invalid timestamp");
    }

    @Test
    void openMetricsMustEndWithEofAndNothingAfter() throws Exception {
        assertThat(ExpositionParser.parse("foo 1\n# EOF", OPENMETRICS).samples()).hasSize(1);
        assertThatThrownBy(() -> ExpositionParser.parse("foo 1\n", OPENMETRICS)).hasMessage("data does not end with # EOF");
        assertThatThrownBy(() -> ExpositionParser.parse("foo 1\n# EOF\nbar 2\n", OPENMETRICS)).hasMessage("unexpected data after # EOF");
    }

    @Test
    void openMetricsRefusesWhatTheTextFormatTolerates() {
        assertThatThrownBy(() -> ExpositionParser.parse("foo 1\n\n# EOF\n", OPENMETRICS)).hasMessageContaining("expected a valid start token");
        assertThatThrownBy(() -> ExpositionParser.parse("# comment\nfoo 1\n# EOF\n", OPENMETRICS))
                .hasMessageContaining("expected a valid start token");
        assertThatThrownBy(() -> ExpositionParser.parse("foo  1\n# EOF\n", OPENMETRICS)).hasMessageContaining("expected value after metric");
        assertThatThrownBy(() -> ExpositionParser.parse("foo{a=\"1\" ,b=\"2\"} 1\n# EOF\n", OPENMETRICS))
                .hasMessageContaining("expected comma or brace close");
        assertThatThrownBy(() -> ExpositionParser.parse("foo 1 \n# EOF\n", OPENMETRICS)).isInstanceOf(ExpositionException.class);
        assertThatThrownBy(() -> ExpositionParser.parse("# HELP foo\n# EOF\n", OPENMETRICS)).hasMessage("expected text in HELP");
        assertThatThrownBy(() -> ExpositionParser.parse("foo 1 # {\"q\"} 1\n# EOF\n", OPENMETRICS))
                .hasMessageContaining("expected label name");
    }

    @Test
    void openMetricsUnitMustBeASuffixOfTheFamily() {
        assertThatThrownBy(() -> ExpositionParser.parse("# TYPE foo counter\n# UNIT foo seconds\n# EOF\n", OPENMETRICS))
                .hasMessage("unit \"seconds\" not a suffix of metric \"foo\"");
    }

    @Test
    void openMetricsTypesIncludeInfoStatesetAndGaugeHistogram() throws Exception {
        Exposition exposition = ExpositionParser.parse("""
                # TYPE s stateset
                s{s="a"} 1
                # TYPE i info
                i_info{v="1"} 1
                # TYPE gh gaugehistogram
                gh_bucket{le="+Inf"} 1
                # HELP empty\s
                # EOF
                """, OPENMETRICS);

        assertThat(exposition.metadata()).containsKeys("s", "i", "gh");
        assertThat(exposition.metadata().get("i").type()).isEqualTo("info");
        assertThat(exposition.metadata().get("empty").help()).isEmpty();
    }
}
