package io.tributary.core.telemetry;

import io.tributary.config.ConfigNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code service::telemetry}, with the keys of otelcol's telemetry configuration so that real
 * collector configs load. {@code metrics::level}, the first Prometheus {@code pull} reader (or
 * {@code address}) and {@code resource} shape the metrics endpoint; the {@code logs} settings are
 * applied to Logback by the distribution's main. What is accepted without effect is listed by
 * {@link #ignoredSettings()}, which the service logs at startup.
 */
public record TelemetryConfig(Metrics metrics, Logs logs, Map<String, String> resource, Traces traces) {
    public static final TelemetryConfig DEFAULT = new TelemetryConfig(Metrics.DEFAULT, Logs.DEFAULT, Map.of(), Traces.DEFAULT);
    private static final String PATH = "service::telemetry::";

    public TelemetryConfig {
        metrics = metrics == null ? Metrics.DEFAULT : metrics;
        logs = logs == null ? Logs.DEFAULT : logs;
        resource = resource == null ? Map.of() : resource;
        traces = traces == null ? Traces.DEFAULT : traces;
    }

    /**
     * One line per setting that is accepted but changes nothing, each
     * {@code service::telemetry::<path>: <why>; ignored}.
     */
    public List<String> ignoredSettings() {
        List<String> ignored = new ArrayList<>();
        if (metrics.views() != null && !metrics.views().isNull()) {
            ignored.add(PATH + "metrics::views: metric views are not supported; ignored");
        }
        boolean served = false;
        for (int i = 0; i < metrics.readers().size(); i++) {
            Reader reader = metrics.readers().get(i);
            String path = PATH + "metrics::readers[" + i + "]::";
            if (reader.periodic() != null && !reader.periodic().isNull()) {
                ignored.add(path + "periodic: pushing self-metrics over OTLP is not supported yet; ignored");
            }
            if (reader.producers() != null && !reader.producers().isNull()) {
                ignored.add(path + "producers: metric producers are not supported; ignored");
            }
            if (reader.prometheus() != null) {
                if (served) {
                    ignored.add(path + "pull: only the first Prometheus reader is served; ignored");
                }
                served = true;
            }
        }
        traces.ignored().forEach(key -> ignored.add(PATH + "traces::" + key
                + ": the collector's own spans are not recorded or exported; ignored"));
        if (logs.processors() != null && !logs.processors().isNull()) {
            ignored.add(PATH + "logs::processors: exporting the collector's own logs over OTLP is not supported yet; ignored");
        }
        return ignored;
    }

    /**
     * {@code traces}: otelcol records its own spans and exports them through these processors.
     * Tributary records none, so every key but {@code level} is reported as ignored.
     */
    public record Traces(Level level, List<String> propagators, ConfigNode processors, ConfigNode sampler, ConfigNode limits) {
        public static final Traces DEFAULT = new Traces(Level.BASIC, List.of(), null, null, null);

        public Traces {
            level = level == null ? Level.BASIC : level;
            propagators = propagators == null ? List.of() : List.copyOf(propagators);
        }

        List<String> ignored() {
            List<String> keys = new ArrayList<>();
            if (!propagators.isEmpty()) {
                keys.add("propagators");
            }
            Map<String, ConfigNode> raw = new LinkedHashMap<>();
            raw.put("processors", processors);
            raw.put("sampler", sampler);
            raw.put("limits", limits);
            raw.forEach((key, node) -> {
                if (node != null && !node.isNull()) {
                    keys.add(key);
                }
            });
            return keys;
        }
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
            return readers.stream().map(Reader::prometheus).filter(Objects::nonNull).findFirst();
        }

        /** Where to serve {@code /metrics}: the first Prometheus reader's host and port, else {@code address}. */
        public String endpoint() {
            return prometheus().map(p -> p.host() + ":" + p.port()).orElse(address);
        }
    }

    /** One entry of {@code metrics::readers}; only {@code pull} readers are served, {@code periodic} (push) readers are accepted and ignored. */
    public record Reader(Pull pull, ConfigNode periodic, ConfigNode producers) {
        /** This reader's Prometheus exporter, or null. */
        Prometheus prometheus() {
            return pull == null || pull.exporter() == null ? null : pull.exporter().prometheus();
        }
    }

    public record Pull(PullExporter exporter) {
    }

    public record PullExporter(Prometheus prometheus) {
    }

    /** A Prometheus pull exporter; its options shape the exposition as in otelcol ({@link Exposition}). */
    public record Prometheus(
            String host,
            int port,
            boolean withoutTypeSuffix,
            boolean withoutUnits,
            boolean withoutScopeInfo,
            IncludeExclude withResourceConstantLabels,
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

    /**
     * {@code with_resource_constant_labels}: which resource attributes label every metric. An
     * empty {@code included} list includes all; {@code excluded} wins.
     */
    public record IncludeExclude(List<String> included, List<String> excluded) {
        public IncludeExclude {
            included = included == null ? List.of() : List.copyOf(included);
            excluded = excluded == null ? List.of() : List.copyOf(excluded);
            for (String key : excluded) {
                if (included.contains(key)) {
                    throw new IllegalArgumentException("attribute cannot be in both include and exclude list: " + key);
                }
            }
        }

        boolean includes(String key) {
            return !excluded.contains(key) && (included.isEmpty() || included.contains(key));
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
            ConfigNode processors,
            boolean disableZapResource) {
        public static final Logs DEFAULT = new Logs(LogLevel.INFO, Encoding.CONSOLE, false, false, false,
                Sampling.DEFAULT, List.of("stderr"), List.of("stderr"), Map.of(), null, false);

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
