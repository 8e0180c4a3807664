package io.tributary.processor.ottl;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** What a condition is evaluated against; the fields deeper than the condition's context may be null. */
record Target(ResourceSpans resource, ScopeSpans scope, Span span, Span.Event event) {
}
