package io.tributary.connector.routing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
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
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.Schema;
import io.tributary.processor.ottl.ConditionSequence;
import io.tributary.processor.ottl.DataPoints;
import io.tributary.processor.ottl.OtlpLevels;
import io.tributary.processor.ottl.OttlContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How one signal's data is routed: its {@link OtlpLevels} (resource entries {@code E}, scope
 * entries {@code S}, items {@code T}), how much an item counts, and, for each OTTL context finer than the resource
 * one that the signal has, how a route of that context cuts an item. A route cuts as otelcol's
 * does: what it takes keeps its resource and scope (one copy of each per entry and scope); what a
 * moving route leaves loses the scope and resource entries left empty (also those that arrived
 * empty), and a data point route leaves no metric without data points (but for one without data).
 */
record Nesting<D extends SignalData<D, ?>, E extends Message, S extends Message, T extends Message>(
        Schema schema, Parser<E> parser, Trusted<D> trusted, OtlpLevels<E, S, T> levels,
        ToIntFunction<T> weight, Map<OttlContext, Function<ConditionSequence, Cutter<T>>> cutters) {

    /** {@code Traces.trusted} and its twins. */
    @FunctionalInterface
    interface Trusted<D> {
        D of(ByteString request, int items, int resourceEntries);
    }

    /** What a route takes of something and what it leaves: either may be null; what is left is the thing itself when untouched. */
    record Cut<X>(X taken, X left) {
    }

    /** How a route cuts an item. */
    @FunctionalInterface
    interface Cutter<T> {
        /** @throws io.tributary.processor.ottl.OttlEvaluationException when a {@code propagate} condition fails */
        Cut<T> cut(Resource resource, InstrumentationScope scope, T item);
    }

    static final Nesting<Traces, ResourceSpans, ScopeSpans, Span> TRACES = new Nesting<>(
            Schema.TRACES, ResourceSpans.parser(), Traces::trusted, OtlpLevels.TRACES,
            span -> 1, Map.of(OttlContext.SPAN, Nesting::whole));

    static final Nesting<Metrics, ResourceMetrics, ScopeMetrics, Metric> METRICS = new Nesting<>(
            Schema.METRICS, ResourceMetrics.parser(), Metrics::trusted, OtlpLevels.METRICS,
            metric -> DataPoints.of(metric).size(), Map.of(OttlContext.METRIC, Nesting::whole, OttlContext.DATAPOINT, Nesting::points));

    static final Nesting<Logs, ResourceLogs, ScopeLogs, LogRecord> LOGS = new Nesting<>(
            Schema.LOGS, ResourceLogs.parser(), Logs::trusted, OtlpLevels.LOGS,
            record -> 1, Map.of(OttlContext.LOG, Nesting::whole));

    /** The nesting of {@code signal}'s data. */
    @SuppressWarnings("unchecked")
    static <D extends SignalData<D, ?>> Nesting<D, ?, ?, ?> of(Signal<D> signal) {
        Nesting<?, ?, ?, ?> nesting = signal == Signal.TRACES ? TRACES : signal == Signal.METRICS ? METRICS : LOGS;
        return (Nesting<D, ?, ?, ?>) nesting;
    }

    Resource resource(E entry) {
        return levels.resource().apply(entry);
    }

    int items(E entry) {
        int items = 0;
        for (S scopeEntry : levels.scopes().apply(entry)) {
            for (T item : levels.items().apply(scopeEntry)) {
                items += weight.applyAsInt(item);
            }
        }
        return items;
    }

    /** The batch of {@code entries}, in order. */
    D batch(List<Entry<E>> entries) {
        List<ByteString> fields = new ArrayList<>(entries.size());
        int itemCount = 0;
        for (Entry<E> entry : entries) {
            fields.add(entry.field(schema));
            itemCount += entry.items(this);
        }
        // A rope over the fields, not a copy.
        return trusted.of(ByteString.copyFrom(fields), itemCount, entries.size());
    }

    /**
     * The selector of a route of OTTL context {@code context}; null when this signal's data has
     * no such context, as a span route in a metrics pipeline: otelcol's route then never matches.
     */
    Selector<E> selector(OttlContext context, ConditionSequence condition) {
        if (context == OttlContext.RESOURCE) {
            return (left, taken, copy, client) -> {
                for (Iterator<Entry<E>> it = left.iterator(); it.hasNext(); ) {
                    Entry<E> entry = it.next();
                    if (condition.matchesResource(entry.resource(this))) {
                        taken.add(entry);
                        if (!copy) {
                            it.remove();
                        }
                    }
                }
            };
        }
        Function<ConditionSequence, Cutter<T>> cutter = cutters.get(context);
        return cutter == null ? null : items(cutter.apply(condition));
    }

    private Selector<E> items(Cutter<T> cutter) {
        return (left, taken, copy, client) -> {
            for (ListIterator<Entry<E>> it = left.listIterator(); it.hasNext(); ) {
                E entry = it.next().decoded(this);
                Cut<E> cut = cut(entry, cutter);
                if (cut.taken() != null) {
                    taken.add(Entry.decoded(cut.taken()));
                }
                if (copy || cut.left() == entry) {
                    continue;
                }
                if (cut.left() == null) {
                    it.remove();
                } else {
                    it.set(Entry.decoded(cut.left()));
                }
            }
        };
    }

    private Cut<E> cut(E entry, Cutter<T> cutter) {
        Resource resource = resource(entry);
        List<S> takenScopes = new ArrayList<>();
        List<S> leftScopes = new ArrayList<>();
        boolean changed = false;
        for (S scopeEntry : levels.scopes().apply(entry)) {
            InstrumentationScope scopeOf = levels.scope().apply(scopeEntry);
            List<T> taken = new ArrayList<>();
            List<T> left = new ArrayList<>();
            boolean scopeChanged = false;
            for (T item : levels.items().apply(scopeEntry)) {
                Cut<T> cut = cutter.cut(resource, scopeOf, item);
                if (cut.taken() != null) {
                    taken.add(cut.taken());
                }
                if (cut.left() != null) {
                    left.add(cut.left());
                }
                scopeChanged |= cut.left() != item;
            }
            if (!taken.isEmpty()) {
                takenScopes.add(levels.withItems().apply(scopeEntry, taken));
            }
            if (!left.isEmpty()) {
                leftScopes.add(scopeChanged ? levels.withItems().apply(scopeEntry, left) : scopeEntry);
            }
            changed |= scopeChanged || left.isEmpty();
        }
        E taken = takenScopes.isEmpty() ? null : levels.withScopes().apply(entry, takenScopes);
        E left = leftScopes.isEmpty() ? null : changed ? levels.withScopes().apply(entry, leftScopes) : entry;
        return new Cut<>(taken, left);
    }

    /** A span, metric or log record route: the item goes whole. */
    private static <T extends Message> Cutter<T> whole(ConditionSequence condition) {
        return (resource, scope, item) -> condition.matchesItem(resource, scope, item) ? new Cut<>(item, null) : new Cut<>(null, item);
    }

    /**
     * A data point route: a metric's matching points go in a copy of the metric without its
     * {@code metadata} (otelcol copies only name, description, unit and the type's settings).
     */
    private static Cutter<Metric> points(ConditionSequence condition) {
        return (resource, scope, metric) -> {
            if (metric.getDataCase() == Metric.DataCase.DATA_NOT_SET) {
                return new Cut<>(null, metric);
            }
            List<? extends Message> points = DataPoints.of(metric);
            List<Message> taken = new ArrayList<>();
            List<Message> left = new ArrayList<>();
            for (Message point : points) {
                (condition.matchesPart(resource, scope, metric, point) ? taken : left).add(point);
            }
            Metric takenMetric = taken.isEmpty() ? null : DataPoints.with(metric.toBuilder().clearMetadata().build(), taken);
            Metric leftMetric = left.isEmpty() ? null : left.size() == points.size() ? metric : DataPoints.with(metric, left);
            return new Cut<>(takenMetric, leftMetric);
        };
    }
}
