package io.tributary.core.telemetry;

import java.util.function.Predicate;

/**
 * The shape of the {@code /metrics} text, which in otelcol depends on its Prometheus reader.
 * Without {@code metrics::readers} otelcol's default reader sets {@code without_units},
 * {@code without_type_suffix} and {@code without_scope_info} and puts every resource attribute on
 * every metric; an explicit {@code pull} reader starts from the OpenTelemetry schema's defaults
 * (all false, no resource labels). Both shapes carry {@code target_info}.
 *
 * @param suffixes       unit and {@code _total} suffixes on metric names; as in the OpenTelemetry
 *                       Prometheus exporter otelcol configures, only {@code without_units} and
 *                       {@code without_type_suffix} together remove them
 * @param scopeInfo      {@code otel_scope_name}, {@code otel_scope_version} and
 *                       {@code otel_scope_schema_url} labels on every metric
 * @param resourceLabel  which resource attributes become labels on every metric
 */
public record Exposition(boolean suffixes, boolean scopeInfo, Predicate<String> resourceLabel) {
    /** otelcol's default reader (no {@code metrics::readers}). */
    public static final Exposition OTELCOL_DEFAULT = new Exposition(false, false, key -> true);
    /** An explicit {@code pull} reader without options: suffixes and scope labels, no resource labels. */
    public static final Exposition PULL_READER = new Exposition(true, true, key -> false);
    /** Micrometer's natural form, for tests matching exact scrape lines: suffixes, no scope or resource labels. */
    static final Exposition BARE = new Exposition(true, false, key -> false);

    /** The exposition {@code service::telemetry::metrics} asks for. */
    public static Exposition of(TelemetryConfig.Metrics metrics) {
        return metrics.prometheus().map(Exposition::of).orElse(OTELCOL_DEFAULT);
    }

    private static Exposition of(TelemetryConfig.Prometheus reader) {
        TelemetryConfig.IncludeExclude labels = reader.withResourceConstantLabels();
        return new Exposition(!(reader.withoutUnits() && reader.withoutTypeSuffix()), !reader.withoutScopeInfo(),
                labels == null ? key -> false : labels::includes);
    }
}
