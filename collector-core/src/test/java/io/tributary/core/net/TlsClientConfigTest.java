package io.tributary.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class TlsClientConfigTest {
    private static TlsClientConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "exporters::otlp::tls",
                TlsClientConfig.class, TlsClientConfig.DEFAULT);
    }

    @Test
    void unknownVersionsAreErrorsAtTheirKeysWithOtelcolsMessage() {
        assertThatThrownBy(() -> bind("min_version: \"1.5\"\nmax_version: tls13\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(ConfigError::toString)
                        .containsExactly(
                                "test.yaml:1: exporters::otlp::tls::min_version: invalid TLS min_version: unsupported TLS "
                                        + "version: \"1.5\" (use 1.0, 1.1, 1.2 or 1.3)",
                                "test.yaml:2: exporters::otlp::tls::max_version: invalid TLS max_version: unsupported TLS "
                                        + "version: \"tls13\" (use 1.0, 1.1, 1.2 or 1.3)"));
    }

    @Test
    void versionsBoundTheProtocolsOffered() {
        TlsClientConfig tls = bind("min_version: \"1.2\"\nmax_version: \"1.2\"\n");

        assertThat(TlsVersions.protocols(tls.minVersion(), tls.maxVersion())).containsExactly("TLSv1.2");
    }
}
