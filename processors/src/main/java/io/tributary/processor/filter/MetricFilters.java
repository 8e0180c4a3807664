package io.tributary.processor.filter;

import io.tributary.processor.filterset.GoRegex;
import io.tributary.processor.filterset.RegexpConfig;
import io.tributary.processor.filtermatch.MatchProperties.Attribute;
import io.tributary.processor.ottl.DataPointCondition;
import io.tributary.processor.ottl.MetricCondition;
import io.tributary.processor.ottl.ResourceCondition;
import java.util.List;

/**
 * The {@code metrics} section of otelcol's filterprocessor: legacy {@code include}/{@code exclude}
 * matching on metric names and resource attributes, or OTTL conditions of the resource, metric
 * and datapoint contexts (not both). The section-level {@code regexp} is accepted and unused, as
 * in otelcol (each match section has its own).
 */
record MetricFilters(
        MetricMatch include,
        MetricMatch exclude,
        RegexpConfig regexp,
        List<ResourceCondition> resource,
        List<MetricCondition> metric,
        List<DataPointCondition> datapoint) {
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
        return hasConditions() || include != null || exclude != null;
    }

    boolean hasConditions() {
        return !resource.isEmpty() || !metric.isEmpty() || !datapoint.isEmpty();
    }

    /**
     * otelcol's match types for metric names; {@code expr} takes {@code expressions} in the
     * antonmedv/expr language, which Tributary does not evaluate: refused in a metrics pipeline.
     */
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
