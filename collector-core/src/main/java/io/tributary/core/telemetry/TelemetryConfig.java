package io.tributary.core.telemetry;

import io.tributary.config.ConfigNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code service::telemetry}, with otelcol's keys so that real collector configs load. Only
 * {@code metrics::level}, the metrics address and {@code without_type_suffix} change what the
 * metrics endpoint does; the {@code logs} settings are applied to Logback by the distribution's
 * main. Keys we accept but do not act on ({@code traces}, {@code metrics::views}, periodic
 * readers, {@code logs::processors}) are kept raw so a config written for otelcol still loads.
 */
public record TelemetryConfig(Metrics metrics, Logs logs, Map<String, String> resource, ConfigNode traces) {
    public static final TelemetryConfig DEFAULT = new TelemetryConfig(Metrics.DEFAULT, Logs.DEFAULT, Map.of(), null);

    public TelemetryConfig {
        metrics = metrics == null ? Metrics.DEFAULT : metrics;
        logs = logs == null ? Logs.DEFAULT : logs;
        resource = resource == null ? Map.of() : resource;
    }

    /** otelcol's metrics verbosity; {@code none} turns the metrics endpoint off. */
    public enum Level { NONE, BASIC, NORMAL, DETAILED }

    public record Metrics(Level level, String address, List<Reader> readers, ConfigNode views) {
        public static final Metrics DEFAULT = new Metrics(Level.NORMAL, "localhost:8888", List.of(), null);

        public Metrics {
            level = level == null ? Level.NORMAL : level;
            readers = readers == null ? List.of() : List.copyOf(readers);
            if (views != null && !views.isNull() && level != Level.DETAILED) {
                throw new IllegalArgumentException(
                        "service::telemetry::metrics::views can only be set when service::telemetry::metrics::level is detailed");
            }
        }

        /** The first Prometheus pull reader: newer otelcol configs name the endpoint there instead of in {@code address}. */
        public Optional<Prometheus> prometheus() {
            return readers.stream()
                    .map(Reader::pull)
                    .filter(pull -> pull != null && pull.exporter() != null && pull.exporter().prometheus() != null)
                    .map(pull -> pull.exporter().prometheus())
                    .findFirst();
        }

        /** Where to serve {@code /metrics}: the first Prometheus reader's host and port, else {@code address}. */
        public String endpoint() {
            return prometheus().map(p -> p.host() + ":" + p.port()).orElse(address);
        }

        public boolean withoutTypeSuffix() {
            return prometheus().map(Prometheus::withoutTypeSuffix).orElse(false);
        }
    }

    /** One entry of {@code metrics::readers}; only {@code pull} readers are served, {@code periodic} (push) readers are accepted and ignored. */
    public record Reader(Pull pull, ConfigNode periodic) {
    }

    public record Pull(PullExporter exporter) {
    }

    public record PullExporter(Prometheus prometheus) {
    }

    /**
     * A Prometheus pull exporter. Units and scope info are never added to our metric names, so
     * {@code without_units} and {@code without_scope_info} change nothing.
     */
    public record Prometheus(
            String host,
            int port,
            boolean withoutTypeSuffix,
            boolean withoutUnits,
            boolean withoutScopeInfo,
            ConfigNode withResourceConstantLabels,
            String translationStrategy) {
        /** The OpenTelemetry configuration schema's defaults. */
        public static final Prometheus DEFAULT = new Prometheus("localhost", 9464, false, false, false, null, null);

        public Prometheus {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
        }
    }

    /** otelcol's zap logger levels; {@code dpanic}, {@code panic} and {@code fatal} log as errors. */
    public enum LogLevel { DEBUG, INFO, WARN, ERROR, DPANIC, PANIC, FATAL }

    public enum Encoding { CONSOLE, JSON }

    public record Logs(
            LogLevel level,
            Encoding encoding,
            boolean development,
            boolean disableCaller,
            boolean disableStacktrace,
            Sampling sampling,
            List<String> outputPaths,
            List<String> errorOutputPaths,
            Map<String, String> initialFields,
            ConfigNode processors) {
        public static final Logs DEFAULT = new Logs(LogLevel.INFO, Encoding.CONSOLE, false, false, false,
                Sampling.DEFAULT, List.of("stderr"), List.of("stderr"), Map.of(), null);

        public Logs {
            level = level == null ? LogLevel.INFO : level;
            encoding = encoding == null ? Encoding.CONSOLE : encoding;
            sampling = sampling == null ? Sampling.DEFAULT : sampling;
            outputPaths = outputPaths == null ? List.of("stderr") : List.copyOf(outputPaths);
            errorOutputPaths = errorOutputPaths == null ? List.of("stderr") : List.copyOf(errorOutputPaths);
            initialFields = initialFields == null ? Map.of() : initialFields;
        }
    }

    /** zap's sampling: per {@code tick}, log the first {@code initial} identical messages, then every {@code thereafter}-th. */
    public record Sampling(boolean enabled, Duration tick, int initial, int thereafter) {
        public static final Sampling DEFAULT = new Sampling(true, Duration.ofSeconds(10), 10, 100);

        public Sampling {
            if (tick == null || tick.isNegative()) {
                throw new IllegalArgumentException("tick must be a positive duration");
            }
            if (initial < 0 || thereafter < 0) {
                throw new IllegalArgumentException("initial and thereafter must not be negative");
            }
        }
    }
}
