package io.tributary.exporter.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.component.ExporterFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class JaegerExporterFactoriesTest {
    @Test
    void jaegerAndJaegerThriftAreDiscoveredWithTheLegacyAlias() {
        assertThat(ServiceLoader.load(ExporterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo("jaeger");
                    assertThat(f.aliases()).isEmpty();
                })
                .anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo("jaeger_thrift");
                    assertThat(f.aliases()).containsExactly("jaegerthrifthttp");
                });
    }
}
