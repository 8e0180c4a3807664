package io.tributary.connector.spanmetrics;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the series out at a flush as otelcol does: one {@code ResourceMetrics} per resource with
 * its attributes, one scope {@code spanmetricsconnector}, and the metrics {@code <namespace>.calls}
 * (monotonic sum), {@code <namespace>.duration} (histogram in the unit, unless disabled) and
 * {@code <namespace>.events} (monotonic sum, when enabled), each with every series of the
 * resource, even none. A cumulative point runs from the series' start; a delta point from the
 * last flush that wrote its key (remembered for {@code metric_timestamp_cache_size} keys, least
 * recently used forgotten first), else from the series' start. As in otelcol, that memory is keyed
 * by the series key alone, so resources sharing a key share it.
 */
final class MetricsBuilder {
    static final String SCOPE_NAME = "spanmetricsconnector";

    private final boolean delta;
    private final AggregationTemporality temporality;
    private final String callsName;
    private final String durationName;
    private final String eventsName;
    private final String unit;
    private final boolean exponential;
    private final boolean events;
    private final Map<BytesKey, Long> lastDeltaTimestamps;

    MetricsBuilder(SpanMetricsConfig config) {
        delta = config.delta();
        temporality = delta ? AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                : AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
        String prefix = config.namespace().isEmpty() ? "" : config.namespace() + ".";
        callsName = prefix + "calls";
        durationName = prefix + "duration";
        eventsName = prefix + "events";
        unit = config.histogram().unit().text;
        exponential = config.histogram().exponential() != null;
        events = config.events().enabled();
        int cacheSize = config.timestampCacheSize();
        lastDeltaTimestamps = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<BytesKey, Long> eldest) {
                return size() > cacheSize;
            }
        };
    }

    ExportMetricsServiceRequest build(List<ResourceSeries> resources, long nowUnixNano) {
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        for (ResourceSeries resource : resources) {
            List<BytesKey> written = new ArrayList<>();
            ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName(SCOPE_NAME));
            Metric.Builder calls = Metric.newBuilder().setName(callsName);
            calls.getSumBuilder().setIsMonotonic(true).setAggregationTemporality(temporality);
            write(resource.calls, calls, nowUnixNano, written);
            scope.addMetrics(calls);
            if (resource.durations != null) {
                Metric.Builder durations = Metric.newBuilder().setName(durationName).setUnit(unit);
                if (exponential) {
                    durations.getExponentialHistogramBuilder().setAggregationTemporality(temporality);
                } else {
                    durations.getHistogramBuilder().setAggregationTemporality(temporality);
                }
                write(resource.durations, durations, nowUnixNano, written);
                scope.addMetrics(durations);
            }
            if (events) {
                Metric.Builder eventCounts = Metric.newBuilder().setName(eventsName);
                eventCounts.getSumBuilder().setIsMonotonic(true).setAggregationTemporality(temporality);
                write(resource.events, eventCounts, nowUnixNano, written);
                scope.addMetrics(eventCounts);
            }
            // after the resource's three metrics, which may share keys, as otelcol
            for (BytesKey key : written) {
                lastDeltaTimestamps.put(key, nowUnixNano);
            }
            request.addResourceMetrics(ResourceMetrics.newBuilder()
                    .setResource(Resource.newBuilder().addAllAttributes(resource.attributes))
                    .addScopeMetrics(scope));
        }
        return request.build();
    }

    private void write(SeriesTable<? extends Series> table, Metric.Builder metric, long nowUnixNano, List<BytesKey> written) {
        table.series().forEach((key, series) -> {
            long start = series.startUnixNano;
            if (delta) {
                Long last = lastDeltaTimestamps.get(key);
                if (last != null) {
                    start = last;
                }
                written.add(key);
            }
            series.writePoint(metric, start, nowUnixNano, !delta);
        });
    }
}
