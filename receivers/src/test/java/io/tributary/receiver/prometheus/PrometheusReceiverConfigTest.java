package io.tributary.receiver.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.receiver.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code receivers::prometheus} from YAML: defaults as Prometheus fills them, and refusals with file, line and key path. */
class PrometheusReceiverConfigTest {
    private static PrometheusReceiverConfig bind(String yaml) {
        return ScrapeFixture.config(yaml, name -> null);
    }

    private static List<String> errors(String yaml) {
        try {
            bind(yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void theHelmChartsSelfScrape() {
        PrometheusReceiverConfig config = ScrapeFixture.config("""
                config:
                  scrape_configs:
                    - job_name: opentelemetry-collector
                      scrape_interval: 10s
                      static_configs:
                        - targets:
                            - ${env:MY_POD_IP}:8888
                """, Map.of("MY_POD_IP", "10.1.2.3")::get);
        ScrapeJob job = ScrapeJob.of(config.config().scrapeConfigs().get(0), config.config().global());

        assertThat(job.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(job.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(job.config().metricsPath()).isEqualTo("/metrics");
        assertThat(job.config().scheme()).isEqualTo("http");
        assertThat(job.config().honorTimestamps()).isTrue();
        assertThat(job.config().staticConfigs().get(0).targets()).containsExactly("10.1.2.3:8888");
        assertThat(ScrapeTranslation.resourceAttributes("opentelemetry-collector", "10.1.2.3:8888", "http")).isEqualTo(Map.of(
                "service.name", "opentelemetry-collector", "server.address", "10.1.2.3", "service.instance.id", "10.1.2.3:8888",
                "server.port", "8888", "url.scheme", "http"));
    }

    @Test
    void intervalAndTimeoutDefaultFromGlobalThenFromPrometheus() {
        PrometheusReceiverConfig config = bind("""
                config:
                  scrape_configs:
                    - job_name: a
                    - job_name: b
                      scrape_interval: 5s
                """);
        ScrapeJob a = ScrapeJob.of(config.config().scrapeConfigs().get(0), config.config().global());
        ScrapeJob b = ScrapeJob.of(config.config().scrapeConfigs().get(1), config.config().global());

        assertThat(a.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.timeout()).as("never longer than the interval").isEqualTo(Duration.ofSeconds(5));

        PrometheusReceiverConfig global = bind("config: {global: {scrape_interval: 1d, scrape_timeout: 1m30s}, scrape_configs: [{job_name: a}]}");
        ScrapeJob fromGlobal = ScrapeJob.of(global.config().scrapeConfigs().get(0), global.config().global());
        assertThat(fromGlobal.interval()).isEqualTo(Duration.ofDays(1));
        assertThat(fromGlobal.timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void prometheusDurationsPrintAsPrometheusPrintsThem() {
        assertThat(PromDuration.parse("90s")).hasToString("1m30s");
        assertThat(PromDuration.parse("14d")).hasToString("2w");
        assertThat(PromDuration.parse("0")).hasToString("0s");
        assertThatThrownBy(() -> PromDuration.parse("1.5s")).hasMessage("unknown unit \".\" in duration \"1.5s\"");
        assertThatThrownBy(() -> PromDuration.parse("1s1m")).hasMessage("not a valid duration string: \"1s1m\"");
    }

    @Test
    void refusalsNameFileLineAndKeyPath() {
        assertThat(errors("""
                config:
                  scrape_configs:
                    - job_name: a
                      scrape_intervl: 10s
                      relabel_configs:
                        - action: shuffle
                      metric_relabel_configs:
                        - action: hashmod
                          source_labels: [a]
                          target_label: b
                      scrape_timeout: 1x
                """)).contains(
                "test.yaml:4: receivers::prometheus::config::scrape_configs[0]::scrape_intervl: unknown key 'scrape_intervl' (did you mean 'scrape_interval'?)",
                "test.yaml:6: receivers::prometheus::config::scrape_configs[0]::relabel_configs[0]::action: unknown relabel action \"shuffle\"",
                "test.yaml:8: receivers::prometheus::config::scrape_configs[0]::metric_relabel_configs[0]::modulus: "
                        + "relabel configuration for hashmod requires non-zero modulus",
                "test.yaml:11: receivers::prometheus::config::scrape_configs[0]::scrape_timeout: unknown unit \"x\" in duration \"1x\"");
    }

    @Test
    void refusesWhatPrometheusAndOtelcolRefuse() {
        assertThat(errors("config: {scrape_configs: [{job_name: a, scrape_interval: 10s, scrape_timeout: 20s}]}"))
                .anyMatch(e -> e.endsWith("scrape timeout greater than scrape interval for scrape config with job name \"a\""));
        assertThat(errors("config: {scrape_configs: [{job_name: a}, {job_name: a}]}"))
                .anyMatch(e -> e.endsWith("found multiple scrape configs with job name \"a\""));
        assertThat(errors("config: {scrape_configs: [{job_name: ''}]}")).anyMatch(e -> e.endsWith("job_name: job_name is empty"));
        assertThat(errors("config: {remote_write: [{url: 'http://x'}], scrape_configs: [{job_name: a}]}"))
                .anyMatch(e -> e.contains("config::remote_write: unsupported features:\n\tremote_write"));
        assertThat(errors("config: {global: {scrape_interval: 5s, scrape_timeout: 6s}, scrape_configs: [{job_name: a}]}"))
                .anyMatch(e -> e.endsWith("global scrape timeout greater than scrape interval"));
        assertThat(errors("config: {scrape_configs: [{job_name: a, static_configs: [{targets: ['http://x:1/metrics']}]}]}"))
                .anyMatch(e -> e.endsWith("\"http://x:1/metrics\" is not a valid hostname"));
        assertThat(errors("config: {scrape_configs: [{job_name: a, scrape_protocols: [PrometheusText0.0.4, Foo]}]}"))
                .anyMatch(e -> e.contains("unknown scrape protocol Foo"));
        assertThat(errors("config: {scrape_configs: [{job_name: a, basic_auth: {username: u, password: p}, bearer_token: t}]}"))
                .anyMatch(e -> e.endsWith("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured"));
        assertThat(errors("config: {scrape_configs: [{job_name: a, tls_config: {cert_file: /nonexistent.pem}}]}"))
                .anyMatch(e -> e.contains("exactly one of key or key_file must be configured"));
        assertThat(errors("config: {}")).containsExactly("test.yaml:1: receivers::prometheus: no Prometheus scrape_configs or target_allocator set");
    }

    @Test
    void anEnvironmentReferenceInAReplacementIsAConfigErrorAsInOtelcol() {
        assertThatThrownBy(() -> bind("""
                config:
                  scrape_configs:
                    - job_name: a
                      relabel_configs: [{source_labels: [x], target_label: y, replacement: '${1}'}]
                """)).hasMessageContaining("invalid environment variable name '1'");
    }

    @Test
    void keysWithoutEffectAreAcceptedAndNamedInAWarningAtStart() {
        try (LogCapture logs = new LogCapture(); ScrapeFixture fixture = new ScrapeFixture("""
                target_allocator: {endpoint: 'http://ta:80', interval: 30s, collector_id: c}
                config:
                  global:
                    evaluation_interval: 1m
                  scrape_configs:
                    - job_name: k8s
                      kubernetes_sd_configs: [{role: pod}]
                      enable_http2: false
                    - job_name: static
                      scrape_protocols: [PrometheusProto, PrometheusText0.0.4]
                      static_configs: [{targets: ['localhost:1']}]
                """)) {
            fixture.start();

            assertThat(logs.warnings()).anyMatch(message -> message.endsWith("these keys have no effect: "
                    + "config::global::evaluation_interval, config::scrape_configs[0]::enable_http2, "
                    + "config::scrape_configs[0]::kubernetes_sd_configs, target_allocator"));
            assertThat(logs.warnings()).anyMatch(message -> message.contains("job static: scrape_protocols names PrometheusProto"));
            assertThat(fixture.receiver.loops()).hasSize(1);
        }
    }
}
