package io.tributary.processor.tailsampling;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import io.tributary.processor.ottl.ConditionSequence;
import io.tributary.processor.ottl.ContextCondition;
import java.util.List;

/**
 * otelcol's {@code ottl_condition}: sampled as soon as a span matches a {@code span} condition or
 * one of its events matches a {@code spanevent} condition, spans in arrival order, each span's
 * conditions before its events. A failing condition follows {@code error_mode}; with
 * {@code propagate} the evaluation throws, which is the policy's error.
 *
 * <p>The buffer holds spans encoded: a span is decoded only when reached (with only span event
 * conditions, only when it has events), its resource and scope once per evaluation and only for
 * the origins reached, so the first matching span ends the cost.
 */
final class OttlConditionPolicy implements Policy {
    /** {@code Span.events}, field 11. */
    private static final int EVENTS = Schema.lengthDelimited(Schema.Span.EVENTS);

    private final ConditionSequence span;
    private final ConditionSequence spanEvent;

    OttlConditionPolicy(PolicyConfig.OttlCondition config) {
        this.span = sequence(config.span(), config);
        this.spanEvent = sequence(config.spanevent(), config);
    }

    @Override
    public Decision evaluate(TraceView trace) {
        Decoded decoded = new Decoded(trace.origins());
        return trace.anySpan((origin, data, from, to) -> matches(decoded, origin, data, from, to))
                ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }

    private boolean matches(Decoded decoded, int origin, byte[] data, int from, int to) {
        if (span.isEmpty() && !WireCursor.has(data, from, to, EVENTS)) {
            return false;
        }
        Span decodedSpan = parse(Span.parser(), data, from, to);
        ResourceSpans resource = decoded.resource(origin);
        ScopeSpans scope = decoded.scope(origin);
        if (!span.isEmpty() && span.matchesItem(resource.getResource(), scope.getScope(), decodedSpan)) {
            return true;
        }
        if (!spanEvent.isEmpty()) {
            for (Span.Event event : decodedSpan.getEventsList()) {
                if (spanEvent.matchesPart(resource.getResource(), scope.getScope(), decodedSpan, event)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ConditionSequence sequence(List<? extends ContextCondition> conditions, PolicyConfig.OttlCondition config) {
        return ConditionSequence.of(conditions.stream().map(ContextCondition::condition).toList(), config.errorMode());
    }

    /** The buffer holds bytes that {@code Traces.parse} validated, so a failure is a bug. */
    private static <T> T parse(Parser<T> parser, byte[] data, int from, int to) {
        try {
            return parser.parseFrom(data, from, to - from);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("buffered bytes do not parse", e);
        }
    }

    /** The resources and scopes of one evaluation, decoded from the interned heads on first use. */
    private static final class Decoded {
        private final Origins.Scope[] origins;
        private final ResourceSpans[] resources;
        private final ScopeSpans[] scopes;

        Decoded(Origins.Scope[] origins) {
            this.origins = origins;
            this.resources = new ResourceSpans[origins.length];
            this.scopes = new ScopeSpans[origins.length];
        }

        ResourceSpans resource(int origin) {
            if (resources[origin] == null) {
                resources[origin] = sameResource(origin);
            }
            return resources[origin];
        }

        ScopeSpans scope(int origin) {
            if (scopes[origin] == null) {
                byte[] head = origins[origin].head;
                scopes[origin] = parse(ScopeSpans.parser(), head, 0, head.length);
            }
            return scopes[origin];
        }

        /** Scopes of one resource share its decoded copy. */
        private ResourceSpans sameResource(int origin) {
            Origins.Resource wanted = origins[origin].resource;
            for (int i = 0; i < origins.length; i++) {
                if (resources[i] != null && origins[i].resource == wanted) {
                    return resources[i];
                }
            }
            return parse(ResourceSpans.parser(), wanted.head, 0, wanted.head.length);
        }
    }
}
