package io.tributary.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.component.ComponentId;
import io.tributary.extension.healthcheck.HealthCheckFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceHealthCheckTest {
    private final TestComponents components = new TestComponents();
    private Service service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.shutdown();
        }
    }

    @Test
    void healthCheckAnswers200OnceTheServiceHasStarted() throws Exception {
        service = components.build("""
                extensions:
                  health_check:
                    endpoint: localhost:0
                receivers:
                  push:
                exporters:
                  record:
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record]
                  telemetry:
                    metrics:
                      level: none
                """, new HealthCheckFactory());
        service.start();

        int port = service.extensionAddresses().get(ComponentId.parse("health_check")).get("http").getPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"status\":\"Server available\"");
    }
}
