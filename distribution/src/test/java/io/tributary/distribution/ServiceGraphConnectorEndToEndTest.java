package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The {@code servicegraph} connector as users run it: two services traced with the OpenTelemetry
 * SDK, the frontend calling the backend with the trace context propagated as W3C headers, the
 * backend querying a database and the frontend an uninstrumented payments service; their spans
 * go to the otlp receiver, a traces pipeline exports them to the connector, and a metrics pipeline
 * sends the service graph on to an OTLP backend.
 */
class ServiceGraphConnectorEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long MILLIS = 1_000_000;
    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    @Test
    void twoTracedServicesBecomeAServiceGraph() throws Exception {
        try (OtlpBackend backend = OtlpBackend.start();
             DaemonHarness daemon = new DaemonHarness("""
                     receivers:
                       otlp:
                         protocols:
                           grpc:
                             endpoint: 127.0.0.1:0
                     connectors:
                       servicegraph:
                         store_expiration_loop: 100ms
                         metrics_flush_interval: 100ms
                     exporters:
                       otlp:
                         endpoint: 127.0.0.1:%d
                         tls: {insecure: true}
                     service:
                       telemetry:
                         metrics:
                           address: 127.0.0.1:0
                       pipelines:
                         traces:
                           receivers: [otlp]
                           exporters: [servicegraph]
                         metrics:
                           receivers: [servicegraph]
                           exporters: [otlp]
                     """.formatted(backend.port()))) {
            long start = System.currentTimeMillis() * MILLIS;
            Map<String, String> headers = new HashMap<>();
            DaemonHarness.send(daemon.grpcExporter("otlp").build(), service("frontend"), tracer -> {
                Span checkout = tracer.spanBuilder("GET /checkout").setSpanKind(SpanKind.CLIENT)
                        .setStartTimestamp(start, TimeUnit.NANOSECONDS).startSpan();
                W3CTraceContextPropagator.getInstance().inject(Context.root().with(checkout), headers, Map::put);
                tracer.spanBuilder("POST /pay").setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(checkout))
                        .setAttribute("peer.service", "payments").setStartTimestamp(start + 45 * MILLIS, TimeUnit.NANOSECONDS)
                        .startSpan().end(start + 48 * MILLIS, TimeUnit.NANOSECONDS);
                checkout.end(start + 50 * MILLIS, TimeUnit.NANOSECONDS);
            });
            DaemonHarness.send(daemon.grpcExporter("otlp").build(), service("backend"), tracer -> {
                Context caller = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
                Span handle = tracer.spanBuilder("GET /checkout").setSpanKind(SpanKind.SERVER).setParent(caller)
                        .setStartTimestamp(start + 10 * MILLIS, TimeUnit.NANOSECONDS).startSpan();
                tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(handle))
                        .setAttribute("db.system", "postgresql").setAttribute("db.name", "orders")
                        .setStartTimestamp(start + 12 * MILLIS, TimeUnit.NANOSECONDS).startSpan()
                        .end(start + 20 * MILLIS, TimeUnit.NANOSECONDS);
                handle.setStatus(StatusCode.ERROR);
                handle.end(start + 40 * MILLIS, TimeUnit.NANOSECONDS);
            });

            // the payments call has no server span: it becomes an edge to a virtual node once it expires
            // (the default ttl of 2s leaves the two services' exports time to meet on a loaded machine)
            Await.until(() -> requestCounts(latest(backend)).size() == 3, WAIT,
                    () -> "expected three edges, the last flush has " + requestCounts(latest(backend)));
            ExportMetricsServiceRequest graph = latest(backend);

            assertThat(requestCounts(graph)).containsOnly(
                    Map.entry("frontend->backend (, failed=true)", 1L),
                    Map.entry("backend->orders (database, failed=false)", 1L),
                    Map.entry("frontend->payments (virtual_node, failed=false)", 1L));
            assertThat(metric(graph, "traces_service_graph_request_failed_total").getSum().getDataPointsList()).singleElement()
                    .satisfies(point -> assertThat(labels(point.getAttributesList())).containsEntry("server", "backend"));
            assertThat(latency(graph, "traces_service_graph_request_server", "backend").getSum()).isEqualTo(0.03);
            assertThat(latency(graph, "traces_service_graph_request_client", "backend").getSum()).isEqualTo(0.05);
            assertThat(latency(graph, "traces_service_graph_request_server", "orders").getSum()).isEqualTo(0.008);
            assertThat(metric(graph, "traces_service_graph_request_server").getUnit()).isEqualTo("s");
            assertThat(daemon.metric("otelcol_connector_servicegraph_total_edges")).isEqualTo(3);
            assertThat(daemon.metric("otelcol_connector_servicegraph_expired_edges")).isEqualTo(1);
            assertThat(daemon.metric("otelcol_connector_servicegraph_dropped_spans")).isZero();
        }
    }

    private static Attributes service(String name) {
        return Attributes.of(AttributeKey.stringKey("service.name"), name);
    }

    private static ExportMetricsServiceRequest latest(OtlpBackend backend) {
        List<ExportMetricsServiceRequest> requests = backend.metricsRequests();
        return requests.isEmpty() ? ExportMetricsServiceRequest.getDefaultInstance() : requests.get(requests.size() - 1);
    }

    private static Map<String, Long> requestCounts(ExportMetricsServiceRequest request) {
        if (request.getResourceMetricsCount() == 0) {
            return Map.of();
        }
        return metric(request, "traces_service_graph_request_total").getSum().getDataPointsList().stream()
                .collect(Collectors.toMap(point -> {
                    Map<String, String> labels = labels(point.getAttributesList());
                    return labels.get("client") + "->" + labels.get("server") + " (" + labels.get("connection_type") + ", failed="
                            + labels.get("failed") + ")";
                }, NumberDataPoint::getAsInt));
    }

    private static HistogramDataPoint latency(ExportMetricsServiceRequest request, String name, String server) {
        return metric(request, name).getHistogram().getDataPointsList().stream()
                .filter(point -> server.equals(labels(point.getAttributesList()).get("server"))).findFirst().orElseThrow();
    }

    private static Metric metric(ExportMetricsServiceRequest request, String name) {
        return request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
                .filter(metric -> metric.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Map<String, String> labels(List<KeyValue> attributes) {
        Map<String, String> labels = new LinkedHashMap<>();
        attributes.forEach(attribute -> labels.put(attribute.getKey(), attribute.getValue().hasBoolValue()
                ? Boolean.toString(attribute.getValue().getBoolValue()) : attribute.getValue().getStringValue()));
        return labels;
    }
}
