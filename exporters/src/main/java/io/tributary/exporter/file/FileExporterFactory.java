package io.tributary.exporter.file;

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
 * The {@code file} exporter: every batch of traces, metrics or logs as a line of OTLP/JSON (or a
 * size-prefixed message) in a file, as contrib's fileexporter writes it, so the file can be
 * replayed. Like otelcol's, it has no sending queue and no retry: a batch is written on the
 * caller's thread.
 */
public final class FileExporterFactory implements ExporterFactory<FileExporterConfig> {
    @Override
    public String type() {
        return "file";
    }

    @Override
    public Class<FileExporterConfig> configType() {
        return FileExporterConfig.class;
    }

    @Override
    public FileExporterConfig defaultConfig() {
        return FileExporterConfig.DEFAULT;
    }

    @Override
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    @Override
    public Exporter create(ComponentContext context, FileExporterConfig config) {
        config.validate();
        return new ExporterHelper(context, signals(), Duration.ZERO, QueueConfig.DISABLED, RetryConfig.DISABLED,
                new FileSender(config, context.scheduler(), context.clock()));
    }
}
