package io.tributary.processor.filter;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.processor.ottl.DataPoints;
import io.tributary.testkit.Recording;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The filter in a metrics pipeline: what each style of settings drops, and what is counted. */
class FilterMetricsTest {
    private final Telemetry telemetry = new Telemetry();
    private final Recording<Metrics> next = Recording.create();

    @Test
    void dataPointConditionsDropPointsAndAMetricLeftWithoutAny() {
        SignalProcessor<Metrics> processor = processor("""
                metrics:
                  datapoint:
                    - 'attributes["point"] == 0'
                    - 'metric.name == "q"'
                """);

        processor.consume(batch(resource("svc", scope("lib", TestMetrics.everyType(2)))));

        assertThat(TestMetrics.points(received())).containsExactly("g#1", "s#1", "h#1", "e#1");
        assertThat(counter("otelcol.processor.filter.datapoints.filtered")).isEqualTo(6);
        assertThat(counter("otelcol.processor.dropped.metric.points")).isEqualTo(6);
        assertThat(telemetry.scrape()).contains("otelcol_processor_outgoing_items_total{otel_signal=\"metrics\",processor=\"filter\"} 4.0");
    }

    @Test
    void aMetricWithoutDataStaysAndASumThatArrivedWithoutPointsGoes() {
        SignalProcessor<Metrics> processor = processor("metrics: {datapoint: ['attributes[\"point\"] == 9']}");
        Metric noData = Metric.newBuilder().setName("nodata").build();
        Metric emptySum = Metric.newBuilder().setName("empty").setSum(Sum.newBuilder()).build();

        processor.consume(batch(resource("svc", scope("lib", List.of(noData, emptySum, TestMetrics.gauge("g", 1))))));

        assertThat(metricNames()).containsExactly("nodata", "g");
    }

    @Test
    void metricConditionsDropWholeMetricsByTheirFieldsAndDatapoints() {
        SignalProcessor<Metrics> processor = processor("""
                metrics:
                  metric:
                    - 'type == METRIC_DATA_TYPE_HISTOGRAM or type == METRIC_DATA_TYPE_EXPONENTIAL_HISTOGRAM'
                    - 'name == "s" and is_monotonic == true'
                    - 'HasAttrOnDatapoint("point", "x") or unit == "1"'
                """);

        processor.consume(batch(resource("svc", scope("lib", TestMetrics.everyType(1)))));

        assertThat(metricNames()).containsExactly("q");
        assertThat(counter("otelcol.processor.filter.datapoints.filtered")).isEqualTo(4);
    }

    @Test
    void resourceAndScopeConditionsDropWhatTheyHoldAndEmptyEntriesGoToo() {
        SignalProcessor<Metrics> processor = processor("""
                metric_conditions:
                  - 'resource.attributes["service.name"] == "noisy"'
                  - 'instrumentation_scope.name == "debug"'
                """);
        ResourceMetrics empty = ResourceMetrics.newBuilder().setResource(resource("bare").getResource()).build();

        processor.consume(batch(resource("noisy", scope("lib", TestMetrics.everyType(1))),
                resource("svc", scope("debug", List.of(TestMetrics.gauge("dbg", 1))), scope("lib", List.of(TestMetrics.gauge("g", 1)))),
                empty));

        assertThat(received()).singleElement().satisfies(entry -> assertThat(entry.getScopeMetricsList())
                .extracting(s -> s.getScope().getName()).containsExactly("lib"));
    }

    @Test
    void metricConditionsInferEachConditionsContextAndAGroupKeepsItsErrorMode() {
        SignalProcessor<Metrics> processor = processor("""
                error_mode: propagate
                metric_conditions:
                  - context: datapoint
                    error_mode: silent
                    conditions: ['Len(attributes["missing"]) > 0']
                  - conditions:
                      - 'metric.name == "g"'
                      - 'datapoint.attributes["point"] == 1 and metric.name == "s"'
                """);

        processor.consume(batch(resource("svc", scope("lib", List.of(TestMetrics.gauge("g", 2), TestMetrics.sum("s", 2, true,
                AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA))))));

        assertThat(TestMetrics.points(received())).containsExactly("s#0");
    }

