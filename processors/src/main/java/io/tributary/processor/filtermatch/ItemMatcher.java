package io.tributary.processor.filtermatch;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/** One compiled match section for items of type {@code T} (a span, log record or metric), told the item's resource and scope. */
@FunctionalInterface
interface ItemMatcher<T> {
    boolean matches(Resource resource, InstrumentationScope scope, T item);
}
