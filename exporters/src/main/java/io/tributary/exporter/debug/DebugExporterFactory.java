package io.tributary.exporter.debug;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import java.util.List;

/** The {@code debug} exporter (alias {@code logging}, its legacy name): logs the traces it receives. */
public final class DebugExporterFactory implements ExporterFactory<DebugExporterConfig> {
    @Override
    public String type() {
        return "debug";
    }

    @Override
    public List<String> aliases() {
        return List.of("logging");
    }

    @Override
    public Class<DebugExporterConfig> configType() {
        return DebugExporterConfig.class;
    }

    @Override
    public DebugExporterConfig defaultConfig() {
        return DebugExporterConfig.DEFAULT;
    }

    @Override
    public Exporter create(ComponentContext context, DebugExporterConfig config) {
        return new DebugExporter(config.verbosity(),
                new LogSampler(config.samplingInitial(), config.samplingThereafter(), context.clock()),
                context.telemetry().exporter(context.id(), null, 0));
    }
}