    @Test
    void legacyIncludeAndExcludeMatchNamesAndResourceAttributes() {
        SignalProcessor<Metrics> processor = processor("""
                metrics:
                  include:
                    match_type: regexp
                    metric_names: ['^jvm\\.', '^http']
                    resource_attributes: [{key: service.name, value: '^shop'}]
                  exclude:
                    match_type: strict
                    metric_names: [jvm.gc.pause]
                """);

        processor.consume(batch(
                resource("shop-web", scope("lib", List.of(TestMetrics.gauge("jvm.memory", 1), TestMetrics.gauge("jvm.gc.pause", 1),
                        TestMetrics.gauge("db.calls", 1), TestMetrics.gauge("http.requests", 1)))),
                resource("billing", scope("lib", List.of(TestMetrics.gauge("jvm.memory", 1))))));

        assertThat(received()).singleElement().satisfies(entry -> assertThat(entry.getScopeMetrics(0).getMetricsList())
                .extracting(Metric::getName).containsExactly("jvm.memory", "http.requests"));
    }

    @Test
    void legacyResourceAttributesAloneDropWholeResources() {
        SignalProcessor<Metrics> processor = processor("""
                metrics:
                  exclude: {match_type: strict, resource_attributes: [{key: service.name, value: noisy}]}
                """);

        processor.consume(batch(resource("noisy", scope("lib", List.of(TestMetrics.gauge("a", 1)))),
                resource("svc", scope("lib", List.of(TestMetrics.gauge("b", 1))))));

        assertThat(metricNames()).containsExactly("b");
    }

    @Test
    void propagateRefusesTheBatchAsBadData() {
        SignalProcessor<Metrics> processor = processor("""
                error_mode: propagate
                metrics: {datapoint: ['Len(attributes["missing"]) > 0']}
                """);

        assertThatThrownBy(() -> processor.consume(batch(resource("svc", scope("lib", List.of(TestMetrics.gauge("g", 1)))))))
                .isInstanceOf(PermanentException.class)
                .hasMessageStartingWith("failed processing metrics: failed to eval condition: Len(attributes[\"missing\"]) > 0");
        assertThat(next.batches()).isEmpty();
    }

    @Test
    void aBatchNothingIsDroppedFromPassesOnAsTheSameMetrics() throws Exception {
        SignalProcessor<Metrics> processor = processor("metrics: {metric: ['name == \"absent\"']}");
        Metrics encoded = Metrics.parse(batch(resource("svc", scope("lib", TestMetrics.everyType(2)))).encoded());

        processor.consume(encoded);

        assertThat(next.batches()).singleElement().isSameAs(encoded);
    }

    @Test
    void whenNothingIsLeftTheNextConsumerIsNotCalledAndTheCountIsUnderOtelcolsName() {
        SignalProcessor<Metrics> processor = processor("metrics: {metric: ['true']}");

        processor.consume(batch(resource("svc", scope("lib", TestMetrics.everyType(3)))));

        assertThat(next.batches()).isEmpty();
        assertThat(telemetry.scrape()).contains("otelcol_processor_filter_datapoints_filtered_total{filter=\"filter\"} 15.0");
    }

