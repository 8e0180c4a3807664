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
import io.tributary.config.Problems;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.processor.filter.LogFilters.LogMatch;
import io.tributary.processor.filter.MetricFilters.MetricMatch;
import io.tributary.processor.filter.MetricFilters.MetricMatchType;
import io.tributary.processor.filtermatch.AttributesMatcher;
import io.tributary.processor.filtermatch.MatchProperties;
import io.tributary.processor.filtermatch.Selection;
import io.tributary.processor.filterset.MatchType;
import io.tributary.processor.ottl.ConditionSequence;
import io.tributary.processor.ottl.ContextCondition;
import io.tributary.processor.ottl.ErrorMode;
import io.tributary.processor.ottl.OttlCondition;
import io.tributary.processor.ottl.OttlContext;
import io.tributary.processor.ottl.OttlEvaluationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the filter drops from one signal's data, walked as otelcol's filter walks it: a resource
 * entry its resource test drops goes whole; else each scope entry its scope test drops goes; else
 * each item (span, metric, log record) its item test drops goes; else each part (span event, data
 * point) its part test drops goes, and a metric left without data points goes with them. A scope
 * entry or resource entry left empty goes too, and so does one that arrived empty, except that a
 * level no test looks below keeps its entries as they are. Whatever is not touched is returned as
 * the very same object, so an untouched batch keeps its encoded form. Immutable and thread-safe.
 */
final class SignalFilter<E extends Message, S extends Message, T extends Message> {
    private static final Logger log = LoggerFactory.getLogger(SignalFilter.class);

    /** Whether a level's entry goes; null at a level nothing is configured for. May throw {@link OttlEvaluationException}. */
    @FunctionalInterface
    interface ResourceTest {
        boolean drops(Resource resource);
    }

    @FunctionalInterface
    interface ScopeTest {
        boolean drops(Resource resource, InstrumentationScope scope);
    }

    @FunctionalInterface
    interface ItemTest {
        boolean drops(Resource resource, InstrumentationScope scope, Message item);
    }

    @FunctionalInterface
    interface PartTest {
        boolean drops(Resource resource, InstrumentationScope scope, Message item, Message part);
    }

    private final Shape<E, S, T> shape;
    private final ResourceTest resource;
    private final ScopeTest scope;
    private final ItemTest item;
    private final PartTest part;

    private SignalFilter(Shape<E, S, T> shape, ResourceTest resource, ScopeTest scope, ItemTest item, PartTest part) {
        this.shape = shape;
        this.resource = resource;
        this.scope = scope;
        this.item = item;
        this.part = part;
    }

    /**
     * The filter of {@code signal}'s data that {@code config} makes, as otelcol picks:
     * context-inferred conditions, else conditions by context, else the legacy matching.
     *
     * @throws IllegalArgumentException what otelcol's factory refuses for that signal; a
     *                                  {@link Problems.Invalid} names the keys
     */
    static SignalFilter<?, ?, ?> of(FilterConfig config, Signal<?> signal) {
        if (signal == Signal.TRACES) {
            return traces(config);
        }
        return signal == Signal.METRICS ? metrics(config) : logs(config);
    }

    private static SignalFilter<ResourceSpans, ScopeSpans, Span> traces(FilterConfig config) {
        if (!config.traceConditions().isEmpty()) {
            if (config.spans().isSet()) {
                log.warn("filter: \"spans\" is ignored because \"trace_conditions\" is set, as otelcol does");
            }
            return ofConditions(Shape.TRACES, inferred(config.traceConditions(), config.errorMode()));
        }
        TracesConfig traces = config.traces();
        if (traces.isSet()) {
            return ofConditions(Shape.TRACES, byContext(config.errorMode(), traces.resource(), traces.span(), traces.spanevent()));
        }
        SpansConfig spans = config.spans();
        if (!spans.isSet()) {
            return ofConditions(Shape.TRACES, Map.of());
        }
        Selection.check(Signal.TRACES, "spans::", spans.include(), spans.exclude());
        Selection<Span> kept = Selection.spans(spans.include(), spans.exclude());
        return new SignalFilter<>(Shape.TRACES, null, null, (r, s, span) -> !kept.selects(r, s, (Span) span), null);
    }

