package io.tributary.exporter.otlp;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.exporterhelper.ExporterHelper;
import java.util.List;

/** The {@code otlp} exporter (alias {@code otlp_grpc}): OTLP over gRPC with otelcol's queue and retry. */
public final class OtlpExporterFactory implements ExporterFactory<OtlpExporterConfig> {
    @Override
    public String type() {
        return "otlp";
    }

    @Override
    public List<String> aliases() {
        return List.of("otlp_grpc");
    }

    @Override
    public Class<OtlpExporterConfig> configType() {
        return OtlpExporterConfig.class;
    }

    @Override
    public OtlpExporterConfig defaultConfig() {
        return OtlpExporterConfig.DEFAULT;
    }

    @Override
    public Exporter create(ComponentContext context, OtlpExporterConfig config) {
        return new ExporterHelper(context, config.timeout(), config.sendingQueue(), config.retryOnFailure(),
                new OtlpGrpcSender(config, context.eventLoops()));
    }
}
