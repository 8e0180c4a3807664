package io.tributary.processor.filter;

import io.tributary.processor.ottl.ResourceCondition;
import io.tributary.processor.ottl.SpanCondition;
import io.tributary.processor.ottl.SpanEventCondition;
import java.util.List;

/**
 * The {@code traces} section: OTTL conditions by context; a resource, span or span event that
 * matches any condition of its list is dropped. Each condition is parsed when the config is bound.
 */
record TracesConfig(List<ResourceCondition> resource, List<SpanCondition> span, List<SpanEventCondition> spanevent) {
    static final TracesConfig DEFAULT = new TracesConfig(List.of(), List.of(), List.of());

    TracesConfig {
        resource = resource == null ? List.of() : List.copyOf(resource);
        span = span == null ? List.of() : List.copyOf(span);
        spanevent = spanevent == null ? List.of() : List.copyOf(spanevent);
    }

    boolean isSet() {
        return !resource.isEmpty() || !span.isEmpty() || !spanevent.isEmpty();
    }
}
