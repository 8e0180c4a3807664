package io.tributary.receiver.prometheus;

import io.tributary.config.Validated;

/**
 * {@code receivers: prometheus:}, as otelcol's prometheusreceiver: a Prometheus configuration
 * under {@code config}, and {@code trim_metric_suffixes}. {@code target_allocator} and
 * {@code api_server} are accepted with no effect; {@code report_extra_scrape_metrics} is accepted
 * and ignored, as otelcol v0.148 ignores it.
 */
public record PrometheusReceiverConfig(
        PromConfig config,
        boolean trimMetricSuffixes,
        Object reportExtraScrapeMetrics,
        Object targetAllocator,
        Object apiServer) implements Validated {
    public static final PrometheusReceiverConfig DEFAULT = new PrometheusReceiverConfig(PromConfig.DEFAULT, false, null, null, null);

    public PrometheusReceiverConfig {
        config = config == null ? PromConfig.DEFAULT : config;
    }

    @Override
    public void validate() {
        if (config.scrapeConfigs().isEmpty() && config.scrapeConfigFiles() == null && targetAllocator == null) {
            throw new IllegalArgumentException("no Prometheus scrape_configs or target_allocator set");
        }
    }
}
