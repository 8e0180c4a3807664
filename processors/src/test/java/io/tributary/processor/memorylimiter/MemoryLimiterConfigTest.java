package io.tributary.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MemoryLimiterConfigTest {
    private static final long MIB = FakeHeap.MIB;

    @Test
    void absentKeysTakeOtelcolsDefaults() {
        MemoryLimiterConfig config = Configs.bind("{check_interval: 1s, limit_mib: 4000}");

        assertThat(config).isEqualTo(new MemoryLimiterConfig(Duration.ofSeconds(1), 4000, 0, 0, 0,
                Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    @Test
    void theReadmeExamplesGiveTheReadmeLimits() {
        MemoryLimiterConfig.Limits fixed = Configs.bind("{check_interval: 1s, limit_mib: 4000, spike_limit_mib: 800}")
                .limits(123 * MIB);
        assertThat(fixed.hard()).isEqualTo(4000 * MIB);
        assertThat(fixed.soft()).isEqualTo(3200 * MIB);

        MemoryLimiterConfig.Limits percent = Configs.bind("{check_interval: 1s, limit_percentage: 80, spike_limit_percentage: 15}")
                .limits(1000 * MIB);
        assertThat(percent.hard()).isEqualTo(800 * MIB);
        assertThat(percent.soft()).isEqualTo(650 * MIB);
    }

    @Test
    void limitMibTakesPrecedenceOverLimitPercentage() {
        MemoryLimiterConfig.Limits limits = Configs.bind("{check_interval: 1s, limit_mib: 100, limit_percentage: 50}")
                .limits(1000 * MIB);

        assertThat(limits.hard()).isEqualTo(100 * MIB);
        assertThat(limits.soft()).isEqualTo(80 * MIB);
    }

    @Test
    void theDefaultConfigIsInvalidAsInOtelcol() {
        assertThatThrownBy(() -> Configs.bind("{}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processors::memory_limiter: 'check_interval' must be greater than zero");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            limit_mib: 100                                                 | 'check_interval' must be greater than zero
            check_interval: -1s, limit_mib: 100                            | 'check_interval' must be greater than zero
            check_interval: 1s                                             | 'limit_mib' or 'limit_percentage' must be greater than zero
            check_interval: 1s, limit_mib: 100, spike_limit_mib: 100       | 'spike_limit_mib' must be smaller than 'limit_mib'
            check_interval: 1s, limit_percentage: 50, spike_limit_percentage: 50 | 'spike_limit_percentage' must be smaller than 'limit_percentage'
            check_interval: 1s, limit_percentage: 101                      | 'limit_percentage' and 'spike_limit_percentage' must be greater than zero and less than or equal to hundred
            check_interval: 1s, limit_mib: 100, spike_limit_percentage: 101 | 'limit_percentage' and 'spike_limit_percentage' must be greater than zero and less than or equal to hundred
            check_interval: 1s, limit_mib: -1                              | limit_mib must not be negative
            check_interval: 1s, limit_mib: 100, min_gc_interval_when_soft_limited: 1s, min_gc_interval_when_hard_limited: 2s | 'min_gc_interval_when_soft_limited' should be larger than 'min_gc_interval_when_hard_limited'
            check_interval: 1s, limit_mib: 100, max_gc_interval_when_soft_limited: -1s | 'max_gc_interval_when_soft_limited' must be non-negative
            check_interval: 1s, limit_mib: 100, max_gc_interval_when_hard_limited: -1s | 'max_gc_interval_when_hard_limited' must be non-negative
            check_interval: 1s, limit_mib: 100, max_gc_interval_when_soft_limited: 5s | 'max_gc_interval_when_soft_limited' must be greater than or equal to 'min_gc_interval_when_soft_limited' (or 0 to disable)
            check_interval: 1s, limit_mib: 100, min_gc_interval_when_hard_limited: 5s, max_gc_interval_when_hard_limited: 4s | 'max_gc_interval_when_hard_limited' must be greater than or equal to 'min_gc_interval_when_hard_limited' (or 0 to disable)
            check_interval: 1s, limit_mib: 100, max_gc_interval_when_soft_limited: 20s, max_gc_interval_when_hard_limited: 25s | 'max_gc_interval_when_soft_limited' should be larger than or equal to 'max_gc_interval_when_hard_limited' (when both are set)
            """)
    void invalidSettingsFailWithOtelcolsMessage(String settings, String message) {
        assertThatThrownBy(() -> Configs.bind("{" + settings + "}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void zeroMaxGcIntervalsDisableTheBackoffAndAreValid() {
        MemoryLimiterConfig config = Configs.bind("{check_interval: 1s, limit_mib: 100,"
                + " max_gc_interval_when_soft_limited: 0s, max_gc_interval_when_hard_limited: 0s}");

        assertThat(config.maxGcIntervalWhenSoftLimited()).isZero();
    }
}
