package io.tributary.processor.probabilisticsampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig.Mode;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbabilisticSamplerConfigTest {
    @Test
    void defaultsAreOtelcols() {
        assertThat(bind("")).isEqualTo(new ProbabilisticSamplerConfig(0, 0, Mode.HASH_SEED, true, 4, "traceID", "", ""));
    }

    @Test
    void everyTraceKeyBinds() {
        ProbabilisticSamplerConfig config = bind("""
                sampling_percentage: 15.3
                hash_seed: 4294967295
                mode: proportional
                fail_closed: false
                sampling_precision: 14
                """);

        assertThat(config).isEqualTo(new ProbabilisticSamplerConfig(15.3, 4294967295L, Mode.PROPORTIONAL, false, 14, "traceID", "", ""));
    }

    @Test
    void theLogsOnlyKeysAreAcceptedAsOtelcolAcceptsThemInATracesPipeline() {
        ProbabilisticSamplerConfig config = bind("""
                sampling_percentage: 15
                attribute_source: record
                from_attribute: logID
                sampling_priority: priority
                """);

        assertThat(config.attributeSource()).isEqualTo("record");
        assertThat(config.fromAttribute()).isEqualTo("logID");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sampling_percentage: -1       | sampling rate is negative: -1.000000%
            sampling_percentage: 1e39     | sampling rate is invalid: +Inf%
            sampling_percentage: 1e-15    | sampling rate is too small: 1e-15%
            sampling_precision: 0         | invalid sampling precision: 0
            sampling_precision: 15        | sampling precision is too great, should be <= 14: 15
            attribute_source: span        | invalid attribute source: span. Expected: traceID or record
            hash_seed: 4294967296         | hash_seed must be an unsigned 32-bit integer
            mode: random                  | unknown value 'random'
            """)
    void invalidSettingsAreRefusedWithOtelcolsMessage(String yaml, String message) {
        assertThatThrownBy(() -> bind(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void percentagesAbove100MeanEverything() {
        SpanSampler sampler = new SpanSampler(bind("sampling_percentage: 250"));

        assertThat(sampler.decide(HashSeedSamplingTest.id("ffffffffffffffffff00000000000000"), "", SpanSampler.Priority.DEFER)
                .sampled()).isTrue();
    }

    @Test
    void theFactoryIsDiscoveredAsProbabilisticSampler() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f.type()).isEqualTo("probabilistic_sampler"));
    }

    private static ProbabilisticSamplerConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", n -> null), "processors::probabilistic_sampler",
                ProbabilisticSamplerConfig.class, new ProbabilisticSamplerFactory().defaultConfig());
    }
}
