package io.tributary.exporter.debug;

/**
 * The {@code debug} exporter's settings, as otelcol's debugexporter. Per second, the first
 * {@code sampling_initial} batches are logged, then every {@code sampling_thereafter}-th
 * (0: none). A legacy {@code loglevel}, when given, decides the verbosity.
 */
public record DebugExporterConfig(Verbosity verbosity, int samplingInitial, int samplingThereafter, LogLevel loglevel) {
    public static final DebugExporterConfig DEFAULT = new DebugExporterConfig(Verbosity.NORMAL, 2, 1, null);

    public DebugExporterConfig {
        if (loglevel != null) {
            verbosity = loglevel.verbosity();
        }
        if (verbosity == null) {
            verbosity = Verbosity.NORMAL;
        }
        if (samplingInitial < 0 || samplingThereafter < 0) {
            throw new IllegalArgumentException("sampling_initial and sampling_thereafter must not be negative");
        }
    }
}
