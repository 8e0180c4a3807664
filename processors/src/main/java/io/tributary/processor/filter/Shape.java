package io.tributary.processor.filter;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.processor.ottl.DataPoints;
import io.tributary.processor.ottl.OtlpLevels;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How one signal's data nests, as the filter walks it: its {@link OtlpLevels}, and below its
 * items the parts the filter also drops (a span's events, a metric's data points; log records
 * have none).
 *
 * @param partless whether an item whose parts the filter removed all of goes too: a metric with
 *                 data but no data point left does (one without data never had any), a span does not
 */
record Shape<E extends Message, S extends Message, T extends Message>(
        OtlpLevels<E, S, T> levels,
        Function<T, List<? extends Message>> parts,
        BiFunction<T, List<? extends Message>, T> withParts,
        Predicate<T> partless) {

    static final Shape<ResourceSpans, ScopeSpans, Span> TRACES = new Shape<>(
            OtlpLevels.TRACES, Span::getEventsList, Shape::withEvents, span -> false);

    static final Shape<ResourceMetrics, ScopeMetrics, Metric> METRICS = new Shape<>(
            OtlpLevels.METRICS, DataPoints::of, DataPoints::with, metric -> metric.getDataCase() != Metric.DataCase.DATA_NOT_SET);

    static final Shape<ResourceLogs, ScopeLogs, LogRecord> LOGS = new Shape<>(
            OtlpLevels.LOGS, record -> List.of(), (record, parts) -> record, record -> false);

    @SuppressWarnings("unchecked")
    private static Span withEvents(Span span, List<? extends Message> events) {
        return span.toBuilder().clearEvents().addAllEvents((List<Span.Event>) events).build();
    }
}
