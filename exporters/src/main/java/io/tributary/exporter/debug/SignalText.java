package io.tributary.exporter.debug;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import java.util.List;

/**
 * What the {@code normal} and {@code detailed} texts share: the walk of any signal's resources,
 * scopes and items in order, with their indices. Each text writes its own lines for them, under
 * the resource and scope headings otelcol's marshalers of that verbosity give each signal.
 */
abstract class SignalText {
    /** A signal's resource and scope headings in one text. */
    record Headings(String resource, String scope) {
    }

    final StringBuilder out = new StringBuilder();
    private final Headings traces;
    private final Headings metrics;
    private final Headings logs;

    SignalText(Headings traces, Headings metrics, Headings logs) {
        this.traces = traces;
        this.metrics = metrics;
        this.logs = logs;
    }

    /** The text of {@code data}. */
    final String write(SignalData<?, ?> data) {
        if (data instanceof Traces spans) {
            writeTraces(spans);
        } else if (data instanceof Metrics points) {
            writeMetrics(points);
        } else {
            writeLogs((Logs) data);
        }
        return out.toString();
    }

    private void writeTraces(Traces data) {
        List<ResourceSpans> resources = data.resourceSpans();
        for (int r = 0; r < resources.size(); r++) {
            ResourceSpans resource = resources.get(r);
            resource(traces.resource(), r, resource.getSchemaUrl(), resource.getResource());
            for (int s = 0; s < resource.getScopeSpansCount(); s++) {
                ScopeSpans scope = resource.getScopeSpans(s);
                scope(traces.scope(), r, s, scope.getSchemaUrl(), scope.getScope());
                for (int i = 0; i < scope.getSpansCount(); i++) {
                    span(i, scope.getSpans(i));
                }
            }
        }
    }

    private void writeMetrics(Metrics data) {
        List<ResourceMetrics> resources = data.resourceMetrics();
        for (int r = 0; r < resources.size(); r++) {
            ResourceMetrics resource = resources.get(r);
            resource(metrics.resource(), r, resource.getSchemaUrl(), resource.getResource());
            for (int s = 0; s < resource.getScopeMetricsCount(); s++) {
                ScopeMetrics scope = resource.getScopeMetrics(s);
                scope(metrics.scope(), r, s, scope.getSchemaUrl(), scope.getScope());
                for (int i = 0; i < scope.getMetricsCount(); i++) {
                    metric(i, scope.getMetrics(i));
                }
            }
        }
    }

    private void writeLogs(Logs data) {
        List<ResourceLogs> resources = data.resourceLogs();
        for (int r = 0; r < resources.size(); r++) {
            ResourceLogs resource = resources.get(r);
            resource(logs.resource(), r, resource.getSchemaUrl(), resource.getResource());
            for (int s = 0; s < resource.getScopeLogsCount(); s++) {
                ScopeLogs scope = resource.getScopeLogs(s);
                scope(logs.scope(), r, s, scope.getSchemaUrl(), scope.getScope());
                for (int i = 0; i < scope.getLogRecordsCount(); i++) {
                    logRecord(i, scope.getLogRecords(i));
                }
            }
        }
    }

    abstract void resource(String heading, int index, String schemaUrl, Resource resource);

    abstract void scope(String heading, int resourceIndex, int index, String schemaUrl, InstrumentationScope scope);

    abstract void span(int index, Span span);

    abstract void metric(int index, Metric metric);

    abstract void logRecord(int index, LogRecord record);
}
