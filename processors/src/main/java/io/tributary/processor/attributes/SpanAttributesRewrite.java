package io.tributary.processor.attributes;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.processor.attributes.actions.AttributeActions;
import io.tributary.processor.filterspan.SpanMatcher;
import java.util.List;
import java.util.function.UnaryOperator;

/** Applies the actions to the attributes of each selected span; builds new messages only along the path of a change. */
final class SpanAttributesRewrite implements UnaryOperator<ResourceSpans> {
    private final AttributeActions actions;
    private final SpanMatcher matcher;

    SpanAttributesRewrite(AttributeActions actions, SpanMatcher matcher) {
        this.actions = actions;
        this.matcher = matcher;
    }

    @Override
    public ResourceSpans apply(ResourceSpans resourceSpans) {
        Resource resource = resourceSpans.getResource();
        ResourceSpans.Builder changed = null;
        for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
            ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
            ScopeSpans rewritten = rewrite(resource, scopeSpans);
            if (rewritten != scopeSpans) {
                if (changed == null) {
                    changed = resourceSpans.toBuilder();
                }
                changed.setScopeSpans(s, rewritten);
            }
        }
        return changed == null ? resourceSpans : changed.build();
    }

    private ScopeSpans rewrite(Resource resource, ScopeSpans scopeSpans) {
        InstrumentationScope scope = scopeSpans.getScope();
        ScopeSpans.Builder changed = null;
        for (int k = 0; k < scopeSpans.getSpansCount(); k++) {
            Span span = scopeSpans.getSpans(k);
            if (!matcher.selects(resource, scope, span)) {
                continue;
            }
            List<KeyValue> attributes = span.getAttributesList();
            List<KeyValue> rewritten = actions.apply(attributes);
            if (rewritten != attributes) {
                if (changed == null) {
                    changed = scopeSpans.toBuilder();
                }
                changed.setSpans(k, span.toBuilder().clearAttributes().addAllAttributes(rewritten));
            }
        }
        return changed == null ? scopeSpans : changed.build();
    }
}
