package io.tributary.exporter.prometheus;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.data.Signal;
import io.tributary.core.exporterhelper.ExporterHelper;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code prometheus} exporter: serves the metrics it receives on {@code /metrics} of its
 * {@code endpoint} for Prometheus to scrape. Metrics only.
 */
public final class PrometheusExporterFactory implements ExporterFactory<PrometheusExporterConfig> {
    @Override
    public String type() {
        return "prometheus";
    }

    @Override
    public Class<PrometheusExporterConfig> configType() {
        return PrometheusExporterConfig.class;
    }

    @Override
    public PrometheusExporterConfig defaultConfig() {
        return PrometheusExporterConfig.DEFAULT;
    }

    @Override
    public Set<Signal<?>> signals() {
        return Set.of(Signal.METRICS);
    }

    /** otelcol refuses, when it creates the exporter, an endpoint that is missing or blank. */
    @Override
    public void checkFor(Signal<?> signal, PrometheusExporterConfig config) {
        if (config.server().endpoint() == null || config.server().endpoint().isBlank()) {
            throw new IllegalArgumentException("expecting a non-blank address to run the Prometheus metrics handler");
        }
    }

    @Override
    public Exporter create(ComponentContext context, PrometheusExporterConfig config) {
        checkFor(Signal.METRICS, config);
        // As otelcol: no timeout, no retry (keeping a point never fails), a queue only when sending_queue is given.
        QueueConfig queue = config.sendingQueue() != null ? config.sendingQueue() : QueueConfig.DISABLED;
        return new ExporterHelper(context, signals(), Duration.ZERO, queue, RetryConfig.DISABLED, new PrometheusSender(context, config));
    }
}
