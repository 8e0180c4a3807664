package io.tributary.processor.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.Recording;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

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
