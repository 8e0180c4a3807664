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
    void anUnknownPlaceholderIsAnError() {
        assertThatThrownBy(() -> ConfigTemplate.render("x: {{backend:kafka}}", Map.of()))
                .hasMessageContaining("{{backend:kafka}}");
    }
}
