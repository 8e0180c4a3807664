package io.tributary.exporter.jaeger;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.exporterhelper.ExporterHelper;

/** The {@code jaeger} exporter: Jaeger api_v2 over gRPC to a Jaeger collector, with otelcol's queue and retry. */
public final class JaegerExporterFactory implements ExporterFactory<JaegerExporterConfig> {
    @Override
    public String type() {
        return "jaeger";
    }

    @Override
    public Class<JaegerExporterConfig> configType() {
        return JaegerExporterConfig.class;
    }

    @Override
    public JaegerExporterConfig defaultConfig() {
        return JaegerExporterConfig.DEFAULT;
    }

    @Override
    public Exporter create(ComponentContext context, JaegerExporterConfig config) {
        return new ExporterHelper(context, config.timeout(), config.sendingQueue(), config.retryOnFailure(),
                new JaegerGrpcSender(config, context.eventLoops()));
    }
}
