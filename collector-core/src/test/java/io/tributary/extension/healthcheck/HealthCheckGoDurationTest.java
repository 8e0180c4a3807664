package io.tributary.extension.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthCheckGoDurationTest {
    @Test
    void formatsLikeGo() {
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofSeconds(3723))).isEqualTo("1h2m3s");
        assertThat(GoDuration.format(Duration.ofMinutes(5))).isEqualTo("5m0s");
        assertThat(GoDuration.format(Duration.ofNanos(49_013_251_800L))).isEqualTo("49.0132518s");
        assertThat(GoDuration.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
        assertThat(GoDuration.format(Duration.ofNanos(2_000))).isEqualTo("2\u00b5s");
        assertThat(GoDuration.format(Duration.ofNanos(7))).isEqualTo("7ns");
    }
}
