package io.tributary.connector.spanmetrics;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Traces;
import io.tributary.testkit.Await;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.Recording;
import io.tributary.testkit.TestTraces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The connector fed encoded batches and flushed by hand at instants of a {@link ManualClock}. */
class SpanMetricsConnectorTest {
    private static final long MS = 1_000_000L;
    private static final long SPAN_START = 1_700_000_000_000_000_000L;

    private final ManualClock clock = new ManualClock();
    private final Recording<Metrics> out = Recording.create();
    private int spanIds;

    @Test
    void callsAreCountedPerServiceSpanNameKindAndStatusFromAFirstCumulativePointOfZero() throws Exception {
        SpanMetricsConnector connector = connector("");
        long consumed = now();
        ResourceSpans shop = resource(ordered("service.name", "shop", "host.name", "h1"),
                span("GET /cart", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS),
                span("GET /cart", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS),
                span("GET /cart", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_ERROR, MS),
                span("SELECT", SpanKind.SPAN_KIND_CLIENT, StatusCode.STATUS_CODE_OK, MS));
        send(connector, shop);
        clock.advance(Duration.ofSeconds(60));

        ExportMetricsServiceRequest first = flush(connector);

        assertThat(first.getResourceMetricsCount()).isEqualTo(1);
        ResourceMetrics resource = first.getResourceMetrics(0);
        assertThat(plain(resource.getResource().getAttributesList())).containsExactly(
                Map.entry("service.name", "shop"), Map.entry("host.name", "h1"));
        assertThat(resource.getScopeMetricsCount()).isEqualTo(1);
        assertThat(resource.getScopeMetrics(0).getScope().getName()).isEqualTo("spanmetricsconnector");
        assertThat(resource.getScopeMetrics(0).getScope().getVersion()).isEmpty();
        assertThat(resource.getScopeMetrics(0).getMetricsList()).extracting(Metric::getName, Metric::getUnit).containsExactly(
                tuple("traces.span.metrics.calls", ""),
                tuple("traces.span.metrics.duration", "ms"));
        Metric calls = metric(first, "traces.span.metrics.calls");
        assertThat(calls.getSum().getIsMonotonic()).isTrue();
        assertThat(calls.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        assertThat(calls.getSum().getDataPointsList()).extracting(p -> plain(p.getAttributesList())).containsExactly(
                series("shop", "GET /cart", "SPAN_KIND_SERVER", "STATUS_CODE_UNSET"),
                series("shop", "GET /cart", "SPAN_KIND_SERVER", "STATUS_CODE_ERROR"),
                series("shop", "SELECT", "SPAN_KIND_CLIENT", "STATUS_CODE_OK"));
        assertThat(calls.getSum().getDataPointsList()).allSatisfy(point -> {
            assertThat(point.getAsInt()).isZero();
            assertThat(point.getStartTimeUnixNano()).isEqualTo(consumed);
            assertThat(point.getTimeUnixNano()).isEqualTo(now());
        });
        assertThat(metric(first, "traces.span.metrics.duration").getHistogram().getDataPointsList())
                .extracting(HistogramDataPoint::getCount).containsExactly(2L, 1L, 1L);

        send(connector, shop);
        clock.advance(Duration.ofSeconds(60));
        ExportMetricsServiceRequest second = flush(connector);

        Metric callsLater = metric(second, "traces.span.metrics.calls");
        assertThat(callsLater.getSum().getDataPointsList()).extracting(NumberDataPoint::getAsInt).containsExactly(4L, 2L, 2L);
        assertThat(callsLater.getSum().getDataPointsList()).extracting(NumberDataPoint::getStartTimeUnixNano)
                .containsOnly(consumed);
        assertThat(metric(second, "traces.span.metrics.duration").getHistogram().getDataPointsList())
                .extracting(HistogramDataPoint::getCount).containsExactly(4L, 2L, 2L);
    }

    @Test
    void durationsFallInOtelcolsDefaultBucketsWithInclusiveUpperBounds() throws Exception {
        SpanMetricsConnector connector = connector("");
        Span endsBeforeItStarts = span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 0).toBuilder()
                .setEndTimeUnixNano(SPAN_START - MS).build();
        send(connector, resource(ordered("service.name", "shop"),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 2 * MS),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 2 * MS + 1),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 15_000 * MS),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 20_000 * MS),
                endsBeforeItStarts));

        HistogramDataPoint point = metric(flush(connector), "traces.span.metrics.duration").getHistogram().getDataPoints(0);

        assertThat(point.getExplicitBoundsList())
                .containsExactly(2.0, 4.0, 6.0, 8.0, 10.0, 50.0, 100.0, 200.0, 400.0, 800.0, 1000.0, 1400.0, 2000.0, 5000.0, 10_000.0, 15_000.0);
        assertThat(point.getBucketCountsList()).containsExactly(3L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L);
        assertThat(point.getCount()).isEqualTo(6);
        assertThat(point.getSum()).isEqualTo(1.0 + 2.0 + (2 * MS + 1) / 1e6 + 15_000.0 + 20_000.0);
        assertThat(point.hasMin()).isFalse();
        assertThat(point.hasMax()).isFalse();
    }

    @Test
    void configuredBucketsAndSecondsAreUsed() throws Exception {
        SpanMetricsConnector connector = connector("histogram: {unit: s, explicit: {buckets: [100us, 1ms, 1s]}}");
        send(connector, resource(ordered("service.name", "shop"),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 100_000),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 1_500_000),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 2_000_000_000)));

        Metric duration = metric(flush(connector), "traces.span.metrics.duration");

        assertThat(duration.getUnit()).isEqualTo("s");
        HistogramDataPoint point = duration.getHistogram().getDataPoints(0);
        assertThat(point.getExplicitBoundsList()).containsExactly(0.0001, 0.001, 1.0);
        assertThat(point.getBucketCountsList()).containsExactly(1L, 0L, 1L, 1L);
        assertThat(point.getSum()).isEqualTo(100_000 / 1e9 + 1_500_000 / 1e9 + 2_000_000_000 / 1e9);
    }

    @Test
    void dimensionsComeFromTheSpanThenTheResourceThenTheirDefaultKeepingTheirType() throws Exception {
        SpanMetricsConnector connector = connector("""
                dimensions:
                  - name: http.route
                  - name: region
                  - name: http.response.status_code
                  - name: tier
                    default: gold
                  - name: missing
                """);
        send(connector, resource(ordered("service.name", "shop", "region", "eu", "http.route", "/resource"),
                span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS,
                        attribute("http.route", "/cart"), attribute("http.response.status_code", 200L)),
                span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS, attribute("region", "us")),
                // pdata's text of 200 and "200" is the same: one series, typed as first seen
                span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS,
                        attribute("http.route", "/cart"), attribute("http.response.status_code", "200"))));

        Metric calls = metric(flush(connector), "traces.span.metrics.calls");

        Map<String, Object> first = series("shop", "GET", "SPAN_KIND_SERVER", "STATUS_CODE_UNSET");
        first.put("http.route", "/cart");
        first.put("region", "eu");
        first.put("http.response.status_code", 200L);
        first.put("tier", "gold");
        Map<String, Object> second = series("shop", "GET", "SPAN_KIND_SERVER", "STATUS_CODE_UNSET");
        second.put("http.route", "/resource");
        second.put("region", "us");
        second.put("tier", "gold");
        assertThat(calls.getSum().getDataPointsList()).extracting(p -> plain(p.getAttributesList()))
                .containsExactly(first, second);
        assertThat(calls.getSum().getDataPoints(0).getAttributesList()).extracting(KeyValue::getKey)
                .containsExactly("service.name", "span.name", "span.kind", "status.code", "http.route", "region",
                        "http.response.status_code", "tier");
    }

    @Test
    void callsAndHistogramDimensionsAddToTheirOwnMetricOnly() throws Exception {
        SpanMetricsConnector connector = connector("""
                dimensions: [{name: region}]
                calls_dimensions: [{name: http.route}]
                histogram: {dimensions: [{name: db.system, default: none}]}
                """);
        send(connector, resource(ordered("service.name", "shop", "region", "eu"),
                span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS, attribute("http.route", "/cart"))));

        ExportMetricsServiceRequest request = flush(connector);

        assertThat(plain(metric(request, "traces.span.metrics.calls").getSum().getDataPoints(0).getAttributesList()))
                .containsOnlyKeys("service.name", "span.name", "span.kind", "status.code", "region", "http.route");
        assertThat(plain(metric(request, "traces.span.metrics.duration").getHistogram().getDataPoints(0).getAttributesList()))
                .containsOnlyKeys("service.name", "span.name", "span.kind", "status.code", "region", "db.system")
                .containsEntry("db.system", "none");
    }

    @Test
    void excludedDimensionsAreLeftOutOfKeysAndAttributes() throws Exception {
        SpanMetricsConnector connector = connector("exclude_dimensions: [status.code, span.kind]");
        send(connector, resource(ordered("service.name", "shop"),
                span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_OK, MS),
                span("GET", SpanKind.SPAN_KIND_CLIENT, StatusCode.STATUS_CODE_ERROR, MS)));

        Metric duration = metric(flush(connector), "traces.span.metrics.duration");

        assertThat(duration.getHistogram().getDataPointsList()).singleElement().satisfies(point -> {
            assertThat(plain(point.getAttributesList())).containsOnlyKeys("service.name", "span.name");
            assertThat(point.getCount()).isEqualTo(2);
        });
    }

    @Test
    void deltaPointsCountEachIntervalFromTheLastFlushThatWroteTheirKey() throws Exception {
        SpanMetricsConnector connector = connector("aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA");
        long firstSpans = now();
        send(connector, resource(ordered("service.name", "shop"),
                span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS),
                span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));
        clock.advance(Duration.ofSeconds(60));
        long firstFlush = now();

        Metric first = metric(flush(connector), "traces.span.metrics.calls");

        assertThat(first.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        assertThat(first.getSum().getDataPointsList()).singleElement().satisfies(point -> {
            assertThat(point.getAsInt()).isEqualTo(2);
            assertThat(point.getStartTimeUnixNano()).isEqualTo(firstSpans);
            assertThat(point.getTimeUnixNano()).isEqualTo(firstFlush);
        });

        clock.advance(Duration.ofSeconds(10));
        long newSeries = now();
        send(connector, resource(ordered("service.name", "shop"),
                span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS),
                span("POST", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));
        clock.advance(Duration.ofSeconds(50));
        long secondFlush = now();
        ExportMetricsServiceRequest second = flush(connector);

        assertThat(metric(second, "traces.span.metrics.calls").getSum().getDataPointsList())
                .extracting(NumberDataPoint::getAsInt, NumberDataPoint::getStartTimeUnixNano)
                .containsExactly(tuple(1L, firstFlush), tuple(1L, newSeries));
        assertThat(metric(second, "traces.span.metrics.duration").getHistogram().getDataPointsList())
                .extracting(HistogramDataPoint::getCount, HistogramDataPoint::getStartTimeUnixNano)
                .containsExactly(tuple(1L, firstFlush), tuple(1L, newSeries));

        clock.advance(Duration.ofSeconds(60));
        assertThat(flush(connector).getResourceMetricsCount()).as("an interval without spans sends nothing").isZero();

        clock.advance(Duration.ofSeconds(60));
        send(connector, resource(ordered("service.name", "shop"), span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));
        clock.advance(Duration.ofSeconds(60));
        assertThat(metric(flush(connector), "traces.span.metrics.calls").getSum().getDataPoints(0).getStartTimeUnixNano())
                .as("from the last flush that wrote the key").isEqualTo(secondFlush);
    }

    @Test
    void aDeltaSeriesTheTimestampCacheForgotStartsAtItsFirstSpan() throws Exception {
        SpanMetricsConnector connector = connector("""
                aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
                metric_timestamp_cache_size: 1
                histogram: {disable: true}
                """);
        ResourceSpans twoSeries = resource(ordered("service.name", "shop"),
                span("A", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS),
                span("B", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS));
        send(connector, twoSeries);
        clock.advance(Duration.ofSeconds(60));
        long firstFlush = now();
        flush(connector);
        clock.advance(Duration.ofSeconds(1));
        long secondSpans = now();
        send(connector, twoSeries);
        clock.advance(Duration.ofSeconds(59));

        assertThat(metric(flush(connector), "traces.span.metrics.calls").getSum().getDataPointsList())
                .extracting(NumberDataPoint::getStartTimeUnixNano).containsExactly(secondSpans, firstFlush);
    }

    @Test
    void exemplarsHoldTheFirstSpansOfAnIntervalWithTheirDurations() throws Exception {
        SpanMetricsConnector connector = connector("exemplars: {enabled: true, max_per_data_point: 2}");
        Span first = span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS);
        Span second = span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 2 * MS);
        Span third = span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 3 * MS);
        Span noTrace = span("noTrace", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS).toBuilder()
                .setTraceId(ByteString.copyFrom(new byte[16])).build();
        send(connector, resource(ordered("service.name", "shop"), first, second, third, noTrace));
        clock.advance(Duration.ofSeconds(60));

        ExportMetricsServiceRequest request = flush(connector);

        List<Exemplar> expected = List.of(exemplar(first, 1.0, now()), exemplar(second, 2.0, now()));
        assertThat(metric(request, "traces.span.metrics.calls").getSum().getDataPoints(0).getExemplarsList()).isEqualTo(expected);
        assertThat(metric(request, "traces.span.metrics.duration").getHistogram().getDataPoints(0).getExemplarsList())
                .isEqualTo(expected);
        assertThat(metric(request, "traces.span.metrics.calls").getSum().getDataPoints(1).getExemplarsList()).isEmpty();

        clock.advance(Duration.ofSeconds(60));
        ExportMetricsServiceRequest next = flush(connector);
        assertThat(metric(next, "traces.span.metrics.calls").getSum().getDataPoints(0).getExemplarsList())
                .as("kept for one interval").isEmpty();
        assertThat(metric(next, "traces.span.metrics.duration").getHistogram().getDataPoints(0).getExemplarsList()).isEmpty();
    }

    @Test
    void eachSpanEventIsCountedWithItsDimensionsSpanAttributesFirst() throws Exception {
        SpanMetricsConnector connector = connector("""
                aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
                events:
                  enabled: true
                  dimensions: [{name: exception.type}]
                """);
        Span twoExceptions = span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_ERROR, MS).toBuilder()
                .addEvents(event("IOException")).addEvents(event("IOException")).addEvents(event("Timeout")).build();
        Span overriding = span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_ERROR, MS,
                attribute("exception.type", "FromSpan")).toBuilder().addEvents(event("Timeout")).build();
        Span withoutEvents = span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_ERROR, MS);
        send(connector, resource(ordered("service.name", "shop"), twoExceptions, overriding, withoutEvents));

        ExportMetricsServiceRequest request = flush(connector);

        Metric events = metric(request, "traces.span.metrics.events");
        assertThat(events.getSum().getIsMonotonic()).isTrue();
        assertThat(events.getSum().getDataPointsList())
                .extracting(p -> plain(p.getAttributesList()).get("exception.type"), NumberDataPoint::getAsInt)
                .containsExactly(tuple("IOException", 2L),
                        tuple("Timeout", 1L), tuple("FromSpan", 1L));
        assertThat(plain(events.getSum().getDataPoints(0).getAttributesList()))
                .containsOnlyKeys("service.name", "span.name", "span.kind", "status.code", "exception.type");
        assertThat(metric(request, "traces.span.metrics.calls").getSum().getDataPoints(0).getAsInt()).isEqualTo(3);
    }

    @Test
    void aResourceWithoutSpansForMetricsExpirationIsPushedOutOfTheCache() throws Exception {
        SpanMetricsConnector connector = connector("metrics_expiration: 5m");
        send(connector, resource(ordered("service.name", "a"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)),
                resource(ordered("service.name", "b"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)),
                resource(ordered("service.name", "c"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(services(flush(connector))).containsExactly("a", "b", "c");
        clock.advance(Duration.ofMinutes(3));
        send(connector, resource(ordered("service.name", "b"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(services(flush(connector))).as("a and c are 5 minutes old: written, then pushed out").containsExactly("a", "c", "b");

        send(connector, resource(ordered("service.name", "c"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));
        clock.advance(Duration.ofMinutes(1));
        ExportMetricsServiceRequest next = flush(connector);

        assertThat(services(next)).as("a written once more, c back with its spans").containsExactly("b", "c", "a");
        assertThat(next.getResourceMetricsList()).filteredOn(r -> services(r).equals("c")).singleElement()
                .satisfies(c -> assertThat(c.getScopeMetrics(0).getMetrics(0).getSum().getDataPoints(0).getAsInt()).isEqualTo(2));
        clock.advance(Duration.ofMinutes(1));
        assertThat(services(flush(connector))).containsExactly("b", "c");
    }

    @Test
    void aMillionDistinctValuesPastTheCardinalityLimitAreCountedInOneOverflowSeries() throws Exception {
        int limit = 100;
        SpanMetricsConnector connector = connector("""
                aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
                aggregation_cardinality_limit: %d
                dimensions: [{name: user.id}]
                """.formatted(limit));
        int batches = 100;
        int perBatch = 10_000;
        for (int b = 0; b < batches; b++) {
            List<Span> spans = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                spans.add(Span.newBuilder().setName("op").setStartTimeUnixNano(SPAN_START).setEndTimeUnixNano(SPAN_START + MS)
                        .addAttributes(attribute("user.id", "user-" + (b * perBatch + i))).build());
            }
            send(connector, resource(ordered("service.name", "shop"), spans.toArray(Span[]::new)));
            assertThat(connector.seriesCount()).as("calls and duration series held").isEqualTo(2 * (limit + 1));
        }

        ExportMetricsServiceRequest request = flush(connector);

        List<NumberDataPoint> calls = metric(request, "traces.span.metrics.calls").getSum().getDataPointsList();
        assertThat(calls).hasSize(limit + 1);
        assertThat(calls.subList(0, limit)).extracting(NumberDataPoint::getAsInt).containsOnly(1L);
        NumberDataPoint overflow = calls.get(limit);
        assertThat(overflow.getAttributesList()).containsExactly(KeyValue.newBuilder().setKey("otel.metric.overflow")
                .setValue(AnyValue.newBuilder().setBoolValue(true)).build());
        assertThat(overflow.getAsInt()).isEqualTo(batches * perBatch - limit);
        List<HistogramDataPoint> durations = metric(request, "traces.span.metrics.duration").getHistogram().getDataPointsList();
        assertThat(durations).hasSize(limit + 1);
        assertThat(durations.get(limit).getCount()).isEqualTo(batches * perBatch - limit);
        assertThat(connector.seriesCount()).as("delta forgets every series at a flush").isZero();
    }

    @Test
    void cumulativeSeriesStayAtTheLimitAcrossFlushes() throws Exception {
        SpanMetricsConnector connector = connector("""
                aggregation_cardinality_limit: 2
                histogram: {disable: true}
                """);
        for (int i = 0; i < 10; i++) {
            send(connector, resource(ordered("service.name", "shop"),
                    span("op-" + i, SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));
            clock.advance(Duration.ofSeconds(60));
            flush(connector);
            assertThat(connector.seriesCount()).isLessThanOrEqualTo(3);
        }

        assertThat(metric(flush(connector), "traces.span.metrics.calls").getSum().getDataPointsList())
                .extracting(p -> plain(p.getAttributesList()).get("span.name"), NumberDataPoint::getAsInt)
                .containsExactly(tuple("op-0", 1L), tuple("op-1", 1L),
                        tuple(null, 8L));
    }

    @Test
    void resourcesWithoutServiceNameAreSkipped() throws Exception {
        SpanMetricsConnector connector = connector("");
        send(connector, resource(ordered("host.name", "h"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)),
                resource(ordered("service.name", 7L), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));

        ExportMetricsServiceRequest request = flush(connector);

        assertThat(request.getResourceMetricsCount()).isEqualTo(1);
        assertThat(plain(metric(request, "traces.span.metrics.calls").getSum().getDataPoints(0).getAttributesList()))
                .as("pdata's Str() of an int service.name").containsEntry("service.name", "");
    }

    @Test
    void resourcesAreToldApartByTheKeyAttributesAndKeepTheFirstAttributes() throws Exception {
        SpanMetricsConnector connector = connector("""
                resource_metrics_key_attributes: [service.name]
                aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
                """);
        send(connector,
                resource(ordered("service.name", "shop", "host.name", "a"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)),
                resource(ordered("host.name", "b", "service.name", "shop"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));

        ExportMetricsServiceRequest request = flush(connector);

        assertThat(request.getResourceMetricsList()).singleElement().satisfies(resource ->
                assertThat(plain(resource.getResource().getAttributesList())).containsEntry("host.name", "a"));
        assertThat(metric(request, "traces.span.metrics.calls").getSum().getDataPoints(0).getAsInt()).isEqualTo(2);
    }

    @Test
    void withoutKeyAttributesEqualAttributesInAnyOrderAreOneResource() throws Exception {
        SpanMetricsConnector connector = connector("aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA");
        send(connector,
                resource(ordered("service.name", "shop", "host.name", "a"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)),
                resource(ordered("host.name", "a", "service.name", "shop"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)),
                resource(ordered("host.name", "b", "service.name", "shop"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));

        ExportMetricsServiceRequest request = flush(connector);

        assertThat(request.getResourceMetricsList()).extracting(r -> plain(r.getResource().getAttributesList()).get("host.name"))
                .containsExactly("a", "b");
    }

    @Test
    void aResourcePushedOutOfTheCacheIsWrittenOnceMore() throws Exception {
        SpanMetricsConnector connector = connector("resource_metrics_cache_size: 1");
        send(connector, resource(ordered("service.name", "a"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)),
                resource(ordered("service.name", "b"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));

        assertThat(services(flush(connector))).containsExactly("b", "a");
        assertThat(services(flush(connector))).containsExactly("b");
    }

    @Test
    void exponentialHistogramsBucketAsGoExpohisto() throws Exception {
        SpanMetricsConnector connector = connector("histogram: {exponential: {}}");
        send(connector, resource(ordered("service.name", "shop"),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 0),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 2 * MS),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 3 * MS),
                span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, 4 * MS)));

        Metric duration = metric(flush(connector), "traces.span.metrics.duration");

        assertThat(duration.getExponentialHistogram().getAggregationTemporality())
                .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        ExponentialHistogramDataPoint point = duration.getExponentialHistogram().getDataPoints(0);
        assertThat(point.getCount()).isEqualTo(5);
        assertThat(point.getZeroCount()).isEqualTo(1);
        assertThat(point.getSum()).isEqualTo(10.0);
        assertThat(point.getMin()).isEqualTo(0.0);
        assertThat(point.getMax()).isEqualTo(4.0);
        // 160 buckets hold 1 ms to 4 ms from scale 6 down: 2^(1/64) apart, powers of two in the bucket below
        assertThat(point.getScale()).isEqualTo(6);
        assertThat(point.getPositive().getOffset()).isEqualTo(-1);
        long[] counts = new long[129];
        counts[0] = 1; // 1 ms: bucket -1
        counts[64] = 1; // 2 ms: bucket 63
        counts[102] = 1; // 3 ms: bucket floor(64 log2 3) = 101
        counts[128] = 1; // 4 ms: bucket 127
        assertThat(point.getPositive().getBucketCountsList()).containsExactlyElementsOf(
                java.util.Arrays.stream(counts).boxed().toList());
        assertThat(point.hasNegative()).isTrue();
        assertThat(point.getNegative().getBucketCountsCount()).isZero();
    }

    @Test
    void aSampledSpanCountsAsTheSpansItStandsFor() throws Exception {
        SpanMetricsConnector connector = connector("""
                aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
                enable_metrics_sampling_method: true
                """);
        send(connector, resource(ordered("service.name", "shop"),
                sampled("ot=th:8"), // 50 %: 2 spans
                sampled("vendor=x,ot=th:c"), // 25 %: 4 spans
                sampled("ot=th:0"), // 100 %: 1 span, but extrapolated
                sampled("ot=th:zz"), // invalid: counted
                sampled("")));

        ExportMetricsServiceRequest request = flush(connector);

        assertThat(metric(request, "traces.span.metrics.calls").getSum().getDataPointsList())
                .extracting(p -> plain(p.getAttributesList()).get("sampling.method"), NumberDataPoint::getAsInt)
                .containsExactly(tuple("extrapolated", 7L), tuple("counted", 2L));
        assertThat(metric(request, "traces.span.metrics.duration").getHistogram().getDataPointsList())
                .extracting(HistogramDataPoint::getCount, HistogramDataPoint::getSum)
                .containsExactly(tuple(7L, 7.0), tuple(2L, 2.0));
    }

    @Test
    void theNamespaceAndTheDisabledHistogramShapeTheMetrics() throws Exception {
        SpanMetricsConnector connector = connector("""
                namespace: ""
                histogram: {disable: true}
                events: {enabled: true, dimensions: [{name: exception.type}]}
                """);
        send(connector, resource(ordered("service.name", "shop"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));

        ExportMetricsServiceRequest request = flush(connector);

        assertThat(request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList()).extracting(Metric::getName)
                .containsExactly("calls", "events");
        assertThat(metric(request, "events").getSum().getDataPointsCount()).as("written even without events").isZero();
    }

    @Test
    void includedInstrumentationScopesAddTheirNameAndVersion() throws Exception {
        SpanMetricsConnector connector = connector("include_instrumentation_scope: [io.opentelemetry.jdbc]");
        ResourceSpans resource = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "shop")))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder()
                        .setName("io.opentelemetry.jdbc").setVersion("2.10.0"))
                        .addSpans(span("SELECT", SpanKind.SPAN_KIND_CLIENT, StatusCode.STATUS_CODE_UNSET, MS)))
                .addScopeSpans(TestTraces.scope("other", span("GET", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)))
                .build();
        send(connector, resource);

        List<NumberDataPoint> calls = metric(flush(connector), "traces.span.metrics.calls").getSum().getDataPointsList();

        assertThat(plain(calls.get(0).getAttributesList())).containsEntry("span.instrumentation.scope.name", "io.opentelemetry.jdbc")
                .containsEntry("span.instrumentation.scope.version", "2.10.0");
        assertThat(plain(calls.get(1).getAttributesList())).doesNotContainKey("span.instrumentation.scope.name");
    }

    @Test
    void theTimerFlushesEveryIntervalAndShutdownStopsIt() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        try {
            SpanMetricsConnector connector = new SpanMetricsConnector(SpanMetricsConfigTest.bind("metrics_flush_interval: 10ms"),
                    out, clock, scheduler);
            connector.start(null);
            send(connector, resource(ordered("service.name", "shop"), span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS)));

            Await.until(() -> out.batches().size() >= 2, Duration.ofSeconds(10), () -> "two flushes, got " + out.batches().size());
            connector.shutdown();

            assertThat(scheduler.getQueue()).as("no flush scheduled any more").isEmpty();
        } finally {
            scheduler.shutdownNow();
        }
    }

    private SpanMetricsConnector connector(String yaml) {
        return new SpanMetricsConnector(SpanMetricsConfigTest.bind(yaml), out, clock, null);
    }

    private static void send(SpanMetricsConnector connector, ResourceSpans... resources) throws InvalidOtlpException {
        connector.consume(Traces.parse(TestTraces.request(resources).toByteString()));
    }

    /** Flushes; the request handed on, or an empty one when nothing was. */
    private ExportMetricsServiceRequest flush(SpanMetricsConnector connector) {
        int before = out.batches().size();
        connector.flush();
        List<Metrics> batches = out.batches();
        return batches.size() == before ? ExportMetricsServiceRequest.getDefaultInstance() : batches.get(batches.size() - 1).toRequest();
    }

    private long now() {
        return clock.nanoTime();
    }

    private Span span(String name, SpanKind kind, StatusCode status, long durationNanos, KeyValue... attributes) {
        spanIds++;
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, (byte) spanIds}))
                .setSpanId(TestTraces.spanId(spanIds))
                .setName(name)
                .setKind(kind)
                .setStatus(Status.newBuilder().setCode(status))
                .setStartTimeUnixNano(SPAN_START)
                .setEndTimeUnixNano(SPAN_START + durationNanos)
                .addAllAttributes(List.of(attributes))
                .build();
    }

    private Span sampled(String traceState) {
        return span("op", SpanKind.SPAN_KIND_SERVER, StatusCode.STATUS_CODE_UNSET, MS).toBuilder().setTraceState(traceState).build();
    }

    private static Span.Event event(String type) {
        return Span.Event.newBuilder().setName("exception").addAttributes(attribute("exception.type", type)).build();
    }

    private static Exemplar exemplar(Span span, double value, long flushedAt) {
        return Exemplar.newBuilder().setTraceId(span.getTraceId()).setSpanId(span.getSpanId()).setAsDouble(value)
                .setTimeUnixNano(flushedAt).build();
    }

    /** Attributes as key, value, key, value, ... in that order. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            attributes.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return attributes;
    }

    private static ResourceSpans resource(Map<String, Object> attributes, Span... spans) {
        Resource.Builder resource = Resource.newBuilder();
        attributes.forEach((key, value) -> resource.addAttributes(attribute(key, value)));
        return ResourceSpans.newBuilder().setResource(resource).addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))).build();
    }

    private static Metric metric(ExportMetricsServiceRequest request, String name) {
        return request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
                .filter(metric -> metric.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> services(ExportMetricsServiceRequest request) {
        return request.getResourceMetricsList().stream().map(SpanMetricsConnectorTest::services).toList();
    }

    private static String services(ResourceMetrics resource) {
        return (String) plain(resource.getResource().getAttributesList()).get("service.name");
    }

    private static Map<String, Object> series(String service, String spanName, String kind, String status) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("service.name", service);
        attributes.put("span.name", spanName);
        attributes.put("span.kind", kind);
        attributes.put("status.code", status);
        return attributes;
    }

    /** Attribute values as Java values, in order. */
    private static Map<String, Object> plain(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> {
            AnyValue value = kv.getValue();
            return switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> value.getIntValue();
                case BOOL_VALUE -> value.getBoolValue();
                case DOUBLE_VALUE -> value.getDoubleValue();
                default -> value.toString();
            };
        }, (a, b) -> a, LinkedHashMap::new));
    }
}
