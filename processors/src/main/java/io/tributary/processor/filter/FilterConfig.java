package io.tributary.processor.filter;

import io.tributary.processor.filterspan.SpanMatcher;
import io.tributary.processor.ottl.ErrorMode;
import java.util.List;
import java.util.Set;

/**
 * The {@code filter} processor's settings, as otelcol's filterprocessor: for traces, the legacy
 * {@code spans} include/exclude matching, OTTL conditions by context under {@code traces}, or
 * context-inferred OTTL conditions under {@code trace_conditions}. The other signals' settings
 * ({@code metrics}, {@code logs}, {@code profiles}, {@code metric_conditions},
 * {@code log_conditions}, {@code profile_conditions}) are checked and kept: no metrics, logs or
 * profiles flow through Tributary.
 * {@code error_mode} defaults to {@code ignore}, otelcol's default since v0.153.
 */
record FilterConfig(
        ErrorMode errorMode,
        SpansConfig spans,
        TracesConfig traces,
        List<TraceConditions> traceConditions,
        MetricFilters metrics,
        LogFilters logs,
        ProfileFilters profiles,
        List<InferredConditions> metricConditions,
        List<InferredConditions> logConditions,
        List<InferredConditions> profileConditions) {
    static final FilterConfig DEFAULT = new FilterConfig(ErrorMode.IGNORE, SpansConfig.DEFAULT, TracesConfig.DEFAULT, List.of(),
            MetricFilters.DEFAULT, LogFilters.DEFAULT, ProfileFilters.DEFAULT, List.of(), List.of(), List.of());

    FilterConfig {
        errorMode = errorMode == null ? ErrorMode.IGNORE : errorMode;
        spans = spans == null ? SpansConfig.DEFAULT : spans;
        traces = traces == null ? TracesConfig.DEFAULT : traces;
        traceConditions = traceConditions == null ? List.of() : List.copyOf(traceConditions);
        metrics = metrics == null ? MetricFilters.DEFAULT : metrics;
        logs = logs == null ? LogFilters.DEFAULT : logs;
        profiles = profiles == null ? ProfileFilters.DEFAULT : profiles;
        metricConditions = checked(metricConditions, metrics.isSet(), Set.of("resource", "scope", "metric", "datapoint"),
                "cannot use context inferred metric conditions \"metric_conditions\" and the settings \"metrics.resource\", "
                        + "\"metrics.metric\", \"metrics.datapoint\", \"metrics.include\", \"metrics.exclude\" at the same time");
        logConditions = checked(logConditions, logs.isSet(), Set.of("resource", "scope", "log"),
                "cannot use context inferred log conditions \"log_conditions\" and the settings \"logs.resource\", \"logs.log\", "
                        + "\"logs.include\", \"logs.exclude\" at the same time");
        profileConditions = checked(profileConditions, profiles.isSet(), Set.of("resource", "scope", "profile"),
                "cannot use context inferred profile conditions \"profile_conditions\" and the settings \"profiles.resource\", "
                        + "\"profiles.profile\" at the same time");
        if (!traceConditions.isEmpty() && traces.isSet()) {
            throw new IllegalArgumentException("cannot use context inferred trace conditions \"trace_conditions\" and the settings "
                    + "\"traces.resource\", \"traces.span\", \"traces.spanevent\" at the same time");
        }
        if (traces.isSet() && spans.isSet()) {
            throw new IllegalArgumentException("cannot use \"traces.resource\", \"traces.span\", \"traces.spanevent\" and the span "
                    + "settings \"spans.include\", \"spans.exclude\" at the same time");
        }
        // Compiles the patterns now, so that validate reports what creating the processor would refuse.
        SpanMatcher.of(spans.include(), spans.exclude());
    }

    /** A signal's context-inferred conditions: not beside the signal's own section, and each group's context one of the signal's. */
    private static List<InferredConditions> checked(List<InferredConditions> groups, boolean sectionSet, Set<String> contexts, String conflict) {
        if (groups == null || groups.isEmpty()) {
            return List.of();
        }
        if (sectionSet) {
            throw new IllegalArgumentException(conflict);
        }
        groups.forEach(group -> group.requireContextIn(contexts));
        return List.copyOf(groups);
    }
}
