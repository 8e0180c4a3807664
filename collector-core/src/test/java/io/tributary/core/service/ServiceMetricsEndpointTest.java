package io.tributary.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigLoader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceMetricsEndpointTest {
    private static final String PIPELINE = """
            receivers:
              push:
            exporters:
              record:
            service:
              pipelines:
                traces:
                  receivers: [push]
                  exporters: [record]
              telemetry:
            """;

    private final TestComponents components = new TestComponents();
    private Service service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.shutdown();
        }
    }

    private Service start(String telemetry) throws Exception {
        service = components.build(PIPELINE + telemetry.indent(4));
        service.start();
        return service;
    }

    private static String scrape(InetSocketAddress address) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + address.getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void servesSelfMetricsOnTheConfiguredAddress() throws Exception {
        start("""
                metrics:
                  address: localhost:0
                """);

        // otelcol's default reader: bare names, the resource on every metric.
        assertThat(scrape(service.metricsAddress().orElseThrow()))
                .containsPattern("(?m)^otelcol_process_uptime\\{.*service_name=\"tributary\"")
                .containsPattern("(?m)^target_info\\{.*service_name=\"tributary\"")
                .doesNotContainPattern("_total[{ ]");
    }

    @Test
    void prometheusReaderSetsTheAddressAndTheExposition() throws Exception {
        start("""
                metrics:
                  level: detailed
                  readers:
                    - pull:
                        exporter:
                          prometheus:
                            host: localhost
                            port: 0
                            without_type_suffix: true
                """);

        // As otelcol: without_type_suffix alone keeps the suffixes; an explicit reader adds scope labels.
        assertThat(scrape(service.metricsAddress().orElseThrow())).containsPattern("(?m)^otelcol_process_uptime_seconds_total"
                + "\\{otel_scope_name=\"go.opentelemetry.io/collector/service\",otel_scope_schema_url=\"\",otel_scope_version=\"\"} ");
    }

    @Test
    void busyMetricsPortFailsTheStartNamingTheAddress() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            service = components.build(PIPELINE + ("metrics:\n  address: 127.0.0.1:" + busy.getLocalPort() + "\n").indent(4));

            assertThatThrownBy(service::start)
                    .isInstanceOf(ServiceStartException.class)
                    .hasMessageStartingWith("failed to start the metrics server: cannot listen on 127.0.0.1:" + busy.getLocalPort())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void badMetricsAddressIsAConfigError() {
        String yaml = PIPELINE + """
                metrics:
                  address: localhost
                """.indent(4);

        assertThat(Service.validate(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), components.registry()))
                .map(ConfigError::message).containsExactly("endpoint 'localhost' has no port (expected host:port)");
    }

    @Test
    void levelNoneServesNothing() throws Exception {
        start("""
                metrics:
                  level: none
                """);

        assertThat(service.metricsAddress()).isEmpty();
    }

    @Test
    void logsSettingsAreExposedForTheDistribution() throws Exception {
        start("""
                metrics:
                  level: none
                logs:
                  level: debug
                  encoding: json
                  sampling:
                    enabled: false
                  initial_fields:
                    cluster: east
                """);

        assertThat(service.telemetryConfig().logs().level()).isEqualTo(io.tributary.core.telemetry.TelemetryConfig.LogLevel.DEBUG);
        assertThat(service.telemetryConfig().logs().encoding()).isEqualTo(io.tributary.core.telemetry.TelemetryConfig.Encoding.JSON);
        assertThat(service.telemetryConfig().logs().initialFields()).containsEntry("cluster", "east");
    }
}