    /**
     * Each config ran in otelcol v0.148.0 (otlp receiver, the filter, a file exporter) on
     * {@link #labRequest}; the expected text is what its file exporter wrote: per resource kept,
     * its service and each metric kept with the {@code point} (or {@code code}) attribute of each of
     * its data points; and otelcol's filtered count.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            metrics: {datapoint: ['attributes["point"] == 0', 'metric.name == "q"']} \
            | shop g[1] s[1] h[1] e[1] nodata jvm.mem[200 ""]; billing nodata jvm.mem[200 ""] | 11
            metrics: {metric: ['type == METRIC_DATA_TYPE_HISTOGRAM or type == METRIC_DATA_TYPE_EXPONENTIAL_HISTOGRAM', \
                'name == "s" and is_monotonic == true', 'HasAttrOnDatapoint("point", "x") or unit == "1"']} \
            | shop q[0 1] nodata emptysum[] jvm.mem[200 ""]; billing q[0] nodata emptysum[] jvm.mem[200 ""] | 12
            metrics: {metric: ['HasAttrOnDatapoint("code", "")']} \
            | shop g[0 1] s[0 1] h[0 1] e[0 1] q[0 1] nodata emptysum[]; billing g[0] s[0] h[0] e[0] q[0] nodata emptysum[] | 4
            metrics: {include: {match_type: regexp, metric_names: ['^jvm\\.', '^h'], resource_attributes: [{key: service.name, value: '^sh'}]}, \
                exclude: {match_type: strict, metric_names: [h]}} \
            | shop jvm.mem[200 ""] | 17
            metric_conditions: ['resource.attributes["a"] == nil and HasAttrKeyOnDatapoint("point") and metric.name == "g"', \
                'datapoint.value_double == 0.5'] \
            | shop s[0 1] h[0 1] e[0 1] q[0 1] nodata jvm.mem[200 ""]; billing s[0] h[0] e[0] q[0] nodata jvm.mem[200 ""] | 3
            """)
    void dropsWhatOtelcolDropped(String config, String expected, int filtered) {
        SignalProcessor<Metrics> processor = processor(config);

        processor.consume(Metrics.of(labRequest()));

        assertThat(String.join("; ", received().stream().map(FilterMetricsTest::describe).toList())).isEqualTo(expected);
        assertThat(counter("otelcol.processor.filter.datapoints.filtered")).isEqualTo(filtered);
    }

    /** Two services with every metric type (two points and one), a metric without data, an empty sum, and a resource without scopes. */
    private static ExportMetricsServiceRequest labRequest() {
        return TestMetrics.request(resource("shop", scope("lib", labMetrics(2))), resource("billing", scope("lib", labMetrics(1))),
                ResourceMetrics.newBuilder().setResource(resource("bare").getResource()).build());
    }

    private static List<Metric> labMetrics(int points) {
        List<Metric> metrics = new ArrayList<>(TestMetrics.everyType(points));
        metrics.add(Metric.newBuilder().setName("nodata").build());
        metrics.add(Metric.newBuilder().setName("emptysum").setSum(Sum.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)).build());
        metrics.add(Metric.newBuilder().setName("jvm.mem").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(1).addAttributes(attribute("code", AnyValue.newBuilder().setIntValue(200))))
                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(2).addAttributes(attribute("code", ""))))
                .build());
        return metrics;
    }

    private static String describe(ResourceMetrics resource) {
        StringBuilder text = new StringBuilder(resource.getResource().getAttributes(0).getValue().getStringValue());
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
            for (Metric metric : scope.getMetricsList()) {
                text.append(' ').append(metric.getName());
                if (metric.getDataCase() != Metric.DataCase.DATA_NOT_SET) {
                    text.append(DataPoints.of(metric).stream().map(point -> {
                        AnyValue value = firstAttribute(point);
                        return value.hasIntValue() ? Long.toString(value.getIntValue()) : "\"" + value.getStringValue() + "\"";
                    }).collect(Collectors.joining(" ", "[", "]")));
                }
            }
        }
        return text.toString();
    }

    /** Any data point type's first attribute value: each keeps its attributes in a field of that name. */
    @SuppressWarnings("unchecked")
    private static AnyValue firstAttribute(Message point) {
        return ((List<KeyValue>) point.getField(point.getDescriptorForType().findFieldByName("attributes"))).get(0).getValue();
    }

    private SignalProcessor<Metrics> processor(String yaml) {
        return new FilterProcessorFactory().create(TestContext.of("filter").telemetry(telemetry).build(), FilterConfigTest.bind(yaml),
                Signal.METRICS, next);
    }

    private static Metrics batch(ResourceMetrics... resources) {
        return Metrics.of(List.of(resources));
    }

    private static ResourceMetrics resource(String service, ScopeMetrics... scopes) {
        return TestMetrics.resource(service, scopes);
    }

    private static ScopeMetrics scope(String name, List<Metric> metrics) {
        return TestMetrics.scope(name, metrics);
    }

    private List<ResourceMetrics> received() {
        return next.batches().stream().flatMap(batch -> batch.resourceMetrics().stream()).toList();
    }

    private List<String> metricNames() {
        return received().stream().flatMap(r -> r.getScopeMetricsList().stream()).flatMap(s -> s.getMetricsList().stream())
                .map(Metric::getName).toList();
    }

    private double counter(String name) {
        return telemetry.registry().get(name).counter().count();
    }
}
