package io.tributary.processor.filtermatch;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.processor.filterset.StringSet;

/**
 * One match section compiled for metrics, as otelcol's filtermetric name matcher: only
 * {@code metric_names} is matched. otelcol accepts {@code resources} for metrics and carries it
 * along as resource attributes, but its matcher never reads them, so a section without metric
 * names is as if it were absent.
 */
final class MetricMatcher implements ItemMatcher<Metric> {
    private final StringSet names;

    private MetricMatcher(StringSet names) {
        this.names = names;
    }

    /** Null when the section names no metrics. */
    static MetricMatcher of(MatchProperties section) {
        StringSet names = PropertiesMatcher.names(section.metricNames(), section.matchType());
        return names == null ? null : new MetricMatcher(names);
    }

    @Override
    public boolean matches(Resource resource, InstrumentationScope scope, Metric metric) {
        return names.matches(metric.getName());
    }
}
