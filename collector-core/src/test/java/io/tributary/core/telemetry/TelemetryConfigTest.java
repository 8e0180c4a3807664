package io.tributary.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.Binder;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** otelcol's {@code service::telemetry} keys load, and what has no effect is named. */
class TelemetryConfigTest {
    private static TelemetryConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), "service::telemetry",
                TelemetryConfig.class, TelemetryConfig.DEFAULT);
    }

    @Test
    void otelcolsProducersViewsTracesAndLogProcessorsLoadAndAreListedAsIgnored() {
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

        assertThat(config.metrics().endpoint()).contains("0.0.0.0:8888");
        assertThat(config.ignoredSettings()).containsExactly(
                "service::telemetry::metrics::views: metric views are not supported; ignored",
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

    @Test
    void prometheusIsServedAtTheDefaultAddressOnlyWhenNoReaderIsConfigured() {
        assertThat(TelemetryConfig.DEFAULT.metrics().endpoint()).contains("localhost:8888");
        assertThat(bind("""
                metrics:
                  readers:
                    - periodic: {exporter: {otlp: {protocol: grpc}}}
                """).metrics().endpoint()).as("otelcol's configured readers replace its default pull reader").isEmpty();
    }

    @Test
    void aPullReaderWithAnEmptyHostListensOnEveryInterfaceAsOtelcol() {
        assertThat(bind("""
                metrics:
                  readers:
                    - pull: {exporter: {prometheus: {host: "", port: 8888}}}
                """).metrics().endpoint()).contains(":8888");
    }

    @Test
    void aPeriodicReaderTakesTheSdksDefaults() {
        TelemetryConfig.Periodic periodic = periodic("otlp: {protocol: grpc}");

        assertThat(periodic.interval()).isEqualTo(60_000);
        assertThat(periodic.timeout()).isEqualTo(30_000);
        TelemetryConfig.Otlp otlp = periodic.exporter().otlp();
        assertThat(otlp.timeout()).isEqualTo(10_000);
        assertThat(otlp.compression()).isEqualTo(TelemetryConfig.Compression.NONE);
        assertThat(otlp.temporalityPreference()).isEqualTo(TelemetryConfig.Temporality.CUMULATIVE);
        assertThat(otlp.url()).isEqualTo(URI.create("https://localhost:4317"));
        assertThat(periodic("otlp: {protocol: http/protobuf}").exporter().otlp().url())
                .isEqualTo(URI.create("https://localhost:4318/v1/metrics"));
        assertThat(bind("""
                metrics:
                  readers:
                    - periodic: {interval: 0, timeout: -5, exporter: {otlp: {protocol: grpc}}}
                """).metrics().readers().get(0).periodic()).extracting(TelemetryConfig.Periodic::interval, TelemetryConfig.Periodic::timeout)
                .containsExactly(60_000, 30_000);
    }

    @Test
    void anEndpointWithoutASchemeIsPlaintextOnlyWhenInsecureAndHttpGetsTheMetricsPathOnlyWhenItHasNone() {
        assertThat(otlp("{protocol: grpc, endpoint: 'backend:4317', insecure: true}").url()).isEqualTo(URI.create("http://backend:4317"));
        assertThat(otlp("{protocol: grpc, endpoint: 'backend:4317'}").url()).isEqualTo(URI.create("https://backend:4317"));
        assertThat(otlp("{protocol: grpc, endpoint: 'https://backend:4317', insecure: true}").plaintext()).isFalse();
        assertThat(otlp("{protocol: grpc, endpoint: 'http://backend:4317'}").plaintext()).isTrue();
        assertThat(otlp("{protocol: http/protobuf, endpoint: 'http://backend:4318'}").url())
                .isEqualTo(URI.create("http://backend:4318/v1/metrics"));
        assertThat(otlp("{protocol: http/protobuf, endpoint: 'http://backend:4318/custom/path?x=1'}").url())
                .isEqualTo(URI.create("http://backend:4318/custom/path"));
        assertThat(otlp("{protocol: http/protobuf, endpoint: '127.0.0.1:4318', insecure: true}").url())
                .isEqualTo(URI.create("http://127.0.0.1:4318/v1/metrics"));
    }

    @Test
    void headersComeAsPairsOrAsAMapAndWinOverTheHeadersList() {
        assertThat(otlp("""
                protocol: grpc
                headers_list: "api-key=from%20list,tenant=a"
                headers: [{name: tenant, value: b}, {name: unset}]""").headerValues())
                .isEqualTo(Map.of("api-key", "from list", "tenant", "b"));
        assertThat(otlp("{protocol: grpc, headers: {authorization: Bearer x}}").headerValues())
                .isEqualTo(Map.of("authorization", "Bearer x"));
    }

    @Test
    void aConsoleExporterIsAcceptedAndNamedAsIgnored() {
        assertThat(bind("""
                metrics:
                  readers:
                    - periodic: {exporter: {console: {}}}
                """).ignoredSettings())
                .containsExactly("service::telemetry::metrics::readers[0]::periodic::exporter::console: "
                        + "printing self-metrics to stdout is not supported; ignored");
    }

    @Test
    void badPushSettingsAreErrorsAtTheirKeys() {
        assertThat(errors("""
                metrics:
                  readers:
                    - periodic:
                        interval: 10s
                        exporter:
                          otlp:
                            protocol: http/json
                            compression: zstd
                            temporality_preference: sometimes
                            headers_list: "no-equals-sign"
                            client_certificate: /etc/client.pem
                    - periodic: {exporter: {otlp: {endpoint: 'http://backend:4318'}}}
                    - periodic: {exporter: {otlp: {protocol: grpc}, console: {}}}
                    - periodic: {}
                    - pull: {exporter: {prometheus: {host: localhost, port: 8888}}}
                      periodic: {exporter: {otlp: {protocol: grpc}}}
                    - producers: [{opencensus: {}}]
                """)).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "service::telemetry::metrics::readers[0]::periodic::interval",
                "service::telemetry::metrics::readers[0]::periodic::exporter::otlp::protocol",
                "service::telemetry::metrics::readers[0]::periodic::exporter::otlp::compression",
                "service::telemetry::metrics::readers[0]::periodic::exporter::otlp::temporality_preference",
                "service::telemetry::metrics::readers[0]::periodic::exporter::otlp::headers_list",
                "service::telemetry::metrics::readers[0]::periodic::exporter::otlp::client_certificate",
                "service::telemetry::metrics::readers[1]::periodic::exporter::otlp::protocol",
                "service::telemetry::metrics::readers[2]::periodic::exporter",
                "service::telemetry::metrics::readers[3]::periodic::exporter",
                "service::telemetry::metrics::readers[4]",
                "service::telemetry::metrics::readers[5]");
    }

    private static List<ConfigError> errors(String yaml) {
        try {
            bind(yaml);
        } catch (ConfigException e) {
            return e.errors();
        }
        throw new AssertionError("no config error");
    }

    private static TelemetryConfig.Periodic periodic(String exporter) {
        return bind("metrics:\n  readers:\n    - periodic:\n        exporter: {" + exporter + "}\n").metrics().readers().get(0).periodic();
    }

    private static TelemetryConfig.Otlp otlp(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), "otlp", TelemetryConfig.Otlp.class, null);
    }
}
