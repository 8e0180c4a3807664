package io.tributary.processor.ottl;

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
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The three levels of one signal's decoded OTLP data, for the components that take it apart and
 * put it back together by OTTL context (the filter processor, the routing connector): resource
 * entries ({@code E}) hold a resource and scope entries ({@code S}), which hold a scope and items
 * ({@code T}: spans, metrics, log records). The {@code with} functions return a copy holding
 * other children.
 */
public record OtlpLevels<E extends Message, S extends Message, T extends Message>(
        Function<E, Resource> resource,
        Function<E, List<S>> scopes,
        BiFunction<E, List<S>, E> withScopes,
        Function<S, InstrumentationScope> scope,
        Function<S, List<T>> items,
        BiFunction<S, List<T>, S> withItems) {

    public static final OtlpLevels<ResourceSpans, ScopeSpans, Span> TRACES = new OtlpLevels<>(
            ResourceSpans::getResource, ResourceSpans::getScopeSpansList,
            (entry, scopes) -> entry.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build(),
            ScopeSpans::getScope, ScopeSpans::getSpansList,
            (scope, spans) -> scope.toBuilder().clearSpans().addAllSpans(spans).build());

    public static final OtlpLevels<ResourceMetrics, ScopeMetrics, Metric> METRICS = new OtlpLevels<>(
            ResourceMetrics::getResource, ResourceMetrics::getScopeMetricsList,
            (entry, scopes) -> entry.toBuilder().clearScopeMetrics().addAllScopeMetrics(scopes).build(),
            ScopeMetrics::getScope, ScopeMetrics::getMetricsList,
            (scope, metrics) -> scope.toBuilder().clearMetrics().addAllMetrics(metrics).build());

    public static final OtlpLevels<ResourceLogs, ScopeLogs, LogRecord> LOGS = new OtlpLevels<>(
            ResourceLogs::getResource, ResourceLogs::getScopeLogsList,
            (entry, scopes) -> entry.toBuilder().clearScopeLogs().addAllScopeLogs(scopes).build(),
            ScopeLogs::getScope, ScopeLogs::getLogRecordsList,
            (scope, records) -> scope.toBuilder().clearLogRecords().addAllLogRecords(records).build());
}
