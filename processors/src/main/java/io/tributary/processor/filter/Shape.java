package io.tributary.processor.filter;

import com.google.protobuf.Message;
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
import io.tributary.processor.ottl.DataPoints;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How one signal's data nests, as the filter walks it: resource entries ({@code E}) hold scope
 * entries ({@code S}), which hold items ({@code T}: spans, metrics, log records), which may hold
 * parts (a span's events, a metric's data points; log records have none).
 *
 * @param partless whether an item whose parts the filter removed all of goes too: a metric with
 *                 data but no data point left does (one without data never had any), a span does not
 */
record Shape<E extends Message, S extends Message, T extends Message>(
        Function<E, Resource> resource,
        Function<E, List<S>> scopes,
        BiFunction<E, List<S>, E> withScopes,
        Function<S, InstrumentationScope> scope,
        Function<S, List<T>> items,
        BiFunction<S, List<T>, S> withItems,
        Function<T, List<? extends Message>> parts,
        BiFunction<T, List<? extends Message>, T> withParts,
        Predicate<T> partless) {

    static final Shape<ResourceSpans, ScopeSpans, Span> TRACES = new Shape<>(
            ResourceSpans::getResource, ResourceSpans::getScopeSpansList,
            (entry, scopes) -> entry.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build(),
            ScopeSpans::getScope, ScopeSpans::getSpansList,
            (scope, spans) -> scope.toBuilder().clearSpans().addAllSpans(spans).build(),
            Span::getEventsList, Shape::withEvents, span -> false);

    static final Shape<ResourceMetrics, ScopeMetrics, Metric> METRICS = new Shape<>(
            ResourceMetrics::getResource, ResourceMetrics::getScopeMetricsList,
            (entry, scopes) -> entry.toBuilder().clearScopeMetrics().addAllScopeMetrics(scopes).build(),
            ScopeMetrics::getScope, ScopeMetrics::getMetricsList,
            (scope, metrics) -> scope.toBuilder().clearMetrics().addAllMetrics(metrics).build(),
            DataPoints::of, DataPoints::with, metric -> metric.getDataCase() != Metric.DataCase.DATA_NOT_SET);

    static final Shape<ResourceLogs, ScopeLogs, LogRecord> LOGS = new Shape<>(
            ResourceLogs::getResource, ResourceLogs::getScopeLogsList,
            (entry, scopes) -> entry.toBuilder().clearScopeLogs().addAllScopeLogs(scopes).build(),
            ScopeLogs::getScope, ScopeLogs::getLogRecordsList,
            (scope, records) -> scope.toBuilder().clearLogRecords().addAllLogRecords(records).build(),
            record -> List.of(), (record, parts) -> record, record -> false);

    @SuppressWarnings("unchecked")
    private static Span withEvents(Span span, List<? extends Message> events) {
        return span.toBuilder().clearEvents().addAllEvents((List<Span.Event>) events).build();
    }
}
