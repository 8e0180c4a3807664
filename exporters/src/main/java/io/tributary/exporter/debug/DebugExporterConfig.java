package io.tributary.exporter.debug;

import io.tributary.core.exporterhelper.QueueConfig;
import java.util.List;

/**
 * The {@code debug} exporter's settings, as otelcol's debugexporter. Per second, the first
 * {@code sampling_initial} batches are written, then every {@code sampling_thereafter}-th
 * (0: none). A legacy {@code loglevel}, when given, decides the verbosity. The output goes to
 * the collector's log ({@code use_internal_logger}), or else to {@code output_paths}
 * ({@code stdout}, {@code stderr} or files; null means unset, i.e. stdout). Without
 * {@code sending_queue} (null) batches are written on the caller's thread; {@code sending_queue:}
 * queues them with otelcol's queue defaults, as otelcol's optional queue does.
 */
public record DebugExporterConfig(
        Verbosity verbosity,
        int samplingInitial,
        int samplingThereafter,
        LogLevel loglevel,
        boolean useInternalLogger,
        List<String> outputPaths,
        QueueConfig sendingQueue) {
    public static final DebugExporterConfig DEFAULT = new DebugExporterConfig(Verbosity.BASIC, 2, 1, null, true, null, null);

    public DebugExporterConfig {
        if (loglevel != null) {
            verbosity = loglevel.verbosity();
        }
        if (verbosity == null) {
            verbosity = Verbosity.BASIC;
        }
        if (samplingInitial < 0 || samplingThereafter < 0) {
            throw new IllegalArgumentException("sampling_initial and sampling_thereafter must not be negative");
        }
        outputPaths = outputPaths == null ? null : List.copyOf(outputPaths);
        if (useInternalLogger && outputPaths != null) {
            throw new IllegalArgumentException("output_paths is not supported when use_internal_logger is true");
        }
        if (!useInternalLogger && outputPaths != null && outputPaths.isEmpty()) {
            throw new IllegalArgumentException("output_paths must not be empty when use_internal_logger is false");
        }
    }

    /** Where the output goes when {@code use_internal_logger} is false. */
    List<String> effectiveOutputPaths() {
        return outputPaths == null ? List.of("stdout") : outputPaths;
    }
}
