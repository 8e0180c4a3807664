package io.tributary.exporter.prometheus;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.tributary.exporter.prometheus.PrometheusExporterConfig.ResourceToTelemetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * otelcol's {@code resource_to_telemetry_conversion}: the resource's attributes copied onto every
 * data point, a resource attribute replacing a point attribute of the same key (in its place).
 */
final class ResourceToTelemetryConversion {
    private static final Set<String> SERVICE_ATTRIBUTES =
            Set.of(Accumulator.SERVICE_NAME, Accumulator.SERVICE_NAMESPACE, Accumulator.SERVICE_INSTANCE_ID);

    private ResourceToTelemetryConversion() {
    }

    static ResourceMetrics apply(ResourceToTelemetry settings, ResourceMetrics resourceMetrics) {
        if (!settings.enabled()) {
            return resourceMetrics;
        }
        List<KeyValue> added = resourceMetrics.getResource().getAttributesList().stream()
                .filter(kv -> !settings.excludeServiceAttributes() || !SERVICE_ATTRIBUTES.contains(kv.getKey())).toList();
        ResourceMetrics.Builder converted = resourceMetrics.toBuilder();
        for (ScopeMetrics.Builder scope : converted.getScopeMetricsBuilderList()) {
            for (Metric.Builder metric : scope.getMetricsBuilderList()) {
                switch (metric.getDataCase()) {
                    case GAUGE -> metric.getGaugeBuilder().getDataPointsBuilderList()
                            .forEach(p -> setAll(p.getAttributesList(), added, p::clearAttributes, p::addAllAttributes));
                    case SUM -> metric.getSumBuilder().getDataPointsBuilderList()
                            .forEach(p -> setAll(p.getAttributesList(), added, p::clearAttributes, p::addAllAttributes));
                    case HISTOGRAM -> metric.getHistogramBuilder().getDataPointsBuilderList()
                            .forEach(p -> setAll(p.getAttributesList(), added, p::clearAttributes, p::addAllAttributes));
                    case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogramBuilder().getDataPointsBuilderList()
                            .forEach(p -> setAll(p.getAttributesList(), added, p::clearAttributes, p::addAllAttributes));
                    case SUMMARY -> metric.getSummaryBuilder().getDataPointsBuilderList()
                            .forEach(p -> setAll(p.getAttributesList(), added, p::clearAttributes, p::addAllAttributes));
                    case DATA_NOT_SET -> {
                    }
                }
            }
        }
        return converted.build();
    }

    /** Replaces a point's attributes (through its builder's {@code clear} and {@code addAll}) with them joined by the resource's. */
    private static void setAll(List<KeyValue> point, List<KeyValue> resource, Runnable clear, Consumer<List<KeyValue>> addAll) {
        Map<String, KeyValue> byKey = new LinkedHashMap<>();
        point.forEach(kv -> byKey.putIfAbsent(kv.getKey(), kv));
        resource.forEach(kv -> byKey.put(kv.getKey(), kv));
        List<KeyValue> joined = List.copyOf(byKey.values());
        clear.run();
        addAll.accept(joined);
    }
}
