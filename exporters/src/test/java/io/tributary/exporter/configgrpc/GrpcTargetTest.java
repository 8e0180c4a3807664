package io.tributary.exporter.configgrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.exporter.configgrpc.GrpcTarget.Security;
import org.junit.jupiter.api.Test;

class GrpcTargetTest {
    @Test
    void hostPortIsSecuredAsTheTlsSettingsSay() {
        assertThat(GrpcTarget.parse("tempo:4317")).isEqualTo(new GrpcTarget("tempo:4317", Security.FROM_TLS_CONFIG));
    }

    @Test
    void httpsSchemeIsStrippedAndMeansTls() {
        assertThat(GrpcTarget.parse("https://tempo.example.com:443")).isEqualTo(new GrpcTarget("tempo.example.com:443", Security.TLS));
    }

    @Test
    void httpSchemeIsStrippedAndMeansPlaintext() {
        assertThat(GrpcTarget.parse("http://collector:4317/")).isEqualTo(new GrpcTarget("collector:4317", Security.PLAINTEXT));
    }

    @Test
    void grpcNamingSchemesPassThrough() {
        assertThat(GrpcTarget.parse("dns:///tempo:4317")).isEqualTo(new GrpcTarget("dns:///tempo:4317", Security.FROM_TLS_CONFIG));
    }

    @Test
    void ipv6LiteralsKeepTheirBrackets() {
        assertThat(GrpcTarget.parse("[::1]:4317").target()).isEqualTo("[::1]:4317");
    }

    @Test
    void anEndpointWithoutAPortIsRejected() {
        assertThatThrownBy(() -> GrpcTarget.parse("tempo")).hasMessageContaining("host:port");
    }

    @Test
    void aBadPortIsRejected() {
        assertThatThrownBy(() -> GrpcTarget.parse("tempo:99999")).hasMessageContaining("invalid port");
    }

    @Test
    void aUnixSocketEndpointPassesToGrpcJavasUnixResolver() {
        GrpcTarget target = GrpcTarget.parse("unix:///run/otel/otlp.sock");

        assertThat(target).isEqualTo(new GrpcTarget("unix:///run/otel/otlp.sock", Security.FROM_TLS_CONFIG));
        assertThat(target.unixSocket()).isTrue();
        assertThat(GrpcTarget.parse("dns:///tempo:4317").unixSocket()).isFalse();
    }

    @Test
    void aUnixSchemeWithoutAPathIsRejectedAsOtelcolDoes() {
        assertThatThrownBy(() -> GrpcTarget.parse("unix://")).hasMessageContaining("unix socket path cannot be empty");
    }
}
