package io.tributary.connector.servicegraph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.Recording;
import io.tributary.testkit.TestContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The connector fed encoded requests as a traces pipeline hands them on, with a manual clock and
 * its loops (flush, store expiry, stale series) called directly.
 */
class ServiceGraphConnectorTest {
    private static final long START = ManualClock.START.getEpochSecond() * 1_000_000_000L;
    private static final List<Double> DEFAULT_BOUNDS = Arrays.stream(ServiceGraphConnector.DEFAULT_BOUNDS).boxed().toList();

    private final ManualClock clock = new ManualClock();
    private final Telemetry telemetry = new Telemetry();
    private final Recording<Metrics> out = Recording.create();
    private int nextId = 1;

    @Test
    void pairsAClientAndAServerSpanOfOneRequestIntoOneEdge() {
        ServiceGraphConnector connector = connector("{}");
        ByteString trace = id(16);
        ByteString call = id(8);

        connector.consume(request(
                resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, trace, call, ByteString.EMPTY, 50)),
                resource("backend", span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), call, 30))));
        clock.advance(Duration.ofSeconds(60));
        connector.flush();

        List<ResourceMetrics> flushed = lastFlush();
        assertThat(flushed).hasSize(1);
        assertThat(flushed.get(0).getResource()).isEqualTo(Resource.getDefaultInstance());
        assertThat(flushed.get(0).getScopeMetricsList()).hasSize(1);
        assertThat(flushed.get(0).getScopeMetrics(0).getScope().getName()).isEqualTo("traces_service_graph");
        assertThat(flushed.get(0).getScopeMetrics(0).getMetricsList()).extracting(Metric::getName).containsExactly(
                "traces_service_graph_request_total", "traces_service_graph_request_server", "traces_service_graph_request_client");

        Metric total = metric("traces_service_graph_request_total");
        assertThat(total.getUnit()).isEmpty();
        assertThat(total.getSum().getIsMonotonic()).isTrue();
        assertThat(total.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        NumberDataPoint requests = total.getSum().getDataPoints(0);
        assertThat(requests.getAsInt()).isEqualTo(1);
        assertThat(requests.getStartTimeUnixNano()).isEqualTo(START);
        assertThat(requests.getTimeUnixNano()).isEqualTo(START + Duration.ofSeconds(60).toNanos());
        assertThat(requests.getAttributesList()).containsExactly(string("client", "frontend"), string("server", "backend"),
                string("connection_type", ""), KeyValue.newBuilder().setKey("failed").setValue(AnyValue.newBuilder().setBoolValue(false)).build());

        Metric server = metric("traces_service_graph_request_server");
        assertThat(server.getUnit()).isEqualTo("s");
        assertThat(server.getHistogram().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        HistogramDataPoint serverLatency = server.getHistogram().getDataPoints(0);
        assertThat(serverLatency.getExplicitBoundsList()).isEqualTo(DEFAULT_BOUNDS);
        assertThat(serverLatency.getAttributesList()).isEqualTo(requests.getAttributesList());
        assertThat(serverLatency.getStartTimeUnixNano()).isEqualTo(START);
        assertThat(serverLatency.getTimeUnixNano()).isEqualTo(START + Duration.ofSeconds(60).toNanos());
        assertThat(serverLatency.getCount()).isEqualTo(1);
        assertThat(serverLatency.getSum()).isEqualTo(0.03);
        assertThat(serverLatency.getBucketCountsList()).isEqualTo(oneIn(5, DEFAULT_BOUNDS.size() + 1));
        // 50 ms is a bound: bounds are inclusive upper limits, as otelcol's search puts it
        HistogramDataPoint clientLatency = metric("traces_service_graph_request_client").getHistogram().getDataPoints(0);
        assertThat(clientLatency.getSum()).isEqualTo(0.05);
        assertThat(clientLatency.getBucketCountsList()).isEqualTo(oneIn(5, DEFAULT_BOUNDS.size() + 1));
        assertThat(connector.heldEdges()).isZero();
        assertThat(counter("total_edges")).isEqualTo(1);
    }

    @Test
    void pairsSpansThatArriveInDifferentRequestsInEitherOrder() {
        ServiceGraphConnector connector = connector("{}");
        ByteString firstTrace = id(16);
        ByteString firstCall = id(8);
        ByteString secondTrace = id(16);
        ByteString secondCall = id(8);

        // the server span of the first request comes before its client span, the second the other way round
        connector.consume(request(resource("backend", span(Span.SpanKind.SPAN_KIND_SERVER, firstTrace, id(8), firstCall, 10))));
        connector.consume(request(resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, secondTrace, secondCall, ByteString.EMPTY, 20))));
        assertThat(connector.heldEdges()).isEqualTo(2);
        connector.consume(request(resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, firstTrace, firstCall, ByteString.EMPTY, 20))));
        connector.consume(request(resource("backend", span(Span.SpanKind.SPAN_KIND_SERVER, secondTrace, id(8), secondCall, 10))));
        connector.flush();

        assertThat(connector.heldEdges()).isZero();
        assertThat(metric("traces_service_graph_request_total").getSum().getDataPointsList())
                .singleElement().satisfies(point -> {
                    assertThat(point.getAsInt()).isEqualTo(2);
                    assertThat(labels(point.getAttributesList())).containsEntry("client", "frontend").containsEntry("server", "backend");
                });
        assertThat(counter("total_edges")).isEqualTo(2);
    }

    @Test
    void countsEachEdgeSeriesApartAcrossManyBatchesAndFlushesCumulatively() {
        ServiceGraphConnector connector = connector("{}");
        for (int i = 0; i < 3; i++) {
            ByteString trace = id(16);
            ByteString toCart = id(8);
            ByteString toStock = id(8);
            connector.consume(request(resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, trace, toCart, ByteString.EMPTY, 5))));
            connector.consume(request(resource("cart",
                    span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), toCart, 4),
                    span(Span.SpanKind.SPAN_KIND_CLIENT, trace, toStock, ByteString.EMPTY, 2))));
            connector.consume(request(resource("stock", span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), toStock, 1))));
            if (i == 0) {
                connector.flush();
            }
        }
        connector.flush();

        assertThat(out.batches()).hasSize(2);
        assertThat(requestCounts(out.batches().get(0))).containsExactly(Map.entry("frontend->cart", 1L), Map.entry("cart->stock", 1L));
        assertThat(requestCounts(out.batches().get(1))).containsExactly(Map.entry("frontend->cart", 3L), Map.entry("cart->stock", 3L));
    }

    @Test
    void aRequestFailsWhenEitherSideHasAnErrorStatus() {
        ServiceGraphConnector connector = connector("{}");
        ByteString trace = id(16);
        ByteString failingServer = id(8);
        ByteString failingClient = id(8);
        ByteString fine = id(8);
        connector.consume(request(
                resource("frontend",
                        span(Span.SpanKind.SPAN_KIND_CLIENT, trace, failingServer, ByteString.EMPTY, 5),
                        failed(span(Span.SpanKind.SPAN_KIND_CLIENT, trace, failingClient, ByteString.EMPTY, 5)),
                        span(Span.SpanKind.SPAN_KIND_CLIENT, trace, fine, ByteString.EMPTY, 5)),
                resource("backend",
                        failed(span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), failingServer, 5)),
                        span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), failingClient, 5),
                        span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), fine, 5))));
        connector.flush();

        // failed is a label: the failed and the fine requests are two series, and only the failed one has a failure count
        assertThat(metric("traces_service_graph_request_total").getSum().getDataPointsList())
                .extracting(point -> labels(point.getAttributesList()).get("failed"), NumberDataPoint::getAsInt)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("true", 2L), org.assertj.core.groups.Tuple.tuple("false", 1L));
        assertThat(metric("traces_service_graph_request_failed_total").getSum().getDataPointsList()).singleElement().satisfies(point -> {
            assertThat(point.getAsInt()).isEqualTo(2);
            assertThat(labels(point.getAttributesList())).containsEntry("failed", "true");
        });
    }

    @Test
    void bucketsLatenciesExactlyInTheConfiguredBounds() {
        ServiceGraphConnector connector = connector("latency_histogram_buckets: [100ms, 250ms, 1s]");
        long[] serverMillis = {100, 101, 250, 999, 1000, 1001};
        for (long millis : serverMillis) {
            ByteString trace = id(16);
            ByteString call = id(8);
            connector.consume(request(
                    resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, trace, call, ByteString.EMPTY, 2000)),
                    resource("backend", span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), call, millis))));
        }
        connector.flush();

        HistogramDataPoint server = metric("traces_service_graph_request_server").getHistogram().getDataPoints(0);
        assertThat(server.getExplicitBoundsList()).containsExactly(0.1, 0.25, 1.0);
        // (-inf, 0.1], (0.1, 0.25], (0.25, 1], (1, +inf)
        assertThat(server.getBucketCountsList()).containsExactly(1L, 2L, 2L, 1L);
        assertThat(server.getCount()).isEqualTo(6);
        assertThat(server.getSum()).isEqualTo(0.1 + 0.101 + 0.25 + 0.999 + 1.0 + 1.001);
        HistogramDataPoint client = metric("traces_service_graph_request_client").getHistogram().getDataPoints(0);
        assertThat(client.getBucketCountsList()).containsExactly(0L, 0L, 0L, 6L);
        assertThat(client.getSum()).isEqualTo(12.0);
    }

    @Test
    void withAnExponentialMaxSizeLatenciesAreExponentialHistogramsInSecondsLoweringTheScaleToFit() {
        ServiceGraphConnector connector = connector("exponential_histogram_max_size: 4");
        for (long millis : new long[] {0, 500, 1000, 2000, 4000}) {
            pair(connector, 4000, millis);
        }
        clock.advance(Duration.ofSeconds(60));
        connector.flush();

        Metric serverMetric = metric("traces_service_graph_request_server");
        assertThat(serverMetric.getUnit()).isEqualTo("s");
        assertThat(serverMetric.hasHistogram()).as("no explicit buckets beside").isFalse();
        assertThat(serverMetric.getExponentialHistogram().getAggregationTemporality())
                .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        ExponentialHistogramDataPoint server = serverMetric.getExponentialHistogram().getDataPoints(0);
        assertThat(labels(server.getAttributesList()))
                .isEqualTo(ordered("client", "frontend", "server", "backend", "connection_type", "", "failed", "false"));
        assertThat(server.getStartTimeUnixNano()).isEqualTo(START);
        assertThat(server.getTimeUnixNano()).isEqualTo(START + Duration.ofSeconds(60).toNanos());
        // 0.5 s and 1 s first need scale 1 to fit four buckets, 2 s then scale 0: (2^i, 2^(i+1)] from i = -2
        assertThat(server.getScale()).isZero();
        assertThat(server.getPositive().getOffset()).isEqualTo(-2);
        assertThat(server.getPositive().getBucketCountsList()).containsExactly(1L, 1L, 1L, 1L);
        assertThat(server.getNegative().getBucketCountsCount()).isZero();
        assertThat(server.getZeroCount()).isEqualTo(1);
        assertThat(server.getCount()).isEqualTo(5);
        assertThat(server.getSum()).isEqualTo(7.5);
        assertThat(server.getMin()).isZero();
        assertThat(server.getMax()).isEqualTo(4.0);

        Metric clientMetric = metric("traces_service_graph_request_client");
        assertThat(clientMetric.getUnit()).isEqualTo("s");
        ExponentialHistogramDataPoint client = clientMetric.getExponentialHistogram().getDataPoints(0);
        // one value keeps the starting scale, 20; a power of two falls in the bucket below it
        assertThat(client.getScale()).isEqualTo(20);
        assertThat(client.getPositive().getOffset()).isEqualTo((2 << 20) - 1);
        assertThat(client.getPositive().getBucketCountsList()).containsExactly(5L);
        assertThat(client.getZeroCount()).isZero();
        assertThat(client.getCount()).isEqualTo(5);
        assertThat(client.getSum()).isEqualTo(20.0);
    }

    @Test
    void theExponentialHistogramSpansAsManyBucketsAsTheMaxSizeAllows() {
        ServiceGraphConnector connector = connector("exponential_histogram_max_size: 160");
        for (long millis : new long[] {3, 80, 1200}) {
            pair(connector, 2000, millis);
        }
        connector.flush();

        ExponentialHistogramDataPoint server = metric("traces_service_graph_request_server").getExponentialHistogram()
                .getDataPoints(0);
        // log2 of 0.003, 0.08, 1.2 s: -8.38, -3.64, 0.26; at scale 5 they would span 278 buckets, at 4 they span 140
        assertThat(server.getScale()).isEqualTo(4);
        assertThat(server.getPositive().getOffset()).isEqualTo(-135);
        List<Long> counts = server.getPositive().getBucketCountsList();
        assertThat(counts).hasSize(140);
        assertThat(counts.get(0)).as("floor(16 log2 0.003) = -135").isEqualTo(1);
        assertThat(counts.get(-59 + 135)).as("floor(16 log2 0.08) = -59").isEqualTo(1);
        assertThat(counts.get(4 + 135)).as("floor(16 log2 1.2) = 4").isEqualTo(1);
        assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        assertThat(server.getCount()).isEqualTo(3);
        assertThat(server.getZeroCount()).isZero();
        assertThat(server.getSum()).isEqualTo(0.003 + 0.08 + 1.2);
    }

    @Test
    void aNegativeMaxSizeBesideBucketsIsTheDefaultExponentialHistogramAsInOtelcol() {
        ServiceGraphConnector connector = connector("{latency_histogram_buckets: [1s], exponential_histogram_max_size: -1}");
        pair(connector, 2000, 1000);
        connector.flush();

        Metric server = metric("traces_service_graph_request_server");
        assertThat(server.hasHistogram()).isFalse();
        assertThat(server.getExponentialHistogram().getDataPoints(0).getPositive().getOffset()).isEqualTo(-1);
    }

    @Test
    void aDatabaseCallIsAnEdgeToTheDatabaseAtOnce() {
        ServiceGraphConnector connector = connector("{}");

        connector.consume(request(resource("backend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 8, "db.name", "orders", "db.system", "postgresql"))));
        connector.flush();

        assertThat(connector.heldEdges()).isZero();
        assertThat(labels(metric("traces_service_graph_request_total").getSum().getDataPoints(0).getAttributesList()))
                .containsEntry("client", "backend").containsEntry("server", "orders").containsEntry("connection_type", "database");
        // the client span stands for both sides
        assertThat(metric("traces_service_graph_request_server").getHistogram().getDataPoints(0).getSum()).isEqualTo(0.008);
        assertThat(metric("traces_service_graph_request_client").getHistogram().getDataPoints(0).getSum()).isEqualTo(0.008);
        assertThat(counter("total_edges")).isEqualTo(1);
        assertThat(counter("expired_edges")).isZero();
    }

    @Test
    void theDatabaseNameMayComeFromConfiguredAttributesOfTheResource() {
        ServiceGraphConnector connector = connector("database_name_attributes: [db.namespace, db.name]");

        connector.consume(request(resource(List.of(string("service.name", "backend"), string("db.name", "from-resource")),
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 8, "db.namespace", "from-span"))));
        connector.flush();

        // the first attribute wins, wherever it is; the resource before the span for the same attribute
        assertThat(labels(metric("traces_service_graph_request_total").getSum().getDataPoints(0).getAttributesList()))
                .containsEntry("server", "from-span");
    }

    @Test
    void anUnpairedClientSpanBecomesAnEdgeToTheVirtualPeerItNamesOnceItExpires() {
        ServiceGraphConnector connector = connector("virtual_node_extra_label: true");
        connector.consume(request(resource("frontend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 12, "peer.service", "payments"))));

        clock.advance(Duration.ofSeconds(2));
        connector.expireEdges();
        assertThat(connector.heldEdges()).as("not yet expired at exactly the ttl").isEqualTo(1);
        clock.advance(Duration.ofNanos(1));
        connector.expireEdges();
        connector.flush();

        assertThat(connector.heldEdges()).isZero();
        assertThat(labels(metric("traces_service_graph_request_total").getSum().getDataPoints(0).getAttributesList()))
                .containsExactlyEntriesOf(ordered("client", "frontend", "server", "payments", "connection_type", "virtual_node",
                        "failed", "false", "virtual_node", "server"));
        assertThat(metric("traces_service_graph_request_server").getHistogram().getDataPoints(0).getSum()).isZero();
        assertThat(metric("traces_service_graph_request_client").getHistogram().getDataPoints(0).getSum()).isEqualTo(0.012);
        assertThat(counter("expired_edges")).isEqualTo(1);
    }

    @Test
    void anUnpairedClientSpanWithoutPeerAttributesGoesToTheUnknownPeer() {
        ServiceGraphConnector connector = connector("{}");
        connector.consume(request(resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 12))));

        clock.advance(Duration.ofSeconds(3));
        connector.expireEdges();
        connector.flush();

        assertThat(labels(metric("traces_service_graph_request_total").getSum().getDataPoints(0).getAttributesList()))
                .containsEntry("server", "unknown").containsEntry("connection_type", "virtual_node").doesNotContainKey("virtual_node");
    }

    @Test
    void anUnpairedRootServerSpanIsARequestFromTheUser() {
        ServiceGraphConnector connector = connector("virtual_node_extra_label: true");
        connector.consume(request(resource("frontend", span(Span.SpanKind.SPAN_KIND_SERVER, id(16), id(8), ByteString.EMPTY, 40))));
        // a server span with a parent that never comes is dropped when it expires
        connector.consume(request(resource("backend", span(Span.SpanKind.SPAN_KIND_SERVER, id(16), id(8), id(8), 40))));

        clock.advance(Duration.ofSeconds(3));
        connector.expireEdges();
        connector.flush();

        assertThat(metric("traces_service_graph_request_total").getSum().getDataPointsList()).singleElement()
                .satisfies(point -> assertThat(labels(point.getAttributesList())).containsEntry("client", "user")
                        .containsEntry("server", "frontend").containsEntry("connection_type", "virtual_node")
                        .containsEntry("virtual_node", "client"));
        assertThat(counter("expired_edges")).isEqualTo(2);
    }

    @Test
    void withoutPeerAttributesExpiredEdgesAreOnlyCounted() {
        ServiceGraphConnector connector = connector("virtual_node_peer_attributes: []");
        connector.consume(request(resource("frontend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 12, "peer.service", "payments"))));

        clock.advance(Duration.ofSeconds(3));
        connector.expireEdges();
        connector.flush();

        assertThat(connector.heldEdges()).isZero();
        assertThat(out.batches()).isEmpty();
        assertThat(counter("expired_edges")).isEqualTo(1);
    }

    @Test
    void whenTheStoreIsFullSpansThatWouldWaitAreDroppedAndCounted() {
        ServiceGraphConnector connector = connector("store: {max_items: 2}");
        ByteString trace = id(16);
        ByteString dropped = id(8);
        connector.consume(request(resource("frontend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, trace, id(8), ByteString.EMPTY, 1),
                span(Span.SpanKind.SPAN_KIND_CLIENT, trace, id(8), ByteString.EMPTY, 1),
                span(Span.SpanKind.SPAN_KIND_CLIENT, trace, dropped, ByteString.EMPTY, 1),
                // a database call needs no place in the store
                span(Span.SpanKind.SPAN_KIND_CLIENT, trace, id(8), ByteString.EMPTY, 1, "db.name", "orders"))));
        // the dropped client span's server finds no edge, and none can be added
        connector.consume(request(resource("backend", span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), dropped, 1))));

        assertThat(connector.heldEdges()).isEqualTo(2);
        assertThat(counter("dropped_spans")).isEqualTo(2);
        assertThat(counter("total_edges")).isEqualTo(3);

        clock.advance(Duration.ofSeconds(3));
        connector.expireEdges();
        connector.consume(request(resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, trace, id(8), ByteString.EMPTY, 1))));
        assertThat(connector.heldEdges()).as("expiry made room").isEqualTo(1);
    }

    @Test
    void dimensionsAreLabelledBySideAndTheResourceWinsOverTheSpan() {
        ServiceGraphConnector connector = connector("dimensions: [http.method, region]");
        ByteString trace = id(16);
        ByteString call = id(8);

        connector.consume(request(
                resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, trace, call, ByteString.EMPTY, 5, "http.method", "GET")),
                resource(List.of(string("service.name", "backend"), string("region", "eu")),
                        span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), call, 5, "region", "us", "http.method", "GET"))));
        connector.flush();

        assertThat(labels(metric("traces_service_graph_request_total").getSum().getDataPoints(0).getAttributesList()))
                .containsExactlyEntriesOf(ordered("client", "frontend", "server", "backend", "connection_type", "", "failed", "false",
                        "client_http.method", "GET", "server_http.method", "GET", "server_region", "eu"));
    }

    @Test
    void attributeValuesOfOtherTypesAreLabelledAsOtelcolPrintsThem() {
        ServiceGraphConnector connector = connector("dimensions: [http.status_code]");

        connector.consume(request(resource(List.of(string("service.name", "backend")),
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 5, "db.name", "orders").toBuilder()
                        .addAttributes(KeyValue.newBuilder().setKey("http.status_code").setValue(AnyValue.newBuilder().setIntValue(503)))
                        .build())));
        connector.flush();

        assertThat(labels(metric("traces_service_graph_request_total").getSum().getDataPoints(0).getAttributesList()))
                .containsEntry("client_http.status_code", "503");
    }

    @Test
    void messagingProducerAndConsumerSpansAreAMessagingSystemEdge() {
        ServiceGraphConnector connector = connector("{}");
        ByteString trace = id(16);
        ByteString publish = id(8);

        connector.consume(request(
                resource("orders", span(Span.SpanKind.SPAN_KIND_PRODUCER, trace, publish, ByteString.EMPTY, 3)),
                resource("billing", span(Span.SpanKind.SPAN_KIND_CONSUMER, trace, id(8), publish, 7))));
        connector.flush();

        assertThat(labels(metric("traces_service_graph_request_total").getSum().getDataPoints(0).getAttributesList()))
                .containsEntry("client", "orders").containsEntry("server", "billing").containsEntry("connection_type", "messaging_system");
    }

    @Test
    void spansOfAResourceWithoutServiceNameAndInternalSpansAreIgnored() {
        ServiceGraphConnector connector = connector("{}");
        ByteString trace = id(16);
        ByteString call = id(8);

        connector.consume(request(
                resource(List.of(), span(Span.SpanKind.SPAN_KIND_CLIENT, trace, call, ByteString.EMPTY, 3)),
                resource("backend", span(Span.SpanKind.SPAN_KIND_INTERNAL, trace, id(8), call, 7))));

        assertThat(connector.heldEdges()).isZero();
        assertThat(counter("total_edges")).isZero();
    }

    @Test
    void flushesAfterEveryBatchWhenTheFlushIntervalIsZeroAndOnlyOnTheLoopOtherwise() {
        ServiceGraphConnector periodic = connector("{}");
        periodic.consume(request(resource("backend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 8, "db.name", "orders"))));
        assertThat(out.batches()).isEmpty();

        ServiceGraphConnector everyBatch = connector("metrics_flush_interval: 0s");
        everyBatch.consume(request(resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 8))));
        assertThat(out.batches()).as("nothing to flush yet").isEmpty();
        everyBatch.consume(request(resource("backend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 8, "db.name", "orders"))));
        assertThat(out.batches()).hasSize(1);
    }

    @Test
    void timestampsAreShiftedByTheConfiguredOffset() {
        ServiceGraphConnector connector = connector("metrics_timestamp_offset: 30s");
        connector.consume(request(resource("backend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 8, "db.name", "orders"))));
        clock.advance(Duration.ofSeconds(60));
        connector.flush();

        NumberDataPoint requests = metric("traces_service_graph_request_total").getSum().getDataPoints(0);
        assertThat(requests.getStartTimeUnixNano()).isEqualTo(START);
        assertThat(requests.getTimeUnixNano()).isEqualTo(START + Duration.ofSeconds(30).toNanos());
    }

    @Test
    void seriesNoEdgeUpdatedForFifteenMinutesAreForgotten() {
        ServiceGraphConnector connector = connector("{}");
        connector.consume(request(resource("backend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 8, "db.name", "orders"))));
        clock.advance(Duration.ofMinutes(10));
        connector.consume(request(resource("backend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 8, "db.name", "stock"))));

        clock.advance(Duration.ofMinutes(5).plusMillis(1));
        connector.removeStaleSeries();
        assertThat(connector.seriesCount()).isEqualTo(1);
        connector.flush();
        assertThat(labels(metric("traces_service_graph_request_total").getSum().getDataPoints(0).getAttributesList()))
                .containsEntry("server", "stock");

        clock.advance(Duration.ofMinutes(10));
        connector.removeStaleSeries();
        connector.flush();
        assertThat(connector.seriesCount()).isZero();
        assertThat(out.batches()).as("nothing is flushed without series").hasSize(1);
    }

    @Test
    void aRefusedFlushIsLoggedAndTheSeriesStay() {
        ServiceGraphConnector connector = connector("{}");
        connector.consume(request(resource("backend",
                span(Span.SpanKind.SPAN_KIND_CLIENT, id(16), id(8), ByteString.EMPTY, 8, "db.name", "orders"))));
        out.failWith(() -> new IllegalStateException("backend down"));
        connector.flush();
        out.failWith(null);
        connector.flush();

        assertThat(metric("traces_service_graph_request_total").getSum().getDataPoints(0).getAsInt()).isEqualTo(1);
    }

    /** One request from frontend to backend, its client and server spans in one batch. */
    private void pair(ServiceGraphConnector connector, long clientMillis, long serverMillis) {
        ByteString trace = id(16);
        ByteString call = id(8);
        connector.consume(request(
                resource("frontend", span(Span.SpanKind.SPAN_KIND_CLIENT, trace, call, ByteString.EMPTY, clientMillis)),
                resource("backend", span(Span.SpanKind.SPAN_KIND_SERVER, trace, id(8), call, serverMillis))));
    }

    private ServiceGraphConnector connector(String yaml) {
        ServiceGraphConfig config = Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "connectors::servicegraph",
                ServiceGraphConfig.class, ServiceGraphConfig.DEFAULT);
        return new ServiceGraphConnector(TestContext.of("servicegraph").clock(clock).telemetry(telemetry).build(), config, out);
    }

    private double counter(String name) {
        return telemetry.registry().get("otelcol.connector.servicegraph." + name.replace('_', '.')).counter().count();
    }

    private ByteString id(int bytes) {
        byte[] id = new byte[bytes];
        id[bytes - 1] = (byte) nextId;
        id[0] = (byte) (nextId++ >> 8);
        return ByteString.copyFrom(id);
    }

    private static Span span(Span.SpanKind kind, ByteString traceId, ByteString spanId, ByteString parentSpanId, long durationMillis,
            String... attributes) {
        Span.Builder span = Span.newBuilder().setTraceId(traceId).setSpanId(spanId).setParentSpanId(parentSpanId).setName("call")
                .setKind(kind).setStartTimeUnixNano(START).setEndTimeUnixNano(START + durationMillis * 1_000_000);
        for (int i = 0; i < attributes.length; i += 2) {
            span.addAttributes(string(attributes[i], attributes[i + 1]));
        }
        return span.build();
    }

    private static Span failed(Span span) {
        return span.toBuilder().setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)).build();
    }

    private static ResourceSpans resource(String service, Span... spans) {
        return resource(List.of(string("service.name", service)), spans);
    }

    private static ResourceSpans resource(List<KeyValue> attributes, Span... spans) {
        return ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAllAttributes(attributes))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))).build();
    }

    private static Traces request(ResourceSpans... resources) {
        return Traces.of(ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(resources)).build());
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private List<ResourceMetrics> lastFlush() {
        List<Metrics> batches = out.batches();
        assertThat(batches).isNotEmpty();
        return batches.get(batches.size() - 1).resourceEntries();
    }

    private Metric metric(String name) {
        return lastFlush().get(0).getScopeMetrics(0).getMetricsList().stream().filter(metric -> metric.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private static Map<String, Long> requestCounts(Metrics flushed) {
        Metric total = flushed.resourceEntries().get(0).getScopeMetrics(0).getMetrics(0);
        return total.getSum().getDataPointsList().stream().collect(Collectors.toMap(point -> {
            Map<String, String> labels = labels(point.getAttributesList());
            return labels.get("client") + "->" + labels.get("server");
        }, NumberDataPoint::getAsInt, (a, b) -> a, LinkedHashMap::new));
    }

    /** Labels in order; a bool's value as its text. */
    private static Map<String, String> labels(List<KeyValue> attributes) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            labels.put(attribute.getKey(), value.hasBoolValue() ? Boolean.toString(value.getBoolValue()) : value.getStringValue());
        }
        return labels;
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Long> oneIn(int bucket, int buckets) {
        Long[] counts = new Long[buckets];
        Arrays.fill(counts, 0L);
        counts[bucket] = 1L;
        return List.of(counts);
    }
}
