package io.tributary.exporter.otlphttp;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.data.Signal;
import io.tributary.core.exporterhelper.ExporterHelper;
import java.util.List;
import java.util.Set;

/** The {@code otlphttp} exporter (alias {@code otlp_http}): OTLP over HTTP, every signal, protobuf or JSON, with otelcol's queue and retry. */
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
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    /** Each signal its own queue and retries, as otelcol; the sender posts each to its own URL. */
    @Override
    public Exporter create(ComponentContext context, OtlpHttpExporterConfig config) {
        config.validate();
        return new ExporterHelper(context, signals(), config.client().timeout(), config.sendingQueue(), config.retryOnFailure(),
                new OtlpHttpSender(config));
    }
}
