package io.tributary.core.telemetry;

import io.tributary.config.ConfigNode;
import io.tributary.config.Key;
import io.tributary.config.Problems;
import io.tributary.core.net.TlsClientConfig;
import java.net.URI;
import java.net.URISyntaxException;
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
 * {@code address}) and {@code resource} shape the metrics endpoint, each {@code periodic} reader
 * with an {@code otlp} exporter pushes the self-metrics; the {@code logs} settings are
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
            if (reader.periodic() != null && reader.periodic().exporter().printsToConsole()) {
                ignored.add(path + "periodic::exporter::console: printing self-metrics to stdout is not supported; ignored");
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

        /**
         * Where to serve {@code /metrics}: the first Prometheus reader's host and port; {@code address}
         * when no reader is configured; nowhere when readers are configured and none is a Prometheus
         * one (only {@code periodic} pushes), as in otelcol, whose configured readers replace its
         * default one.
         */
        public Optional<String> endpoint() {
            Optional<String> reader = prometheus().map(p -> p.host() + ":" + p.port());
            return readers.isEmpty() ? Optional.of(reader.orElse(address)) : reader;
        }
    }

    /**
     * One entry of {@code metrics::readers}: a {@code pull} reader (the first one is served) or a
     * {@code periodic} one (pushed over OTLP); both or neither is refused, as otelcol's
     * OpenTelemetry SDK configuration refuses them.
     */
    public record Reader(Pull pull, Periodic periodic, ConfigNode producers) {
        public Reader {
            if (pull != null && periodic != null) {
                throw new IllegalArgumentException("must not specify multiple metric reader type");
            }
            if (pull == null && periodic == null) {
                throw new IllegalArgumentException("no valid metric reader: set pull or periodic");
            }
        }

        /** This reader's Prometheus exporter, or null. */
        Prometheus prometheus() {
            return pull == null || pull.exporter() == null ? null : pull.exporter().prometheus();
        }
    }

    public record Pull(PullExporter exporter) {
    }

    /**
     * A {@code periodic} reader: every {@code interval} milliseconds the self-metrics are pushed
     * through its exporter, collecting and sending given {@code timeout} milliseconds. Zero or less
     * stands for the OpenTelemetry SDK's defaults, as in otelcol: 60000 and 30000.
     */
    public record Periodic(int interval, int timeout, PushExporter exporter) {
        public Periodic {
            interval = interval > 0 ? interval : 60_000;
            timeout = timeout > 0 ? timeout : 30_000;
            Problems problems = new Problems();
            problems.when(exporter == null, "exporter", "no valid metric exporter: set otlp");
            problems.throwIfAny();
        }
    }

    /** A periodic reader's exporter: {@code otlp}, or {@code console} (accepted, not supported). */
    public record PushExporter(Otlp otlp, ConfigNode console) {
        public PushExporter {
            if (otlp != null && printsToConsole(console)) {
                throw new IllegalArgumentException("must not specify multiple exporters");
            }
            if (otlp == null && !printsToConsole(console)) {
                throw new IllegalArgumentException("no valid metric exporter: set otlp");
            }
        }

        /** Whether {@code console} was given (a key without a value sets nothing, as in otelcol). */
        boolean printsToConsole() {
            return printsToConsole(console);
        }

        private static boolean printsToConsole(ConfigNode console) {
            return console != null && !console.isNull();
        }
    }

    /** How a periodic reader's OTLP exporter sends. */
    public enum Protocol {
        GRPC,
        @Key("http/protobuf") HTTP_PROTOBUF
    }

    public enum Compression { GZIP, NONE }

    /**
     * {@code temporality_preference}: {@code delta} sends counters and histograms, synchronous and
     * asynchronous, as deltas; {@code lowmemory} only the synchronous ones; gauges and
     * up-down counters stay cumulative under both, as in the OpenTelemetry SDK.
     */
    public enum Temporality { CUMULATIVE, DELTA, LOWMEMORY }

    /**
     * A periodic reader's {@code otlp} exporter, the OpenTelemetry configuration schema's
     * {@code OTLPMetric} as otelcol v0.148 reads it. {@code endpoint} without a scheme gets
     * {@code http://} when {@code insecure}, else {@code https://}; the scheme then decides
     * plaintext or TLS ({@code insecure} has no other effect). Over {@code http/protobuf} the
     * endpoint's path is used as given, {@code /v1/metrics} when it has none. {@code headers} is a
     * list of {@code name}/{@code value} pairs (or, as in the schema's older version, a map), and
     * wins over {@code headers_list} ({@code k=v,k2=v2}). {@code certificate} is the CA file,
     * {@code client_certificate} and {@code client_key} the client's pair. {@code timeout} (ms)
     * bounds one request; zero or less is the SDK's 10000. {@code default_histogram_aggregation}
     * is accepted and, as in otelcol, has no effect.
     */
    public record Otlp(
            Protocol protocol,
            String endpoint,
            boolean insecure,
            ConfigNode headers,
            String headersList,
            Compression compression,
            int timeout,
            Temporality temporalityPreference,
            String certificate,
            String clientCertificate,
            String clientKey,
            String defaultHistogramAggregation) {
        /** The OTLP/HTTP exporter's path for metrics, used when the endpoint has none. */
        static final String METRICS_PATH = "/v1/metrics";

        public Otlp {
            compression = compression == null ? Compression.NONE : compression;
            timeout = timeout > 0 ? timeout : 10_000;
            temporalityPreference = temporalityPreference == null ? Temporality.CUMULATIVE : temporalityPreference;
            Problems problems = new Problems();
            problems.when(protocol == null, "protocol", "no valid metric exporter: set protocol to grpc or http/protobuf");
            problems.when(clientCertificate != null && clientKey == null, "client_certificate",
                    "client certificate was provided but no client key was provided");
            problems.when(clientKey != null && clientCertificate == null, "client_key",
                    "client key was provided but no client certificate was provided");
            check(problems, "endpoint", () -> url(protocol == null ? Protocol.GRPC : protocol, endpoint, insecure));
            check(problems, "headers", () -> PushHeaders.of(headers));
            check(problems, "headers_list", () -> PushHeaders.ofList(headersList));
            problems.throwIfAny();
        }

        /**
         * Where the exporter sends: {@code scheme://host:port} with the path for
         * {@code http/protobuf}. Without an endpoint, the SDK's default for the protocol over TLS.
         */
        public URI url() {
            return url(protocol, endpoint, insecure);
        }

        /** Whether {@link #url()} is {@code http://}: no TLS. */
        public boolean plaintext() {
            return "http".equals(url().getScheme());
        }

        /** The request headers: {@code headers_list}'s, then {@code headers}' over them. */
        public Map<String, String> headerValues() {
            Map<String, String> values = new LinkedHashMap<>(PushHeaders.ofList(headersList));
            values.putAll(PushHeaders.of(headers));
            return values;
        }

        /** The TLS files as a client {@code tls} section, for the connection when {@link #plaintext()} is false. */
        public TlsClientConfig tls() {
            return new TlsClientConfig(false, certificate, clientCertificate, clientKey, false, null, null, null);
        }

        private static URI url(Protocol protocol, String endpoint, boolean insecure) {
            boolean http = protocol == Protocol.HTTP_PROTOBUF;
            String given = endpoint == null ? "https://localhost:" + (http ? 4318 : 4317)
                    : endpoint.startsWith("http://") || endpoint.startsWith("https://") ? endpoint
                    : (insecure ? "http://" : "https://") + endpoint;
            URI uri;
            try {
                uri = new URI(given);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid endpoint \"" + endpoint + "\": " + e.getReason());
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("invalid endpoint \"" + endpoint + "\": no host");
            }
            String path = !http ? null : uri.getRawPath() == null || uri.getRawPath().isEmpty() ? METRICS_PATH : uri.getRawPath();
            try {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path, null, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid endpoint \"" + endpoint + "\": " + e.getReason());
            }
        }

        private static void check(Problems problems, String key, Runnable parse) {
            try {
                parse.run();
            } catch (IllegalArgumentException e) {
                problems.add(key, e.getMessage());
            }
        }
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
            // An empty host (the Helm chart's ${env:MY_POD_IP} unset) listens on every interface, as
            // otelcol's host:port join does; otelcol's validate accepts it.
            host = host == null ? "" : host.strip();
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
