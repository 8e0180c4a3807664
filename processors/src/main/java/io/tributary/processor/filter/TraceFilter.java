package io.tributary.processor.filter;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.processor.filterspan.SpanMatcher;
import io.tributary.processor.ottl.ConditionSequence;
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
 * What the filter drops, from its config: a resource that matches a resource condition, a scope
 * that matches a scope condition, a span that the legacy matcher does not select or that matches a
 * span condition, an event of a kept span that matches a span event condition. A scope or
 * resource left without spans goes too. Whatever is not touched is returned as the very same
 * object, so an untouched batch keeps its encoded form. Immutable and thread-safe.
 */
final class TraceFilter {
    private static final Logger log = LoggerFactory.getLogger(TraceFilter.class);

    private final SpanMatcher legacy;
    private final ConditionSequence resource;
    private final ConditionSequence scope;
    private final ConditionSequence span;
    private final ConditionSequence spanEvent;

    private TraceFilter(SpanMatcher legacy, Map<OttlContext, ConditionSequence> conditions) {
        this.legacy = legacy;
        this.resource = conditions.getOrDefault(OttlContext.RESOURCE, ConditionSequence.EMPTY);
        this.scope = conditions.getOrDefault(OttlContext.SCOPE, ConditionSequence.EMPTY);
        this.span = conditions.getOrDefault(OttlContext.SPAN, ConditionSequence.EMPTY);
        this.spanEvent = conditions.getOrDefault(OttlContext.SPANEVENT, ConditionSequence.EMPTY);
    }

    /** As otelcol picks: trace_conditions, else traces, else the legacy spans section. */
    static TraceFilter of(FilterConfig config) {
        Map<OttlContext, List<ConditionSequence>> byContext = new EnumMap<>(OttlContext.class);
        if (!config.traceConditions().isEmpty()) {
            if (config.spans().isSet()) {
                log.warn("filter: \"spans\" is ignored because \"trace_conditions\" is set, as otelcol does");
            }
            for (TraceConditions group : config.traceConditions()) {
                ErrorMode mode = group.errorMode() != null ? group.errorMode() : config.errorMode();
                for (OttlCondition condition : group.compiled()) {
                    add(byContext, condition, mode);
                }
            }
            return new TraceFilter(null, concat(byContext));
        }
        TracesConfig traces = config.traces();
        if (traces.isSet()) {
            traces.resource().forEach(c -> add(byContext, c.condition(), config.errorMode()));
            traces.span().forEach(c -> add(byContext, c.condition(), config.errorMode()));
            traces.spanevent().forEach(c -> add(byContext, c.condition(), config.errorMode()));
            return new TraceFilter(null, concat(byContext));
        }
        SpansConfig spans = config.spans();
        return new TraceFilter(spans.isSet() ? SpanMatcher.of(spans.include(), spans.exclude()) : null, Map.of());
    }

    private static void add(Map<OttlContext, List<ConditionSequence>> byContext, OttlCondition condition, ErrorMode mode) {
        byContext.computeIfAbsent(condition.context(), c -> new ArrayList<>()).add(ConditionSequence.of(List.of(condition), mode));
    }

    private static Map<OttlContext, ConditionSequence> concat(Map<OttlContext, List<ConditionSequence>> byContext) {
        Map<OttlContext, ConditionSequence> sequences = new EnumMap<>(OttlContext.class);
        byContext.forEach((context, parts) -> sequences.put(context, ConditionSequence.concat(parts)));
        return sequences;
    }

    /** True when nothing is configured: every batch passes as it is. */
    boolean passesEverything() {
        return legacy == null && resource.isEmpty() && scope.isEmpty() && span.isEmpty() && spanEvent.isEmpty();
    }

    /**
     * @return {@code in} itself when nothing was dropped, else the resources left (maybe none)
     * @throws OttlEvaluationException when a {@code propagate} condition fails
     */
    List<ResourceSpans> apply(List<ResourceSpans> in) {
        return keep(in, this::filterResource);
    }

    /** The resource itself when untouched, null when nothing of it is left. */
    private ResourceSpans filterResource(ResourceSpans rs) {
        if (!resource.isEmpty() && resource.matchesResource(rs)) {
            return null;
        }
        List<ScopeSpans> scopes = rs.getScopeSpansList();
        List<ScopeSpans> kept = keep(scopes, ss -> filterScope(rs, ss));
        if (kept == scopes) {
            return rs;
        }
        return kept.isEmpty() ? null : rs.toBuilder().clearScopeSpans().addAllScopeSpans(kept).build();
    }

    private ScopeSpans filterScope(ResourceSpans rs, ScopeSpans ss) {
        if (!scope.isEmpty() && scope.matchesScope(rs, ss)) {
            return null;
        }
        List<Span> spans = ss.getSpansList();
        List<Span> kept = keep(spans, s -> filterSpan(rs, ss, s));
        if (kept == spans) {
            return ss;
        }
        return kept.isEmpty() ? null : ss.toBuilder().clearSpans().addAllSpans(kept).build();
    }

    private Span filterSpan(ResourceSpans rs, ScopeSpans ss, Span s) {
        if (legacy != null && !legacy.selects(rs.getResource(), ss.getScope(), s)) {
            return null;
        }
        if (!span.isEmpty() && span.matchesSpan(rs, ss, s)) {
            return null;
        }
        if (spanEvent.isEmpty() || s.getEventsCount() == 0) {
            return s;
        }
        List<Span.Event> events = s.getEventsList();
        List<Span.Event> kept = keep(events, event -> spanEvent.matchesSpanEvent(rs, ss, s, event) ? null : event);
        // A span whose events all go stays, as in otelcol.
        return kept == events ? s : s.toBuilder().clearEvents().addAllEvents(kept).build();
    }

    /**
     * Each item through {@code filter} (which returns it unchanged, changed, or null to drop it):
     * {@code items} itself when every item came back the same, else a new list of what is left.
     */
    private static <T> List<T> keep(List<T> items, UnaryOperator<T> filter) {
        List<T> kept = null;
        for (int i = 0; i < items.size(); i++) {
            T original = items.get(i);
            T filtered = filter.apply(original);
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
