package io.tributary.processor.ottl;

import io.tributary.core.data.Signal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OTTL contexts of otelcol's filter: a resource holds scopes, a scope holds spans, metrics or
 * log records, a span holds span events and a metric data points. A condition in a context reads
 * its own fields and those of the contexts it lies in ({@code span} conditions read
 * {@code resource.attributes}, {@code datapoint} ones {@code metric.name}).
 */
public enum OttlContext {
    RESOURCE(null),
    SCOPE(RESOURCE),
    SPAN(SCOPE),
    SPANEVENT(SPAN),
    METRIC(SCOPE),
    DATAPOINT(METRIC),
    LOG(SCOPE);

    /** otelcol's order for inferring a condition's context: the first one its paths name wins. */
    static final List<OttlContext> INFERENCE_PRIORITY = List.of(LOG, DATAPOINT, METRIC, SPANEVENT, SPAN, SCOPE, RESOURCE);

    private final OttlContext parent;

    OttlContext(OttlContext parent) {
        this.parent = parent;
    }

    /** The contexts of a signal's data, as otelcol's filter offers them for it. */
    public static Set<OttlContext> of(Signal<?> signal) {
        if (signal == Signal.TRACES) {
            return EnumSet.of(RESOURCE, SCOPE, SPAN, SPANEVENT);
        }
        return signal == Signal.METRICS ? EnumSet.of(RESOURCE, SCOPE, METRIC, DATAPOINT) : EnumSet.of(RESOURCE, SCOPE, LOG);
    }

    /** The name a path starts with to address this context, and the {@code context:} key's value. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How deep its data lies: 0 for a resource, 1 for a scope, 2 for an item (span, metric, log record), 3 for an item's part. */
    public int depth() {
        return parent == null ? 0 : parent.depth() + 1;
    }

    /** Whether a condition of this context can read {@code other}'s fields: it is this context or one it lies in. */
    public boolean reaches(OttlContext other) {
        for (OttlContext context = this; context != null; context = context.parent) {
            if (context == other) {
                return true;
            }
        }
        return false;
    }

    /** The context a path's first segment names, or null: {@code instrumentation_scope} is the older name of {@code scope}. */
    static OttlContext named(String segment) {
        return switch (segment) {
            case "resource" -> RESOURCE;
            case "scope", "instrumentation_scope" -> SCOPE;
            case "span" -> SPAN;
            case "spanevent" -> SPANEVENT;
            case "metric" -> METRIC;
            case "datapoint" -> DATAPOINT;
            case "log" -> LOG;
            default -> null;
        };
    }
}
