package io.tributary.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.component.ExporterFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ExporterFactoriesTest {
    @Test
    void otlpAndDebugAreDiscoveredWithTheirLegacyAliases() {
        assertThat(ServiceLoader.load(ExporterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo("otlp");
                    assertThat(f.aliases()).containsExactly("otlp_grpc");
                })
                .anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo("debug");
                    assertThat(f.aliases()).containsExactly("logging");
                });
    }
}
