package io.tributary.processor.filter;

import io.tributary.processor.filterset.GoRegex;
import io.tributary.processor.filterset.RegexpConfig;
import io.tributary.processor.filterspan.MatchProperties.Attribute;
import java.util.List;

/**
 * The {@code metrics} section of otelcol's filterprocessor: legacy {@code include}/{@code exclude}
 * matching on metric names, or OTTL conditions of the resource, metric and datapoint contexts.
 * Tributary carries traces only: the section is bound and checked (patterns compile, conditions
 * parse, the two styles are not mixed) so that otelcol configs load, and filters nothing.
 */
record MetricFilters(
        MetricMatch include,
        MetricMatch exclude,
        RegexpConfig regexp,
        List<SyntaxCheckedCondition> resource,
        List<SyntaxCheckedCondition> metric,
        List<SyntaxCheckedCondition> datapoint) {
    static final MetricFilters DEFAULT = new MetricFilters(null, null, null, null, null, null);

    MetricFilters {
        resource = resource == null ? List.of() : List.copyOf(resource);
        metric = metric == null ? List.of() : List.copyOf(metric);
        datapoint = datapoint == null ? List.of() : List.copyOf(datapoint);
        if ((!resource.isEmpty() || !metric.isEmpty() || !datapoint.isEmpty()) && (include != null || exclude != null)) {
            throw new IllegalArgumentException("cannot use \"metrics.resource\", \"metrics.metric\", \"metrics.datapoint\" and the "
                    + "settings \"metrics.include\", \"metrics.exclude\" at the same time");
        }
    }

    boolean isSet() {
        return !resource.isEmpty() || !metric.isEmpty() || !datapoint.isEmpty() || include != null || exclude != null;
    }

    /** otelcol's match types for metric names; {@code expr} takes {@code expressions} (antonmedv/expr), kept as text. */
    enum MetricMatchType { STRICT, REGEXP, EXPR }

    /** One {@code include} or {@code exclude} (otelcol's filterconfig.MetricMatchProperties). */
    record MetricMatch(
            MetricMatchType matchType,
            RegexpConfig regexp,
            List<String> metricNames,
            List<String> expressions,
            List<Attribute> resourceAttributes) {
        MetricMatch {
            metricNames = metricNames == null ? List.of() : List.copyOf(metricNames);
            expressions = expressions == null ? List.of() : List.copyOf(expressions);
            resourceAttributes = resourceAttributes == null ? List.of() : List.copyOf(resourceAttributes);
            if (matchType == null) {
                throw new IllegalArgumentException("match_type is required: strict, regexp or expr");
            }
            if (matchType == MetricMatchType.REGEXP) {
                metricNames.forEach(GoRegex::compile);
            }
        }
    }
}
