package io.tributary.connector.servicegraph;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The cumulative request counts and latency histograms per edge series (client, server,
 * connection type, failed, dimensions), and the metrics otelcol's connector makes of them.
 * Not thread-safe: the connector holds its lock around every call.
 */
final class ServiceGraphSeries {
    static final String SCOPE_NAME = "traces_service_graph";
    /** otelcol forgets a series no edge has updated for this long. */
    static final long STALE_AFTER_MILLIS = 15 * 60 * 1000;
    /** otelcol's metric key separator. */
    private static final char SEPARATOR = '\0';
    private static final String SECONDS = "s";

    private final List<String> dimensions;
    private final boolean virtualNodeLabel;
    private final Supplier<Latencies> latencies;
    private final Map<String, Series> series = new LinkedHashMap<>();

    ServiceGraphSeries(List<String> dimensions, boolean virtualNodeLabel, Supplier<Latencies> latencies) {
        this.dimensions = dimensions;
        this.virtualNodeLabel = virtualNodeLabel;
        this.latencies = latencies;
    }

    private final class Series {
        /** The labels of the last edge recorded: otelcol overwrites them with each edge of the series. */
        List<KeyValue> attributes;
        long lastUpdatedMillis;
        long requests;
        long failedRequests;
        final Latencies server = latencies.get();
        final Latencies client = latencies.get();
    }

    /** Counts a completed edge's request in its series. */
    void record(Edge edge, long nowMillis) {
        Series one = series.computeIfAbsent(key(edge), k -> new Series());
        one.attributes = attributes(edge);
        one.lastUpdatedMillis = nowMillis;
        one.requests++;
        if (edge.failed) {
            one.failedRequests++;
        }
        one.server.record(edge.serverLatencySeconds);
        one.client.record(edge.clientLatencySeconds);
    }

    /** otelcol's metric key: the labels joined with NUL, the dimensions as {@code <side>_<name>_<value>}. */
    private String key(Edge edge) {
        StringBuilder key = new StringBuilder(64).append(edge.clientService).append(SEPARATOR).append(edge.serverService)
                .append(SEPARATOR).append(edge.connectionType).append(SEPARATOR).append(edge.failed);
        for (int i = 0; i < dimensions.size(); i++) {
            appendDimension(key, "client_", i, edge.clientDimensions[i]);
            appendDimension(key, "server_", i, edge.serverDimensions[i]);
        }
        return key.toString();
    }

    private void appendDimension(StringBuilder key, String side, int index, String value) {
        if (value != null) {
            key.append(SEPARATOR).append(side).append(dimensions.get(index)).append('_').append(value);
        }
    }

    private List<KeyValue> attributes(Edge edge) {
        List<KeyValue> attributes = new ArrayList<>(5 + 2 * dimensions.size());
        attributes.add(string("client", edge.clientService));
        attributes.add(string("server", edge.serverService));
        attributes.add(string("connection_type", edge.connectionType));
        attributes.add(KeyValue.newBuilder().setKey("failed").setValue(AnyValue.newBuilder().setBoolValue(edge.failed)).build());
        for (int i = 0; i < dimensions.size(); i++) {
            if (edge.clientDimensions[i] != null) {
                attributes.add(string("client_" + dimensions.get(i), edge.clientDimensions[i]));
            }
            if (edge.serverDimensions[i] != null) {
                attributes.add(string("server_" + dimensions.get(i), edge.serverDimensions[i]));
            }
        }
        if (virtualNodeLabel) {
            attributes.add(string("virtual_node", edge.virtualNode));
        }
        return attributes;
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /** Forgets the series no edge has updated for {@link #STALE_AFTER_MILLIS}. */
    void removeStale(long nowMillis) {
        Iterator<Series> all = series.values().iterator();
        while (all.hasNext()) {
            if (all.next().lastUpdatedMillis + STALE_AFTER_MILLIS < nowMillis) {
                all.remove();
            }
        }
    }

    int size() {
        return series.size();
    }

    /**
     * Every series' cumulative values as otelcol's connector writes them: request counts, failed
     * request counts (series with failures only), server then client latency histograms
     * (explicit or exponential), in seconds; one resource without attributes, one scope. Null when there is no series.
     */
    ExportMetricsServiceRequest metrics(long startNanos, long timeNanos) {
        if (series.isEmpty()) {
            return null;
        }
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName(SCOPE_NAME));
        scope.addMetrics(count("traces_service_graph_request_total", one -> one.requests, startNanos, timeNanos));
        if (series.values().stream().anyMatch(one -> one.failedRequests > 0)) {
            scope.addMetrics(count("traces_service_graph_request_failed_total", one -> one.failedRequests, startNanos, timeNanos));
        }
        scope.addMetrics(latency("traces_service_graph_request_server", one -> one.server, startNanos, timeNanos));
        scope.addMetrics(latency("traces_service_graph_request_client", one -> one.client, startNanos, timeNanos));
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(Resource.getDefaultInstance()).addScopeMetrics(scope))
                .build();
    }

    /** A monotonic cumulative sum with a point per series that has counted anything. */
    private Metric count(String name, ToLongFunction<Series> value, long startNanos, long timeNanos) {
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (Series one : series.values()) {
            long counted = value.applyAsLong(one);
            if (counted > 0) {
                sum.addDataPoints(NumberDataPoint.newBuilder().addAllAttributes(one.attributes)
                        .setStartTimeUnixNano(startNanos).setTimeUnixNano(timeNanos).setAsInt(counted));
            }
        }
        return Metric.newBuilder().setName(name).setSum(sum).build();
    }

    private Metric latency(String name, Function<Series, Latencies> side, long startNanos, long timeNanos) {
        Metric.Builder metric = Metric.newBuilder().setName(name).setUnit(SECONDS);
        for (Series one : series.values()) {
            side.apply(one).addPoint(metric, one.attributes, startNanos, timeNanos);
        }
        return metric.build();
    }
}
