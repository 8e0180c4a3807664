package io.tributary.exporter.prometheus;

import io.tributary.config.Key;
import io.tributary.config.Squash;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.net.HttpServerConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code prometheus} exporter's settings, as otelcol-contrib's prometheusexporter: confighttp's
 * server keys (its {@code endpoint} has no default and is required), the optional
 * {@code sending_queue} (none by default), and how metrics are named and kept. A
 * {@code translation_strategy}, when set, decides the suffixes and escaping; else the deprecated
 * {@code add_metric_suffixes} decides the suffixes and names are escaped.
 */
public record PrometheusExporterConfig(
        @Squash HttpServerConfig server,
        QueueConfig sendingQueue,
        String namespace,
        Map<String, String> constLabels,
        boolean sendTimestamps,
        Duration metricExpiration,
        ResourceToTelemetry resourceToTelemetryConversion,
        boolean enableOpenMetrics,
        boolean withoutScopeInfo,
        boolean addMetricSuffixes,
        TranslationStrategy translationStrategy) {
    public static final PrometheusExporterConfig DEFAULT = new PrometheusExporterConfig(HttpServerConfig.DEFAULT, null, "", Map.of(),
            false, Duration.ofMinutes(5), ResourceToTelemetry.DEFAULT, false, false, true, null);

    public PrometheusExporterConfig {
        namespace = namespace == null ? "" : namespace;
        constLabels = constLabels == null ? Map.of() : Map.copyOf(constLabels);
        resourceToTelemetryConversion = resourceToTelemetryConversion == null ? ResourceToTelemetry.DEFAULT : resourceToTelemetryConversion;
    }

    /**
     * {@code resource_to_telemetry_conversion}: with {@code enabled}, every resource attribute
     * becomes an attribute of each data point (replacing one of the same key), and so a label;
     * {@code exclude_service_attributes} leaves out {@code service.name},
     * {@code service.namespace} and {@code service.instance.id}, which {@code job} and
     * {@code instance} carry already.
     */
    public record ResourceToTelemetry(boolean enabled, boolean excludeServiceAttributes) {
        public static final ResourceToTelemetry DEFAULT = new ResourceToTelemetry(false, false);
    }

    /** otelcol's {@code translation_strategy} values: whether names get suffixes, and whether they keep UTF-8. */
    public enum TranslationStrategy {
        @Key("UnderscoreEscapingWithSuffixes") UNDERSCORE_ESCAPING_WITH_SUFFIXES(true, false),
        @Key("UnderscoreEscapingWithoutSuffixes") UNDERSCORE_ESCAPING_WITHOUT_SUFFIXES(false, false),
        @Key("NoUTF8EscapingWithSuffixes") NO_UTF8_ESCAPING_WITH_SUFFIXES(true, true),
        @Key("NoTranslation") NO_TRANSLATION(false, true);

        private final boolean suffixes;
        private final boolean utf8Allowed;

        TranslationStrategy(boolean suffixes, boolean utf8Allowed) {
            this.suffixes = suffixes;
            this.utf8Allowed = utf8Allowed;
        }
    }

    /** Whether metric names get unit, {@code _total} and {@code _ratio} suffixes. */
    boolean suffixes() {
        return translationStrategy != null ? translationStrategy.suffixes : addMetricSuffixes;
    }

    /** Whether metric and label names keep characters beyond Prometheus' classic set. */
    boolean utf8Allowed() {
        return translationStrategy != null && translationStrategy.utf8Allowed;
    }
}
