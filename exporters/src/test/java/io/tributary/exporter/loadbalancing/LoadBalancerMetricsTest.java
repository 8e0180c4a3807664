package io.tributary.exporter.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.telemetry.Exposition;
import io.tributary.core.telemetry.Telemetry;
import org.junit.jupiter.api.Test;

class LoadBalancerMetricsTest {
    @Test
    void anExplicitReaderShowsTheMetricsInTheExportersScopeAsOtelcol() {
        Telemetry explicit = new Telemetry(Exposition.PULL_READER);
        LoadBalancerMetrics metrics = new LoadBalancerMetrics(explicit, "static");

        metrics.backendsChanged(3);
        LoadBalancerMetrics.latency(explicit.group(), "10.0.0.1:4317").record(7);

        String scope = "otel_scope_name=\"github.com/open-telemetry/opentelemetry-collector-contrib/exporter/loadbalancingexporter\","
                + "otel_scope_schema_url=\"\",otel_scope_version=\"\"";
        assertThat(explicit.scrape()).contains("otelcol_loadbalancer_num_backends{" + scope + ",resolver=\"static\"} 3.0")
                .contains("otelcol_loadbalancer_backend_latency_milliseconds_count{endpoint=\"10.0.0.1:4317\"," + scope + "} 1");
    }
}
