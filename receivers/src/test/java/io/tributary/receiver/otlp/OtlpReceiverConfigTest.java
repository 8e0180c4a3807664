package io.tributary.receiver.otlp;

import io.tributary.receiver.grpc.GrpcConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ByteSize;
import io.tributary.config.ConfigException;
import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.ReceiverFactory;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

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
        assertThat(protocols.http().endpoint()).isEqualTo("localhost:4318");
        assertThat(protocols.http().tracesUrlPath()).isEqualTo("/v1/traces");
        assertThat(protocols.http().maxRequestBodySize()).isEqualTo(ByteSize.ofMebibytes(20));
    }

    @Test
    void onlyTheWrittenProtocolIsEnabled() {
        Protocols protocols = ReceiverFixture.config("""
                protocols:
                  http:
                    endpoint: 0.0.0.0:4318
                """).protocols();

        assertThat(protocols.grpc()).isNull();
        assertThat(protocols.http().endpoint()).isEqualTo("0.0.0.0:4318");
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
        assertThat(http.maxBodyBytes()).isEqualTo(5 * 1024 * 1024);
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

    @Test
    void factoryIsFoundByServiceLoader() {
        List<String> types = ServiceLoader.load(ReceiverFactory.class).stream()
                .map(ServiceLoader.Provider::get).map(ComponentFactory::type).toList();

        assertThat(types).contains("otlp");
    }
}