    private static SignalFilter<ResourceMetrics, ScopeMetrics, Metric> metrics(FilterConfig config) {
        if (!config.metricConditions().isEmpty()) {
            return ofConditions(Shape.METRICS, inferred(config.metricConditions(), config.errorMode()));
        }
        MetricFilters metrics = config.metrics();
        if (metrics.hasConditions()) {
            return ofConditions(Shape.METRICS, byContext(config.errorMode(), metrics.resource(), metrics.metric(), metrics.datapoint()));
        }
        Problems problems = new Problems();
        problems.when(metrics.include() != null && metrics.include().matchType() == MetricMatchType.EXPR, "metrics::include::match_type",
                "match_type expr (antonmedv/expr expressions) is not supported; use strict, regexp or the OTTL conditions");
        problems.when(metrics.exclude() != null && metrics.exclude().matchType() == MetricMatchType.EXPR, "metrics::exclude::match_type",
                "match_type expr (antonmedv/expr expressions) is not supported; use strict, regexp or the OTTL conditions");
        problems.throwIfAny();
        AttributesMatcher includeResources = resources(metrics.include());
        AttributesMatcher excludeResources = resources(metrics.exclude());
        Selection<Metric> kept = Selection.metrics(names(metrics.include()), names(metrics.exclude()));
        ResourceTest resourceTest = includeResources == null && excludeResources == null ? null
                : r -> (includeResources != null && !includeResources.matches(r.getAttributesList()))
                        || (excludeResources != null && excludeResources.matches(r.getAttributesList()));
        boolean names = names(metrics.include()) != null || names(metrics.exclude()) != null;
        return new SignalFilter<>(Shape.METRICS, resourceTest, null, names ? (r, s, metric) -> !kept.selects(r, s, (Metric) metric) : null,
                null);
    }

    private static SignalFilter<ResourceLogs, ScopeLogs, LogRecord> logs(FilterConfig config) {
        if (!config.logConditions().isEmpty()) {
            return ofConditions(Shape.LOGS, inferred(config.logConditions(), config.errorMode()));
        }
        LogFilters logs = config.logs();
        if (logs.hasConditions()) {
            return ofConditions(Shape.LOGS, byContext(config.errorMode(), logs.resource(), logs.logRecord()));
        }
        MatchProperties include = properties(logs.include());
        MatchProperties exclude = properties(logs.exclude());
        if (include == null && exclude == null) {
            return ofConditions(Shape.LOGS, Map.of());
        }
        Selection.check(Signal.LOGS, "logs::", include, exclude);
        Selection<LogRecord> kept = Selection.logs(include, exclude);
        return new SignalFilter<>(Shape.LOGS, null, null, (r, s, record) -> !kept.selects(r, s, (LogRecord) record), null);
    }

    /** A legacy log section as the shared match properties; null when absent or naming nothing, which otelcol ignores. */
    private static MatchProperties properties(LogMatch match) {
        return match == null || match.isEmpty() ? null : match.matchProperties();
    }

    /** The resource attributes a legacy metric section needs; null without any. */
    private static AttributesMatcher resources(MetricMatch match) {
        return match == null || match.resourceAttributes().isEmpty() ? null
                : AttributesMatcher.of(match.resourceAttributes(), MatchType.valueOf(match.matchType().name()));
    }

    /** The metric names of a legacy metric section, as shared match properties; null without any. */
    private static MatchProperties names(MetricMatch match) {
        return match == null || match.metricNames().isEmpty() ? null
                : new MatchProperties(MatchType.valueOf(match.matchType().name()), match.regexp(), null, null, null, null, null, null, null,
                        null, null, match.metricNames());
    }

    /** Each group's conditions with the group's error mode (the processor's when it has none), by the context each runs in. */
    private static Map<OttlContext, ConditionSequence> inferred(List<ContextConditions> groups, ErrorMode processorMode) {
        Map<OttlContext, List<ConditionSequence>> byContext = new EnumMap<>(OttlContext.class);
        for (ContextConditions group : groups) {
            ErrorMode mode = group.errorMode() != null ? group.errorMode() : processorMode;
            for (OttlCondition condition : group.compiled()) {
                byContext.computeIfAbsent(condition.context(), c -> new ArrayList<>()).add(ConditionSequence.of(List.of(condition), mode));
            }
        }
        Map<OttlContext, ConditionSequence> sequences = new EnumMap<>(OttlContext.class);
        byContext.forEach((context, parts) -> sequences.put(context, ConditionSequence.concat(parts)));
        return sequences;
    }

