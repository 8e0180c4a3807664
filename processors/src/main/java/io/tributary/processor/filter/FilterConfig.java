package io.tributary.processor.filter;

import io.tributary.core.data.Signal;
import io.tributary.processor.ottl.ErrorMode;
import io.tributary.processor.ottl.OttlContext;
import java.util.List;

/**
 * The {@code filter} processor's settings, as otelcol's filterprocessor. For each signal, in the
 * order otelcol picks them: context-inferred OTTL conditions ({@code trace_conditions},
 * {@code metric_conditions}, {@code log_conditions}), else OTTL conditions by context
 * ({@code traces}, the conditions of {@code metrics} and {@code logs}), else the legacy
 * {@code include}/{@code exclude} matching ({@code spans}, and that of {@code metrics} and
 * {@code logs}). The profiles settings ({@code profiles}, {@code profile_conditions}) are checked
 * and kept: no profiles flow through Tributary. {@code error_mode} defaults to {@code ignore},
 * otelcol's default since v0.153.
 */
record FilterConfig(
        ErrorMode errorMode,
        SpansConfig spans,
        TracesConfig traces,
        List<ContextConditions> traceConditions,
        MetricFilters metrics,
        LogFilters logs,
        ProfileFilters profiles,
        List<ContextConditions> metricConditions,
        List<ContextConditions> logConditions,
        List<ProfileConditions> profileConditions) {
    static final FilterConfig DEFAULT = new FilterConfig(ErrorMode.IGNORE, SpansConfig.DEFAULT, TracesConfig.DEFAULT, List.of(),
            MetricFilters.DEFAULT, LogFilters.DEFAULT, ProfileFilters.DEFAULT, List.of(), List.of(), List.of());

    FilterConfig {
        errorMode = errorMode == null ? ErrorMode.IGNORE : errorMode;
        spans = spans == null ? SpansConfig.DEFAULT : spans;
        traces = traces == null ? TracesConfig.DEFAULT : traces;
        metrics = metrics == null ? MetricFilters.DEFAULT : metrics;
        logs = logs == null ? LogFilters.DEFAULT : logs;
        profiles = profiles == null ? ProfileFilters.DEFAULT : profiles;
        traceConditions = checked(traceConditions, Signal.TRACES, traces.isSet(), "cannot use context inferred trace conditions "
                + "\"trace_conditions\" and the settings \"traces.resource\", \"traces.span\", \"traces.spanevent\" at the same time");
        metricConditions = checked(metricConditions, Signal.METRICS, metrics.isSet(),
                "cannot use context inferred metric conditions \"metric_conditions\" and the settings \"metrics.resource\", "
                        + "\"metrics.metric\", \"metrics.datapoint\", \"metrics.include\", \"metrics.exclude\" at the same time");
        logConditions = checked(logConditions, Signal.LOGS, logs.isSet(),
                "cannot use context inferred log conditions \"log_conditions\" and the settings \"logs.resource\", \"logs.log\", "
                        + "\"logs.include\", \"logs.exclude\" at the same time");
        profileConditions = profileConditions == null ? List.of() : List.copyOf(profileConditions);
        if (!profileConditions.isEmpty() && profiles.isSet()) {
            throw new IllegalArgumentException("cannot use context inferred profile conditions \"profile_conditions\" and the settings "
                    + "\"profiles.resource\", \"profiles.profile\" at the same time");
        }
        if (traces.isSet() && spans.isSet()) {
            throw new IllegalArgumentException("cannot use \"traces.resource\", \"traces.span\", \"traces.spanevent\" and the span "
                    + "settings \"spans.include\", \"spans.exclude\" at the same time");
        }
    }

    /** A signal's context-inferred conditions: not beside the signal's own section, and each group's contexts the signal's. */
    private static List<ContextConditions> checked(List<ContextConditions> groups, Signal<?> signal, boolean sectionSet, String conflict) {
        if (groups == null || groups.isEmpty()) {
            return List.of();
        }
        if (sectionSet) {
            throw new IllegalArgumentException(conflict);
        }
        groups.forEach(group -> group.checkContexts(OttlContext.of(signal)));
        return List.copyOf(groups);
    }
}
