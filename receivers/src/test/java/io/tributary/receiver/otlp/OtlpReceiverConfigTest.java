package io.tributary.receiver.otlp;

import io.tributary.receiver.configgrpc.GrpcConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ByteSize;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.ReceiverFactory;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpReceiverConfigTest {
    @Test
    void bareProtocolSectionsTakeOtelcolDefaults() {
        Protocols protocols = ReceiverFixture.config("""
                protocols:
                  grpc:
                  http:
                """).protocols();

        assertThat(protocols.grpc()).isEqualTo(GrpcConfig.DEFAULT.withDefaultEndpoint("localhost:4317"));
        assertThat(protocols.grpc().endpoint()).isEqualTo("localhost:4317");
        assertThat(protocols.grpc().maxInboundMessageBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(protocols.http()).isEqualTo(HttpConfig.DEFAULT);
        assertThat(protocols.http().server().endpoint()).isEqualTo("localhost:4318");
        assertThat(protocols.http().tracesUrlPath()).isEqualTo("/v1/traces");
        assertThat(protocols.http().server().maxRequestBodySize()).isEqualTo(ByteSize.ofMebibytes(20));
    }

    @Test
    void onlyTheWrittenProtocolIsEnabled() {
        Protocols protocols = ReceiverFixture.config("""
                protocols:
                  http:
                    endpoint: 0.0.0.0:4318
                """).protocols();

        assertThat(protocols.grpc()).isNull();
        assertThat(protocols.http().server().endpoint()).isEqualTo("0.0.0.0:4318");
    }

    @Test
    void emptyProtocolsIsAConfigError() {
        assertThatThrownBy(() -> ReceiverFixture.config("""
                protocols: {}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must specify at least one protocol");
    }

    @Test
    void receiverWithoutProtocolsIsAConfigError() {
        assertThatThrownBy(() -> ReceiverFixture.config(""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must specify at least one protocol");
    }

    @Test
    void grpcServerSettingsBind() {
        GrpcConfig grpc = ReceiverFixture.config("""
                protocols:
                  grpc:
                    max_recv_msg_size_mib: 16
                    max_concurrent_streams: 100
                    keepalive:
                      server_parameters:
                        max_connection_age: 30s
                        time: 2h
                      enforcement_policy:
                        min_time: 10s
                        permit_without_stream: true
                """).protocols().grpc();

        assertThat(grpc.maxInboundMessageBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(grpc.maxConcurrentStreams()).isEqualTo(100);
        assertThat(grpc.keepalive().serverParameters().maxConnectionAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(grpc.keepalive().serverParameters().time()).isEqualTo(Duration.ofHours(2));
        assertThat(grpc.keepalive().enforcementPolicy().minTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(grpc.keepalive().enforcementPolicy().permitWithoutStream()).isTrue();
    }

    @Test
    void httpSettingsBind() {
        HttpConfig http = ReceiverFixture.config("""
                protocols:
                  http:
                    traces_url_path: /otlp/v1/traces
                    max_request_body_size: 5MiB
                    cors:
                      allowed_origins: ["http://*.example.com"]
                      max_age: 60
                """).protocols().http();

        assertThat(http.tracesUrlPath()).isEqualTo("/otlp/v1/traces");
        assertThat(http.server().maxBodyBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(http.cors().allowedOrigins()).containsExactly("http://*.example.com");
        assertThat(http.cors().maxAge()).isEqualTo(60);
    }

    @Test
    void badEndpointIsAConfigError() {
        assertThatThrownBy(() -> ReceiverFixture.config("""
                protocols:
                  grpc:
                    endpoint: localhost
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("protocols::grpc");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "traces_url_path  | ':invalid'     | parse \":invalid\": missing protocol scheme",
        "metrics_url_path | '1:x/c'        | parse \"1:x/c\": first path segment in URL cannot contain colon",
        "logs_url_path    | '/v1/%zz'      | parse \"/v1/%zz\": invalid URL escape \"%zz\"",
    })
    void urlPathsOtelcolCannotParseAreErrorsAtTheirKey(String key, String path, String message) {
        assertThatThrownBy(() -> ReceiverFixture.config("protocols:\n  http:\n    " + key + ": \"" + path + "\"\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .extracting(ConfigError::toString)
                        .isEqualTo("test.yaml:3: receivers::otlp::protocols::http::" + key
                                + ": invalid HTTP URL path set for signal: " + message));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "v1/traces, /v1/traces",
        "/a%20b?x=1#f, /a b",
        "http://host:4318/otlp/traces, /otlp/traces",
    })
    void urlPathsAreReducedToTheirPathAsInOtelcol(String written, String path) {
        assertThat(ReceiverFixture.config("protocols:\n  http:\n    traces_url_path: \"" + written + "\"\n")
                .protocols().http().tracesUrlPath()).isEqualTo(path);
    }

    @Test
    void unknownTlsVersionsAreErrorsAtTheirKeys() {
        assertThatThrownBy(() -> ReceiverFixture.config("""
                protocols:
                  grpc:
                    tls:
                      cert_file: c.pem
                      key_file: k.pem
                      min_version: "1.4"
                      max_version: "2"
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly(
                                "test.yaml:6: receivers::otlp::protocols::grpc::tls::min_version: invalid TLS min_version: "
                                        + "unsupported TLS version: \"1.4\" (use 1.0, 1.1, 1.2 or 1.3)",
                                "test.yaml:7: receivers::otlp::protocols::grpc::tls::max_version: invalid TLS max_version: "
                                        + "unsupported TLS version: \"2\" (use 1.0, 1.1, 1.2 or 1.3)"));
    }

    @Test
    void factoryIsFoundByServiceLoader() {
        List<String> types = ServiceLoader.load(ReceiverFactory.class).stream()
                .map(ServiceLoader.Provider::get).map(ComponentFactory::type).toList();

        assertThat(types).contains("otlp");
    }
}
