package io.tributary.exporter.otlp;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.data.Signal;
import io.tributary.core.exporterhelper.ExporterHelper;
import java.util.List;
import java.util.Set;

/** The {@code otlp} exporter (alias {@code otlp_grpc}): OTLP over gRPC, every signal, with otelcol's queue and retry. */
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
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    /** One sender, hence one gRPC channel, for every signal; each signal its own queue and retries, as otelcol. */
    @Override
    public Exporter create(ComponentContext context, OtlpExporterConfig config) {
        return new ExporterHelper(context, signals(), config.timeout(), config.sendingQueue(), config.retryOnFailure(),
                new OtlpGrpcSender(config, context.eventLoops()));
    }
}
