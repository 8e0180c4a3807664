package io.tributary.core.telemetry;

import static io.tributary.testkit.TestMetrics.metric;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentId;
import io.tributary.core.data.Signal;
import io.tributary.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry read as the OTLP request a periodic reader pushes, cumulative and delta, on an injected clock. */
class OtlpMetricsReaderTest {
    private static final String FILTER_SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/processor/filterprocessor";
    private static final long START = nanos(ManualClock.START);

    private final ManualClock clock = new ManualClock();
    private Telemetry telemetry;

    @AfterEach
    void close() {
        telemetry.close();
    }

    @Test
    void cumulativeInstrumentsGoUnderTheirScopesWithOtelcolsNamesUnitsAndTheResource() {
        // otelcol's default reader: every resource attribute is a label on /metrics, none is a point attribute.
        telemetry = Telemetry.forService("0.148.0", config("resource: {deployment.environment: test}"));
        OtlpMetricsReader reader = telemetry.otlpReader(TelemetryConfig.Temporality.CUMULATIVE, clock);
        telemetry.group().receiver(ComponentId.parse("otlp"), "grpc").accepted(7);
        telemetry.group().meter(FILTER_SCOPE).counter("otelcol_processor_filter_spans_filtered", "Spans filtered", "1",
                Tags.of("filter", "drop-health")).increment(2);
        telemetry.group().batch(ComponentId.parse("batch"), Signal.TRACES, () -> 3).sentOnSize(30);
        clock.advance(Duration.ofSeconds(10));

        ExportMetricsServiceRequest request = reader.collect();

        ResourceMetrics resourceMetrics = request.getResourceMetrics(0);
        assertThat(resourceMetrics.getSchemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.38.0");
        Map<String, String> resource = attributes(resourceMetrics.getResource().getAttributesList());
        assertThat(resource).containsEntry("service.name", "tributary").containsEntry("service.version", "0.148.0")
                .containsEntry("deployment.environment", "test").containsKey("service.instance.id");
        assertThat(resourceMetrics.getScopeMetricsList()).extracting(scope -> scope.getScope().getName()).doesNotHaveDuplicates()
                .contains(SelfMetric.Scope.RECEIVER.scopeName(), SelfMetric.Scope.BATCH.scopeName(), SelfMetric.Scope.SERVICE.scopeName(),
                        FILTER_SCOPE);
        assertThat(resourceMetrics.getScopeMetricsList()).flatExtracting(ScopeMetrics::getMetricsList).extracting(Metric::getName)
                .doesNotContain("target_info", "target.info").allMatch(name -> !name.contains("."));

        Metric accepted = metric(request, SelfMetric.Scope.RECEIVER.scopeName(), "otelcol_receiver_accepted_spans");
        assertThat(accepted.getUnit()).isEqualTo("{span}");
        assertThat(accepted.getDescription()).isEqualTo(SelfMetric.RECEIVER_ACCEPTED_SPANS.description());
        assertThat(accepted.getSum().getIsMonotonic()).isTrue();
        assertThat(accepted.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        NumberDataPoint point = accepted.getSum().getDataPoints(0);
        assertThat(attributes(point.getAttributesList())).isEqualTo(Map.of("receiver", "otlp", "transport", "grpc"));
        assertThat(point.getAsInt()).isEqualTo(7);
        assertThat(point.getStartTimeUnixNano()).isEqualTo(START);
        assertThat(point.getTimeUnixNano()).isEqualTo(START + Duration.ofSeconds(10).toNanos());
        assertThat(metric(request, SelfMetric.Scope.RECEIVER.scopeName(), "otelcol_receiver_refused_spans").getSum().getDataPoints(0)
                .getAsInt()).isZero();

        Metric filtered = metric(request, FILTER_SCOPE, "otelcol_processor_filter_spans_filtered");
        assertThat(filtered.getUnit()).isEqualTo("1");
        assertThat(filtered.getSum().getDataPoints(0).getAsInt()).isEqualTo(2);
        assertThat(attributes(filtered.getSum().getDataPoints(0).getAttributesList())).isEqualTo(Map.of("filter", "drop-health"));

        Metric sendSize = metric(request, SelfMetric.Scope.BATCH.scopeName(), "otelcol_processor_batch_batch_send_size");
        HistogramDataPoint histogram = sendSize.getHistogram().getDataPoints(0);
        assertThat(sendSize.getHistogram().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        assertThat(histogram.getExplicitBoundsList()).isEqualTo(SelfMetric.BATCH_SIZE_BUCKETS);
        assertThat(histogram.getBucketCountsList()).hasSize(SelfMetric.BATCH_SIZE_BUCKETS.size() + 1);
        assertThat(histogram.getBucketCounts(2)).as("30 in (25, 50]").isEqualTo(1);
        assertThat(histogram.getBucketCountsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        assertThat(histogram.getCount()).isEqualTo(1);
        assertThat(histogram.getSum()).isEqualTo(30);
        assertThat(histogram.hasMin() || histogram.hasMax()).isFalse();

        Metric cardinality = metric(request, SelfMetric.Scope.BATCH.scopeName(), "otelcol_processor_batch_metadata_cardinality");
        assertThat(cardinality.getSum().getIsMonotonic()).as("an up-down counter").isFalse();
        assertThat(cardinality.getSum().getDataPoints(0).getAsInt()).isEqualTo(3);

        Metric uptime = metric(request, SelfMetric.Scope.SERVICE.scopeName(), "otelcol_process_uptime");
        assertThat(uptime.getUnit()).isEqualTo("s");
        assertThat(uptime.getSum().getDataPoints(0).getValueCase()).isEqualTo(NumberDataPoint.ValueCase.AS_DOUBLE);
        Metric rss = metric(request, SelfMetric.Scope.SERVICE.scopeName(), "otelcol_process_memory_rss");
        assertThat(rss.getDataCase()).isEqualTo(Metric.DataCase.GAUGE);
        assertThat(rss.getGauge().getDataPoints(0).getValueCase()).isEqualTo(NumberDataPoint.ValueCase.AS_INT);
    }

    @Test
    void deltaSendsWhatChangedSinceThePreviousCollectionAndKeepsGaugesCumulative() {
        // An explicit reader: its scope labels are no point attributes either.
        telemetry = new Telemetry(Exposition.PULL_READER);
        OtlpMetricsReader reader = telemetry.otlpReader(TelemetryConfig.Temporality.DELTA, clock);
        Counter accepted = telemetry.meter(FILTER_SCOPE).counter("otelcol_processor_filter_spans_filtered", "", "1", Tags.empty());
        AtomicLong uptime = new AtomicLong(100);
        telemetry.functionCounter(SelfMetric.PROCESS_UPTIME, uptime, AtomicLong::get);
        telemetry.gauge(SelfMetric.EXPORTER_QUEUE_SIZE, Tags.of("exporter", "otlp"), new AtomicLong(4), AtomicLong::get);
        BatchMetrics batch = telemetry.batch(ComponentId.parse("batch"), Signal.TRACES, () -> 0);
        accepted.increment(5);
        batch.sentOnSize(30);
        clock.advance(Duration.ofSeconds(10));
        reader.collect();
        long first = START + Duration.ofSeconds(10).toNanos();

        accepted.increment(3);
        uptime.set(160);
        batch.sentOnSize(60);
        batch.sentOnSize(70);
        clock.advance(Duration.ofSeconds(10));
        ExportMetricsServiceRequest request = reader.collect();

        Metric filtered = metric(request, FILTER_SCOPE, "otelcol_processor_filter_spans_filtered");
        assertThat(filtered.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        NumberDataPoint point = filtered.getSum().getDataPoints(0);
        assertThat(point.getAsInt()).isEqualTo(3);
        assertThat(point.getAttributesList()).isEmpty();
        assertThat(point.getStartTimeUnixNano()).isEqualTo(first);
        assertThat(point.getTimeUnixNano()).isEqualTo(first + Duration.ofSeconds(10).toNanos());
        Metric processUptime = metric(request, SelfMetric.Scope.SERVICE.scopeName(), "otelcol_process_uptime");
        assertThat(processUptime.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        assertThat(processUptime.getSum().getDataPoints(0).getAsDouble()).isEqualTo(60);
        HistogramDataPoint histogram = metric(request, SelfMetric.Scope.BATCH.scopeName(), "otelcol_processor_batch_batch_send_size")
                .getHistogram().getDataPoints(0);
        assertThat(histogram.getCount()).isEqualTo(2);
        assertThat(histogram.getSum()).isEqualTo(130);
        assertThat(histogram.getBucketCounts(2)).as("(25, 50]: nothing new").isZero();
        assertThat(histogram.getBucketCounts(3)).as("(50, 75]").isEqualTo(2);
        Metric queueSize = metric(request, SelfMetric.Scope.EXPORTER.scopeName(), "otelcol_exporter_queue_size");
        assertThat(queueSize.getGauge().getDataPoints(0).getAsInt()).isEqualTo(4);
    }

    @Test
    void lowMemoryKeepsWhatIsReadAtCollectionCumulative() {
        telemetry = new Telemetry(Exposition.PULL_READER);
        OtlpMetricsReader reader = telemetry.otlpReader(TelemetryConfig.Temporality.LOWMEMORY, clock);
        telemetry.meter(FILTER_SCOPE).counter("otelcol_processor_filter_spans_filtered", "", "1", Tags.empty()).increment();
        telemetry.functionCounter(SelfMetric.PROCESS_UPTIME, new AtomicLong(100), AtomicLong::get);

        ExportMetricsServiceRequest request = reader.collect();

        assertThat(metric(request, FILTER_SCOPE, "otelcol_processor_filter_spans_filtered").getSum().getAggregationTemporality())
                .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        assertThat(metric(request, SelfMetric.Scope.SERVICE.scopeName(), "otelcol_process_uptime").getSum().getAggregationTemporality())
                .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    }

    @Test
    void aSeriesRegisteredAgainAfterItsComponentWentStartsAfresh() {
        telemetry = new Telemetry();
        OtlpMetricsReader reader = telemetry.otlpReader(TelemetryConfig.Temporality.CUMULATIVE, clock);
        Telemetry backend = telemetry.group();
        backend.meter(FILTER_SCOPE).counter("otelcol_processor_filter_spans_filtered", "", "1", Tags.empty()).increment(9);
        clock.advance(Duration.ofSeconds(10));
        reader.collect();
        backend.close();
        clock.advance(Duration.ofSeconds(10));
        assertThat(reader.collect().getResourceMetrics(0).getScopeMetricsList()).as("gone with its group").isEmpty();

        telemetry.group().meter(FILTER_SCOPE).counter("otelcol_processor_filter_spans_filtered", "", "1", Tags.empty()).increment(2);
        clock.advance(Duration.ofSeconds(10));
        NumberDataPoint point = metric(reader.collect(), FILTER_SCOPE, "otelcol_processor_filter_spans_filtered").getSum().getDataPoints(0);

        assertThat(point.getAsInt()).isEqualTo(2);
        assertThat(point.getStartTimeUnixNano()).as("the collection before it appeared").isEqualTo(START + Duration.ofSeconds(20).toNanos());
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> a,
                LinkedHashMap::new));
    }

    private static TelemetryConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), "service::telemetry",
                TelemetryConfig.class, TelemetryConfig.DEFAULT);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