    /** The lists of a section (one per context, as {@code traces.span}), each with the processor's error mode. */
    @SafeVarargs
    private static Map<OttlContext, ConditionSequence> byContext(ErrorMode mode, List<? extends ContextCondition>... lists) {
        Map<OttlContext, ConditionSequence> sequences = new EnumMap<>(OttlContext.class);
        for (List<? extends ContextCondition> list : lists) {
            if (!list.isEmpty()) {
                sequences.put(list.get(0).condition().context(),
                        ConditionSequence.of(list.stream().map(ContextCondition::condition).toList(), mode));
            }
        }
        return sequences;
    }

    /** A condition of a context drops at that context's depth: a resource, scope, item or part condition. */
    private static <E extends Message, S extends Message, T extends Message> SignalFilter<E, S, T> ofConditions(Shape<E, S, T> shape,
            Map<OttlContext, ConditionSequence> byDepth) {
        ConditionSequence[] levels = new ConditionSequence[4];
        byDepth.forEach((context, sequence) -> levels[context.depth()] = sequence);
        return new SignalFilter<>(shape,
                levels[0] == null ? null : levels[0]::matchesResource,
                levels[1] == null ? null : levels[1]::matchesScope,
                levels[2] == null ? null : levels[2]::matchesItem,
                levels[3] == null ? null : levels[3]::matchesPart);
    }

    /** True when nothing is configured: every batch passes as it is. */
    boolean passesEverything() {
        return resource == null && scope == null && item == null && part == null;
    }

    /**
     * The batch with what the filter drops left out: {@code data} itself when nothing was dropped.
     *
     * @throws OttlEvaluationException when a {@code propagate} condition fails
     */
    // The filter was made for the data's signal (of), so its entries are E.
    @SuppressWarnings({"unchecked", "rawtypes"})
    <D extends SignalData<D, ?>> D filter(D data) {
        List<E> in = (List<E>) data.resourceEntries();
        List<E> out = keep(in, this::filterEntry);
        return out == in ? data : (D) ((SignalData) data).withResourceEntries(out);
    }

    /** The entry itself when untouched, null when nothing of it is left. */
    private E filterEntry(E entry) {
        Resource r = shape.levels().resource().apply(entry);
        if (resource != null && resource.drops(r)) {
            return null;
        }
        List<S> scopes = shape.levels().scopes().apply(entry);
        if (scope == null && item == null && part == null) {
            return scopes.isEmpty() ? null : entry;
        }
        List<S> kept = keep(scopes, s -> filterScope(r, s));
        if (kept.isEmpty()) {
            return null;
        }
        return kept == scopes ? entry : shape.levels().withScopes().apply(entry, kept);
    }

    private S filterScope(Resource r, S entry) {
        InstrumentationScope s = shape.levels().scope().apply(entry);
        if (scope != null && scope.drops(r, s)) {
            return null;
        }
        List<T> items = shape.levels().items().apply(entry);
        if (item == null && part == null) {
            return items.isEmpty() ? null : entry;
        }
        List<T> kept = keep(items, t -> filterItem(r, s, t));
        if (kept.isEmpty()) {
            return null;
        }
        return kept == items ? entry : shape.levels().withItems().apply(entry, kept);
    }

    @SuppressWarnings("unchecked")
    private T filterItem(Resource r, InstrumentationScope s, T t) {
        if (item != null && item.drops(r, s, t)) {
            return null;
        }
        if (part == null) {
            return t;
        }
        List<Message> parts = (List<Message>) shape.parts().apply(t);
        List<Message> kept = keep(parts, p -> part.drops(r, s, t, p) ? null : p);
        if (kept.isEmpty() && shape.partless().test(t)) {
            return null;
        }
        return kept == parts ? t : shape.withParts().apply(t, kept);
    }

    /**
     * Each item through {@code filter} (which returns it unchanged, changed, or null to drop it):
     * {@code items} itself when every item came back the same, else a new list of what is left.
     */
    private static <X> List<X> keep(List<X> items, UnaryOperator<X> filter) {
        List<X> kept = null;
        for (int i = 0; i < items.size(); i++) {
            X original = items.get(i);
            X filtered = filter.apply(original);
            if (kept == null && filtered != original) {
                kept = new ArrayList<>(items.subList(0, i));
            }
            if (kept != null && filtered != null) {
                kept.add(filtered);
            }
        }
        return kept == null ? items : kept;
    }
}
