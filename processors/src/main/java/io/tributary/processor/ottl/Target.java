package io.tributary.processor.ottl;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * What a condition is evaluated against, for every signal: the resource, the scope, the item (a
 * {@code Span}, {@code Metric} or {@code LogRecord}) and the item's part (a {@code Span.Event} or
 * one of the metric's data points). The fields deeper than the condition's context may be null.
 */
record Target(Resource resource, InstrumentationScope scope, Message item, Message part) {
}
