package io.tributary.exporter.debug;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.data.Signal;
import io.tributary.core.exporterhelper.ExporterHelper;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The {@code debug} exporter (alias {@code logging}, its legacy name): writes the traces, metrics and logs it receives. */
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
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    @Override
    public Exporter create(ComponentContext context, DebugExporterConfig config) {
        DebugSender writer = new DebugSender(config.verbosity(), config.samplingInitial(), config.samplingThereafter(), context.clock(),
                config.useInternalLogger() ? () -> DebugOutput.internalLogger(context.id())
                        : () -> DebugOutput.paths(config.effectiveOutputPaths()));
        // As otelcol: no timeout, no retry (writing never fails), a queue only when sending_queue is given.
        QueueConfig queue = config.sendingQueue() != null ? config.sendingQueue() : QueueConfig.DISABLED;
        return new ExporterHelper(context, signals(), Duration.ZERO, queue, RetryConfig.DISABLED, writer);
    }
}
