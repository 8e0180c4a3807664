package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.testkit.PrometheusScrape;
import org.junit.jupiter.api.Test;

class RedMetricsScenarioTest {
    /** An OpenMetrics exposition as the prometheus exporter writes one, with an exemplar and timestamps. */
    private static final String OPENMETRICS = """
            # HELP calls Calls of each operation.
            # TYPE calls counter
            calls_total{span_name="GET /",job="shop/frontend"} 3 1700000000.5 # {trace_id="7ed0",span_id="5ba0"} 1 1700000000.1
            calls_created{span_name="GET /",job="shop/frontend"} 1.7e+09
            # TYPE latency_milliseconds histogram
            # UNIT latency_milliseconds milliseconds
            latency_milliseconds_bucket{le="2"} 1
            latency_milliseconds_bucket{le="+Inf"} 2
            latency_milliseconds_sum 10.5
            latency_milliseconds_count 2
            latency_milliseconds_created 1.7e+09
            # EOF
            """;

    @Test
    void openMetricsSamplesJoinTheirFamilyWithoutCreatedSamplesOrTimestamps() {
        JsonObject families = RedMetricsScenario.families(PrometheusScrape.parse(OPENMETRICS));

        assertThat(families).isEqualTo(JsonParser.parseString("""
                {"calls": {"type": "counter", "help": "Calls of each operation.", "unit": "",
                           "samples": {"[calls_total{job=\\"shop/frontend\\",span_name=\\"GET /\\"}]": "3.0"},
                           "exemplars": {"[calls_total{job=\\"shop/frontend\\",span_name=\\"GET /\\"}]": "{span_id=\\"5ba0\\",trace_id=\\"7ed0\\"} 1.0"}},
                 "latency_milliseconds": {"type": "histogram", "help": "", "unit": "milliseconds",
                           "samples": {"[latency_milliseconds_bucket{le=\\"2\\"}]": "1.0", "[latency_milliseconds_bucket{le=\\"+Inf\\"}]": "2.0",
                                       "[latency_milliseconds_sum{}]": "10.5", "[latency_milliseconds_count{}]": "2.0"}}}
                """));
    }

    @Test
    void theSameValueWrittenTwoWaysIsTheSameSample() {
        JsonObject go = RedMetricsScenario.families(PrometheusScrape.parse("# TYPE x_total counter\nx_total 1e+06\n"));
        JsonObject java = RedMetricsScenario.families(PrometheusScrape.parse("# TYPE x_total counter\nx_total 1000000.0\n"));

        assertThat(go).isEqualTo(java);
    }
}
