package io.tributary.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** otelcol's {@code service::telemetry} keys load, and what has no effect is named. */
class TelemetryConfigTest {
    private static TelemetryConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), "service::telemetry",
                TelemetryConfig.class, TelemetryConfig.DEFAULT);
    }

    @Test
    void otelcolsPushReadersTracesAndLogProcessorsLoadAndAreListedAsIgnored() {
        TelemetryConfig config = bind("""
                metrics:
                  level: detailed
                  views:
                    - selector: {instrument_name: otelcol_process_uptime}
                      stream: {aggregation: {drop: {}}}
                  readers:
                    - pull:
                        exporter:
                          prometheus: {host: 0.0.0.0, port: 8888, without_scope_info: true}
                    - periodic:
                        interval: 10000
                        exporter:
                          otlp: {protocol: grpc, endpoint: "http://backend:4317", insecure: true}
                      producers:
                        - opencensus: {}
                    - pull:
                        exporter:
                          prometheus: {host: 0.0.0.0, port: 9999}
                traces:
                  level: basic
                  propagators: [tracecontext, b3]
                  processors:
                    - batch:
                        exporter:
                          otlp: {protocol: grpc, endpoint: "http://backend:4317"}
                  sampler:
                    parent_based: {root: {always_on: {}}}
                logs:
                  level: info
                  disable_zap_resource: true
                  processors:
                    - batch:
                        exporter:
                          otlp: {protocol: http/protobuf, endpoint: "http://backend:4318"}
                """);

        assertThat(config.metrics().endpoint()).isEqualTo("0.0.0.0:8888");
        assertThat(config.ignoredSettings()).containsExactly(
                "service::telemetry::metrics::views: metric views are not supported; ignored",
                "service::telemetry::metrics::readers[1]::periodic: pushing self-metrics over OTLP is not supported yet; ignored",
                "service::telemetry::metrics::readers[1]::producers: metric producers are not supported; ignored",
                "service::telemetry::metrics::readers[2]::pull: only the first Prometheus reader is served; ignored",
                "service::telemetry::traces::propagators: the collector's own spans are not recorded or exported; ignored",
                "service::telemetry::traces::processors: the collector's own spans are not recorded or exported; ignored",
                "service::telemetry::traces::sampler: the collector's own spans are not recorded or exported; ignored",
                "service::telemetry::logs::processors: exporting the collector's own logs over OTLP is not supported yet; ignored");
    }

    @Test
    void theDefaultsIgnoreNothing() {
        assertThat(TelemetryConfig.DEFAULT.ignoredSettings()).isEmpty();
        assertThat(bind("""
                metrics:
                  readers:
                    - pull:
                        exporter:
                          prometheus: {host: localhost, port: 8888}
                traces:
                  level: none
                """).ignoredSettings()).isEmpty();
    }
}
