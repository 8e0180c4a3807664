package io.tributary.processor.filter;

import io.tributary.processor.filterset.SpanMatcher;
import io.tributary.processor.ottl.ErrorMode;
import java.util.List;

/**
 * The {@code filter} processor's settings, as otelcol's filterprocessor: for traces, the legacy
 * {@code spans} include/exclude matching, OTTL conditions by context under {@code traces}, or
 * context-inferred OTTL conditions under {@code trace_conditions}; the {@code metrics} and
 * {@code logs} sections are checked and kept (no metrics or logs flow through Tributary).
 * {@code error_mode} defaults to {@code ignore}, otelcol's default since v0.153.
 */
record FilterConfig(
        ErrorMode errorMode,
        SpansConfig spans,
        TracesConfig traces,
        List<TraceConditions> traceConditions,
        MetricFilters metrics,
        LogFilters logs) {
    static final FilterConfig DEFAULT = new FilterConfig(
            ErrorMode.IGNORE, SpansConfig.DEFAULT, TracesConfig.DEFAULT, List.of(), MetricFilters.DEFAULT, LogFilters.DEFAULT);

    FilterConfig {
        errorMode = errorMode == null ? ErrorMode.IGNORE : errorMode;
        spans = spans == null ? SpansConfig.DEFAULT : spans;
        traces = traces == null ? TracesConfig.DEFAULT : traces;
        traceConditions = traceConditions == null ? List.of() : List.copyOf(traceConditions);
        metrics = metrics == null ? MetricFilters.DEFAULT : metrics;
        logs = logs == null ? LogFilters.DEFAULT : logs;
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
}
