package io.tributary.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.exporter.LogLines;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the accumulator keeps and for how long, and what the registry refuses, as a scrape shows it. */
class AccumulationTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final ManualClock clock = new ManualClock();
    private final PrometheusSender sender = new PrometheusSender(TestContext.of("prometheus").clock(clock).build(),
            PrometheusExpositionTest.config("{endpoint: 127.0.0.1:0, metric_expiration: 1m, without_scope_info: true}"));

    @Test
    void aSeriesIsServedUntilMetricExpirationPassesWithoutAnUpdate() {
        send(gauge("temperature", point(T0, 21.5)));
        assertThat(scrape()).contains("temperature{instance=\"i-1\",job=\"svc\"} 21.5", "target_info{instance=\"i-1\",job=\"svc\"} 1");

        clock.advance(Duration.ofMinutes(1));
        assertThat(scrape()).contains("temperature{instance=\"i-1\",job=\"svc\"} 21.5");

        clock.advance(Duration.ofNanos(1));
        assertThat(scrape()).isEmpty();

        send(gauge("temperature", point(T0 + SECOND, 22)));
        assertThat(scrape()).contains("temperature{instance=\"i-1\",job=\"svc\"} 22");
    }

    @Test
    void aPointOlderThanTheKeptOneIsIgnored() {
        send(cumulative("requests", point(T0 + 20 * SECOND, 5)));
        send(cumulative("requests", point(T0 + 10 * SECOND, 3)));
        assertThat(scrape()).contains("requests_total{instance=\"i-1\",job=\"svc\"} 5");

        send(cumulative("requests", point(T0 + 30 * SECOND, 7)));
        assertThat(scrape()).contains("requests_total{instance=\"i-1\",job=\"svc\"} 7");
    }

    @Test
    void aPointWithNoRecordedValueRemovesItsSeries() {
        send(gauge("temperature", point(T0, 21.5)));
        send(gauge("temperature", point(T0 + SECOND, 0).toBuilder()
                .setFlags(DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE).build()));

        assertThat(scrape()).doesNotContain("temperature");
    }

    @Test
    void aMonotonicDeltaAddsUpWhenItStartsWhereTheKeptPointEnded() {
        send(delta("requests", true, point(T0, 3).toBuilder().setStartTimeUnixNano(T0 - SECOND).build()));
        send(delta("requests", true, point(T0 + SECOND, 4).toBuilder().setStartTimeUnixNano(T0).build()));
        assertThat(scrape()).contains("requests_total{instance=\"i-1\",job=\"svc\"} 7");

        send(delta("requests", true, point(T0 + 3 * SECOND, 2).toBuilder().setStartTimeUnixNano(T0 + 2 * SECOND).build()));
        assertThat(scrape()).as("a gap starts the count over").contains("requests_total{instance=\"i-1\",job=\"svc\"} 2");

        send(delta("queue", false, point(T0, 3).toBuilder().setStartTimeUnixNano(T0 - SECOND).build()));
        assertThat(scrape()).as("a non-monotonic delta is dropped").doesNotContain("queue");
    }

    @Test
    void aNameKeepsItsFirstTypeAndDescription() {
        send(gauge("jobs", point(T0, 1)).toBuilder().setDescription("first").build());
        send(gauge("jobs", point(T0, 2)).toBuilder().setDescription("second").build(), "other");
        send(Metric.newBuilder().setName("jobs").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(1).setSum(1))).build(), "third");

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger senderLog = (Logger) LoggerFactory.getLogger(PrometheusSender.class);
        senderLog.addAppender(log);
        String scrape;
        try {
            scrape = scrape();
        } finally {
            senderLog.detachAppender(log);
        }

        assertThat(scrape).contains("# HELP jobs first\n# TYPE jobs gauge\n", "jobs{instance=\"i-1\",job=\"other\"} 2")
                .doesNotContain("jobs_bucket", "second");
        assertThat(log.list).extracting(LogLines::withFields).anySatisfy(line -> assertThat(line)
                .contains("Instrument description conflict, using existing", "instrument=jobs", "existing=first", "dropped=second"))
                .anySatisfy(line -> assertThat(line).contains("failed to convert metric jobs: instrument type conflict"));
    }

    @Test
    void attributesThatTranslateToTheSameLabelLeaveTheSeriesOut() {
        send(gauge("temperature", point(T0, 21.5).toBuilder().addAttributes(attribute("room.id", "a"))
                .addAttributes(attribute("room_id", "b")).build()));
        send(gauge("humidity", point(T0, 40)));

        assertThat(scrape()).contains("humidity{").doesNotContain("temperature");
    }

    @Test
    void aFamilyWhoseSamplesCollideWithAHistogramsIsRefusedAndTheRestServed() {
        send(Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(1).setSum(1))).build());
        send(gauge("latency_count", point(T0, 3)));

        assertThat(scrape()).contains("latency_bucket{").doesNotContain("latency_count{instance=\"i-1\",job=\"svc\"} 3");
    }

    @Test
    void seriesAlikeOnceTranslatedAndAGaugeNamedTargetInfoAreRefusedAndTheRestServed() {
        send(gauge("target_info", point(T0, 1)));
        send(Metric.newBuilder().setName("dup").setGauge(Gauge.newBuilder()
                .addDataPoints(point(T0, 1).toBuilder().addAttributes(attribute("a.b", "x")))
                .addDataPoints(point(T0, 2).toBuilder().addAttributes(attribute("a_b", "x")))).build());

        assertThat(scrape()).isEqualTo("""
                # HELP dup\s
                # TYPE dup gauge
                dup{a_b="x",instance="i-1",job="svc"} 1
                # HELP target_info Target metadata
                # TYPE target_info gauge
                target_info{instance="i-1",job="svc"} 1
                """);
    }

    @Test
    void aScrapeWhoseEverySeriesIsRefusedIsAnError() {
        sender.send(Signal.METRICS, Metrics.of(List.of(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("rpc").setSummary(Summary.newBuilder()
                        .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(T0).setCount(1).setSum(2)
                                .addAttributes(attribute("quantile", "x"))))))
                .build())), Duration.ZERO);

        FullHttpResponse response = sender.respond(PrometheusExpositionTest.request(null));
        try {
            assertThat(response.status()).isEqualTo(HttpResponseStatus.INTERNAL_SERVER_ERROR);
            assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo("An error has occurred while serving metrics:\n\n"
                    + "collected metric \"rpc\" {quantile=\"x\"} must not have an explicit \"quantile\" label\n");
        } finally {
            response.release();
        }
    }

    private void send(Metric metric) {
        send(metric, "svc");
    }

    private void send(Metric metric, String service) {
        sender.send(Signal.METRICS, Metrics.of(List.of(resource(service, metric))), Duration.ZERO);
    }

    private String scrape() {
        FullHttpResponse response = sender.respond(PrometheusExpositionTest.request(null));
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    private static ResourceMetrics resource(String service, Metric metric) {
        return ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service))
                        .addAttributes(attribute("service.instance.id", "i-1")))
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("test")).addMetrics(metric))
                .build();
    }

    private static Metric gauge(String name, NumberDataPoint point) {
        return Metric.newBuilder().setName(name).setGauge(Gauge.newBuilder().addDataPoints(point)).build();
    }

    private static Metric cumulative(String name, NumberDataPoint point) {
        return Metric.newBuilder().setName(name).setSum(Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).addDataPoints(point)).build();
    }

    private static Metric delta(String name, boolean monotonic, NumberDataPoint point) {
        return Metric.newBuilder().setName(name).setSum(Sum.newBuilder().setIsMonotonic(monotonic)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).addDataPoints(point)).build();
    }

    private static NumberDataPoint point(long time, double value) {
        return NumberDataPoint.newBuilder().setTimeUnixNano(time).setAsDouble(value).build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
