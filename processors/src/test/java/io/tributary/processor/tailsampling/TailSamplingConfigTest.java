package io.tributary.processor.tailsampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ConfigException;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.processor.ottl.ErrorMode;
import io.tributary.processor.ottl.SpanCondition;
import io.tributary.processor.ottl.SpanEventCondition;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TailSamplingConfigTest {
    private static final String SEED = """
            decision_wait: 10s
            num_traces: 100000
            policies:
              - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
              - {name: slow-traces, type: latency, latency: {threshold_ms: 1000}}
              - {name: important-endpoints, type: string_attribute, string_attribute: {key: http.url, values: ["/checkout", "/payment"]}}
              - {name: probabilistic, type: probabilistic, probabilistic: {sampling_percentage: 10}}
            """;

    @Test
    void bindsTheSeedConfig() {
        TailSamplingConfig config = Harness.config(SEED);

        assertThat(config.decisionWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.numTraces()).isEqualTo(100_000);
        assertThat(config.policies()).extracting(PolicyConfig::name)
                .containsExactly("errors", "slow-traces", "important-endpoints", "probabilistic");
        assertThat(config.policies().get(3).probabilistic().samplingPercentage()).isEqualTo(10.0);
    }

    @Test
    void hasOtelcolsDefaults() {
        TailSamplingConfig config = Harness.config("policies: [{name: all, type: always_sample}]");

        assertThat(config.decisionWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.numTraces()).isEqualTo(50_000);
        assertThat(config.expectedNewTracesPerSec()).isZero();
        assertThat(config.decisionCache()).isEqualTo(new TailSamplingConfig.DecisionCache(0, 0));
        assertThat(config.decisionWaitAfterRootReceived()).isZero();
        assertThat(config.maximumTraceSizeBytes()).isZero();
        assertThat(config.sampleOnFirstMatch()).isFalse();
    }

    @Test
    void maxBufferedBytesTakesASize() {
        TailSamplingConfig config = Harness.config("max_buffered_bytes: 512MiB\npolicies: [{name: all, type: always_sample}]");

        assertThat(config.bufferBudget()).isEqualTo(512L << 20);
    }

    @Test
    void maxBufferedBytesDefaultsToAQuarterOfTheHeap() {
        assertThat(Harness.config("policies: [{name: all, type: always_sample}]").bufferBudget())
                .isEqualTo(Runtime.getRuntime().maxMemory() / 4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "policies: []| at least one sampling policy is required",
        "policies: [{type: always_sample}]| policy name cannot be empty",
        "policies: [{name: a, type: sometimes}]| unknown sampling policy type sometimes",
        "policies: [{name: a, type: always_sample}, {name: a, type: always_sample}]| duplicate policy name",
        "policies: [{name: a, type: status_code, status_code: {status_codes: [BAD]}}]| unknown status code \"BAD\"",
        "policies: [{name: a, type: status_code}]| expected at least one status code",
        "policies: [{name: a, type: string_attribute, string_attribute: {key: k, values: ['('], enabled_regex_matching: true}}]| invalid regex",
        "policies: [{name: a, type: numeric_attribute, numeric_attribute: {key: k}}]| at least one of min_value or max_value",
        "policies: [{name: a, type: and, and: {and_sub_policy: [{name: b, type: composite}]}}]| unknown sampling policy type composite in and_sub_policy",
        "policies: [{name: a, type: not}]| not_sub_policy is required",
        "policies: [{name: a, type: ottl_condition}]| expected at least one OTTL condition to filter on",
        "policies: [{name: a, type: ottl_condition, ottl_condition: {error_mode: loud, span: ['name == \"x\"']}}]| unknown value 'loud'",
        "{num_traces: 0, policies: [{name: a, type: always_sample}]}| num_traces must be greater than zero",
        "{block_on_overflow: true, policies: [{name: a, type: always_sample}]}| block_on_overflow is not supported",
    })
    void refusesWhatOtelcolRefusesWithTheKeyPath(String yaml, String message) {
        assertThatThrownBy(() -> Harness.config(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processors::tail_sampling")
                .hasMessageContaining(message);
    }

    @Test
    void bindsAnOttlConditionPolicy() {
        PolicyConfig.OttlCondition config = Harness.config("""
                policies:
                  - name: checkout
                    type: ottl_condition
                    ottl_condition:
                      error_mode: ignore
                      span: ['attributes["http.url"] == "/checkout"']
                      spanevent: ['name == "exception"']
                """).policies().get(0).ottlCondition();

        assertThat(config.errorMode()).isEqualTo(ErrorMode.IGNORE);
        assertThat(config.span()).map(SpanCondition::toString).containsExactly("attributes[\"http.url\"] == \"/checkout\"");
        assertThat(config.spanevent()).map(SpanEventCondition::toString).containsExactly("name == \"exception\"");
    }

    @Test
    void reportsABadConditionAtItsKeyPathAndLine() {
        assertThatThrownBy(() -> Harness.config("""
                policies:
                  - name: checkout
                    type: ottl_condition
                    ottl_condition:
                      span:
                        - 'name == "x"'
                        - 'ParseJSON(name) == nil'
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:7: processors::tail_sampling::policies[0]::ottl_condition::span[1]: "
                        + "unsupported function 'ParseJSON' at column 1");
    }

    @Test
    void isRegisteredAsTailSampling() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(factory -> assertThat(factory.type()).isEqualTo("tail_sampling"));
    }
}
