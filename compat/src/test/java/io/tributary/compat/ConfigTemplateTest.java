package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTemplateTest {
    @Test
    void eachPortNameGetsOneFreePortAndValuesAreFilledIn() {
        ConfigTemplate.Rendered rendered = ConfigTemplate.render("""
                a: 127.0.0.1:{{port:grpc}}
                b: 127.0.0.1:{{port:http}}
                again: {{port:grpc}}
                backend: {{backend:grpc}}
                dir: {{dir}}/x
                env: ${env:KEPT}
                """, Map.of("backend:grpc", "127.0.0.1:4317", "dir", "/tmp/lab"));

        int grpc = rendered.ports().get("grpc");
        int http = rendered.ports().get("http");
        assertThat(grpc).isNotEqualTo(http).isPositive();
        assertThat(rendered.config()).isEqualTo("""
                a: 127.0.0.1:%d
                b: 127.0.0.1:%d
                again: %d
                backend: 127.0.0.1:4317
                dir: /tmp/lab/x
                env: ${env:KEPT}
                """.formatted(grpc, http, grpc));
    }

    @Test
    void udpPortsAreNamedApartFromTcpPorts() {
        ConfigTemplate.Rendered rendered = ConfigTemplate.render("""
                compact: 127.0.0.1:{{udp:compact}}
                again: {{udp:compact}}
                http: 127.0.0.1:{{port:http}}
                """, Map.of());

        int compact = rendered.udpPorts().get("compact");
        assertThat(rendered.ports()).containsOnlyKeys("http");
        assertThat(rendered.udpPorts()).containsOnlyKeys("compact");
        assertThat(rendered.config()).isEqualTo("""
                compact: 127.0.0.1:%d
                again: %d
                http: 127.0.0.1:%d
                """.formatted(compact, compact, rendered.ports().get("http")));
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        assertThatThrownBy(() -> ConfigTemplate.render("x: {{backend:kafka}}", Map.of()))
                .hasMessageContaining("{{backend:kafka}}");
    }
}
