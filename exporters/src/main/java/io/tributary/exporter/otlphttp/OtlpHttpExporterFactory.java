package io.tributary.exporter.otlphttp;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.exporterhelper.ExporterHelper;
import java.util.List;

/** The {@code otlphttp} exporter (alias {@code otlp_http}): OTLP over HTTP, protobuf or JSON, with otelcol's queue and retry. */
public final class OtlpHttpExporterFactory implements ExporterFactory<OtlpHttpExporterConfig> {
    @Override
    public String type() {
        return "otlphttp";
    }

    @Override
    public List<String> aliases() {
        return List.of("otlp_http");
    }

    @Override
    public Class<OtlpHttpExporterConfig> configType() {
        return OtlpHttpExporterConfig.class;
    }

    @Override
    public OtlpHttpExporterConfig defaultConfig() {
        return OtlpHttpExporterConfig.DEFAULT;
    }

    @Override
    public Exporter create(ComponentContext context, OtlpHttpExporterConfig config) {
        config.validate();
        return new ExporterHelper(context, config.client().timeout(), config.sendingQueue(), config.retryOnFailure(),
                new OtlpHttpSender(config));
    }
}
