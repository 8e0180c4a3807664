package io.tributary.connector.routing;

import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.scope;
import static io.tributary.testkit.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.Connector;
import io.tributary.core.consumer.ConnectorTargets;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.testkit.Recording;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import io.tributary.testkit.TestTraces;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routing connector fed batches as a receiver hands them on (encoded, validated), each
 * pipeline it feeds an in-test recording consumer under its pipeline ID.
 */
class RoutingConnectorTest {
    private static final String ACME_OR_SHOP = """
            default_pipelines: [traces/other]
            table:
              - condition: attributes["service.name"] == "acme"
                pipelines: [traces/acme]
              - statement: route() where IsMatch(attributes["service.name"], "^(acme|shop)$")
                pipelines: [traces/shop]
            """;

    @Test
    void eachResourceGoesToTheFirstRouteSelectingItAndTheRestToTheDefaultPipelines() throws Exception {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/acme", "traces/shop", "traces/other");
        Connector<Traces> routing = connector(Signal.TRACES, ACME_OR_SHOP, pipelines);

        routing.consume(traces(resource("acme", span("a1")), resource("shop", span("s1")), resource("web", span("w1")),
                resource("shop", span("s2")), resource("acme", span("a2"))));

        assertThat(names(pipelines.get("traces/acme"))).containsExactly("acme//a1", "acme//a2");
        assertThat(names(pipelines.get("traces/shop"))).containsExactly("shop//s1", "shop//s2");
        assertThat(names(pipelines.get("traces/other"))).containsExactly("web//w1");
        // One batch per pipeline; resource entries taken whole are the received bytes.
        Traces shop = pipelines.get("traces/shop").batches().get(0);
        assertThat(pipelines.get("traces/shop").batches()).hasSize(1);
        assertThat(shop.encoded()).isEqualTo(TestTraces.request(resource("shop", span("s1")), resource("shop", span("s2"))).toByteString());
        assertThat(shop.spanCount()).isEqualTo(2);
        assertThat(shop.resourceSpansCount()).isEqualTo(2);
    }

    @Test
    void aBatchOneRouteTakesWholeIsPassedOnItselfWithItsClient() throws Exception {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/acme", "traces/shop", "traces/other");
        Connector<Traces> routing = connector(Signal.TRACES, ACME_OR_SHOP, pipelines);
        ClientInfo client = ClientInfo.of(new InetSocketAddress("10.0.0.7", 4317));
        Traces batch = traces(resource("acme", span("a1")), resource("acme", span("a2"))).withClient(client);
        Traces mixed = traces(resource("acme", span("a3")), resource("web", span("w1"))).withClient(client);

        routing.consume(batch);
        routing.consume(mixed);

        assertThat(pipelines.get("traces/acme").batches().get(0)).isSameAs(batch);
        assertThat(pipelines.get("traces/acme").batches().get(1).client()).isSameAs(client);
        assertThat(pipelines.get("traces/other").batches().get(0).client()).isSameAs(client);
        assertThat(pipelines.get("traces/shop").batches()).isEmpty();
    }

    @Test
    void withoutDefaultPipelinesWhatNoRouteTakesIsDropped() throws Exception {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/acme");
        Connector<Traces> routing = connector(Signal.TRACES, """
                table:
                  - condition: attributes["service.name"] == "acme"
                    pipelines: [traces/acme]
                """, pipelines);

        routing.consume(traces(resource("web", span("w1")), resource("acme", span("a1"))));
        routing.consume(traces(resource("web", span("w2"))));

        assertThat(names(pipelines.get("traces/acme"))).containsExactly("acme//a1");
    }

    @Test
    void aSpanRouteCutsSpansOutOfTheirResourceAndScope() throws Exception {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/pay", "traces/other");
        Connector<Traces> routing = connector(Signal.TRACES, """
                default_pipelines: [traces/other]
                table:
                  - context: span
                    condition: attributes["http.route"] == "/pay" and resource.attributes["service.name"] == "shop"
                    pipelines: [traces/pay]
                """, pipelines);

        routing.consume(traces(
                resource("shop", scope("http", span("GET /cart"), span("POST /pay", "http.route", "/pay")), scope("idle")),
                resource("web", span("POST /pay", "http.route", "/pay")),
                resource("empty")));

        assertThat(names(pipelines.get("traces/pay"))).containsExactly("shop/http/POST /pay");
        // What is left keeps its order; as in otelcol, scopes and resources left empty (or that came empty) go.
        assertThat(names(pipelines.get("traces/other"))).containsExactly("shop/http/GET /cart", "web//POST /pay");
        List<ResourceSpans> left = pipelines.get("traces/other").batches().get(0).resourceSpans();
        assertThat(left).hasSize(2);
        assertThat(left.get(0).getScopeSpansList()).hasSize(1);
        assertThat(pipelines.get("traces/pay").batches().get(0).spanCount()).isEqualTo(1);
    }

    @Test
    void aCopyingRouteLeavesWhatItSelectsToTheRoutesAfterIt() throws Exception {
        Map<String, Recording<Logs>> pipelines = pipelines("logs/archive", "logs/errors", "logs/other");
        Connector<Logs> routing = connector(Signal.LOGS, """
                default_pipelines: [logs/other]
                table:
                  - context: resource
                    condition: "true"
                    action: copy
                    pipelines: [logs/archive]
                  - context: log
                    condition: severity_number >= SEVERITY_NUMBER_ERROR
                    pipelines: [logs/errors]
                """, pipelines);
        Logs batch = logs(TestLogs.resource("shop", TestLogs.scope("app", List.of(TestLogs.record("started"), error("failed"),
                TestLogs.record("retrying")))), TestLogs.resource("web", TestLogs.scope("app", List.of(error("down")))));

        routing.consume(batch);

        assertThat(pipelines.get("logs/archive").batches()).containsExactly(batch);
        assertThat(bodies(pipelines.get("logs/errors"))).containsExactly("failed", "down");
        assertThat(bodies(pipelines.get("logs/other"))).containsExactly("started", "retrying");
        assertThat(pipelines.get("logs/errors").batches().get(0).logRecordCount()).isEqualTo(2);
    }

    @Test
    void metricAndDataPointRoutesCutMetricsAndTheirPoints() throws Exception {
        Map<String, Recording<Metrics>> pipelines = pipelines("metrics/requests", "metrics/first", "metrics/other");
        Connector<Metrics> routing = connector(Signal.METRICS, """
                default_pipelines: [metrics/other]
                table:
                  - context: metric
                    condition: name == "requests"
                    pipelines: [metrics/requests]
                  - context: datapoint
                    condition: attributes["point"] == 1 and metric.name != "requests"
                    pipelines: [metrics/first]
                """, pipelines);
        Metric bytes = TestMetrics.sum("bytes", 3, true, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).toBuilder()
                .addMetadata(KeyValue.newBuilder().setKey("origin").setValue(TestTraces.string("agent"))).build();
        Metric requests = TestMetrics.gauge("requests", 2);
        Metric noData = Metric.newBuilder().setName("no-data").build();

        routing.consume(metrics(TestMetrics.resource("svc", TestMetrics.scope("m", List.of(requests, bytes, noData)))));

        assertThat(points(pipelines.get("metrics/requests"))).containsExactly("requests#0", "requests#1");
        assertThat(points(pipelines.get("metrics/first"))).containsExactly("bytes#1");
        assertThat(points(pipelines.get("metrics/other"))).containsExactly("bytes#0", "bytes#2");
        // The points taken go in a copy of their metric without its metadata, as otelcol copies it.
        Metric taken = onlyMetric(pipelines.get("metrics/first"), "bytes");
        assertThat(taken.getSum().getIsMonotonic()).isTrue();
        assertThat(taken.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        assertThat(taken.getDescription()).isEqualTo("a sum");
        assertThat(taken.getMetadataList()).isEmpty();
        assertThat(onlyMetric(pipelines.get("metrics/other"), "bytes").getMetadataList()).hasSize(1);
        // A metric without data has no points to route: it stays for the default pipelines.
        assertThat(onlyMetric(pipelines.get("metrics/other"), "no-data")).isEqualTo(noData);
        assertThat(pipelines.get("metrics/first").batches().get(0).dataPointCount()).isEqualTo(1);
        assertThat(pipelines.get("metrics/other").batches().get(0).dataPointCount()).isEqualTo(2);
    }

    @Test
    void aRouteOfAContextTheSignalLacksNeverMatches() throws Exception {
        Map<String, Recording<Metrics>> pipelines = pipelines("metrics/spans", "metrics/other");
        Connector<Metrics> routing = connector(Signal.METRICS, """
                default_pipelines: [metrics/other]
                table:
                  - context: span
                    condition: "true"
                    pipelines: [metrics/spans]
                """, pipelines);
        Metrics batch = metrics(TestMetrics.resource("svc", TestMetrics.scope("m", List.of(TestMetrics.gauge("g", 1)))));

        routing.consume(batch);

        assertThat(pipelines.get("metrics/spans").batches()).isEmpty();
        assertThat(pipelines.get("metrics/other").batches()).containsExactly(batch);
    }

    @Test
    void aRequestRouteReadsTheClientsMetadataWhateverTheCaseOfItsName() throws Exception {
        Map<String, Recording<Logs>> pipelines = pipelines("logs/acme", "logs/not-acme", "logs/other");
        Connector<Logs> routing = connector(Signal.LOGS, """
                default_pipelines: [logs/other]
                table:
                  - context: request
                    condition: request["X-Tenant"] == "acme"
                    pipelines: [logs/acme]
                  - context: request
                    condition: request["x-tenant"] != "acme"
                    pipelines: [logs/not-acme]
                """, pipelines);
        Logs acme = logs(TestLogs.resource("shop", TestLogs.scope("app", TestLogs.records("a")))).withClient(tenant("x-TENANT", "acme"));
        Logs globex = logs(TestLogs.resource("shop", TestLogs.scope("app", TestLogs.records("g")))).withClient(tenant("X-Tenant", "globex"));
        // Without the header (a receiver without include_metadata), even != does not hold, as in otelcol.
        Logs anonymous = logs(TestLogs.resource("shop", TestLogs.scope("app", TestLogs.records("n"))));

        routing.consume(acme);
        routing.consume(globex);
        routing.consume(anonymous);

        assertThat(pipelines.get("logs/acme").batches()).containsExactly(acme);
        assertThat(pipelines.get("logs/not-acme").batches()).containsExactly(globex);
        assertThat(pipelines.get("logs/other").batches()).containsExactly(anonymous);
    }

    @Test
    void aRouteRepeatingAnEarlierOneIsIgnored() throws Exception {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/first", "traces/repeated");
        Connector<Traces> routing = connector(Signal.TRACES, """
                table:
                  - condition: attributes["service.name"] == "acme"
                    pipelines: [traces/first]
                  - statement: route() where attributes["service.name"] == "acme"
                    action: copy
                    pipelines: [traces/repeated]
                """, pipelines);

        routing.consume(traces(resource("acme", span("a1"))));

        assertThat(names(pipelines.get("traces/first"))).containsExactly("acme//a1");
        assertThat(pipelines.get("traces/repeated").batches()).isEmpty();
    }

    @Test
    void routesToTheSamePipelinesShareOneBatch() throws Exception {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/a", "traces/b");
        Connector<Traces> routing = connector(Signal.TRACES, """
                default_pipelines: [traces/a, traces/b]
                table:
                  - condition: attributes["service.name"] == "acme"
                    pipelines: [traces/a, traces/b]
                  - context: span
                    condition: name == "w1"
                    pipelines: [traces/b]
                """, pipelines);

        routing.consume(traces(resource("acme", span("a1")), resource("web", span("w1"), span("w2"))));

        assertThat(pipelines.get("traces/a").batches()).hasSize(1);
        assertThat(names(pipelines.get("traces/a"))).containsExactly("acme//a1", "web//w2");
        assertThat(pipelines.get("traces/b").batches()).hasSize(2);
        assertThat(names(pipelines.get("traces/b"))).containsExactly("acme//a1", "web//w2", "web//w1");
    }

    @Test
    void aConditionFailingWithPropagateRefusesTheWholeBatch() throws Exception {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/acme", "traces/long", "traces/other");
        Connector<Traces> routing = connector(Signal.TRACES, failing("propagate"), pipelines);

        assertThatThrownBy(() -> routing.consume(traces(resource("acme", span("a1")), resource("web", span("w1")))))
                .isInstanceOf(PermanentException.class)
                .hasMessage("failed routing spans: failed to eval condition: Len(attributes[\"missing\"]) > 3, "
                        + "Len: target arg must be of type string, []byte, pcommon.Map or pcommon.Slice, got nil");
        pipelines.values().forEach(pipeline -> assertThat(pipeline.batches()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ignore", "silent"})
    void aConditionFailingOtherwiseSelectsNothing(String errorMode) throws Exception {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/acme", "traces/long", "traces/other");
        Connector<Traces> routing = connector(Signal.TRACES, failing(errorMode), pipelines);

        routing.consume(traces(resource("acme", span("a1")), resource("web", span("w1"))));

        assertThat(names(pipelines.get("traces/acme"))).containsExactly("acme//a1");
        assertThat(pipelines.get("traces/long").batches()).isEmpty();
        assertThat(names(pipelines.get("traces/other"))).containsExactly("web//w1");
    }

    @Test
    void aPipelineRefusingItsShareKeepsNoOtherFromTheirs() throws Exception {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/acme", "traces/shop", "traces/other");
        Connector<Traces> routing = connector(Signal.TRACES, ACME_OR_SHOP, pipelines);
        pipelines.get("traces/acme").failWith(() -> new PermanentException("bad"));
        pipelines.get("traces/shop").failWith(() -> new RetryableException("full"));

        assertThatThrownBy(() -> routing.consume(traces(resource("acme", span("a1")), resource("shop", span("s1")), resource("web", span("w1")))))
                .isInstanceOf(RetryableException.class).hasMessage("full");
        assertThat(names(pipelines.get("traces/other"))).containsExactly("web//w1");
    }

    @Test
    void anEmptyBatchGoesNowhere() {
        Map<String, Recording<Traces>> pipelines = pipelines("traces/acme", "traces/shop", "traces/other");
        Connector<Traces> routing = connector(Signal.TRACES, ACME_OR_SHOP, pipelines);

        routing.consume(Traces.EMPTY);

        pipelines.values().forEach(pipeline -> assertThat(pipeline.batches()).isEmpty());
    }

    @Test
    void pipelinesThatDoNotReceiveFromTheConnectorAreRefusedInOtelcolsWords() {
        String yaml = """
                default_pipelines: [traces/other]
                table:
                  - condition: "true"
                    pipelines: [traces/a, metrics/a, traces/b]
                """;
        assertThatThrownBy(() -> connector(Signal.TRACES, yaml, pipelines("traces/a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pipeline not found: missing consumer: \"traces/other\"");
        assertThatThrownBy(() -> connector(Signal.TRACES, yaml, pipelines("traces/a", "traces/other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pipeline not found: missing consumer: \"metrics/a\"; missing consumer: \"traces/b\"");
    }

    /** Routes to {@code traces/acme} by resource, then to {@code traces/long} with a condition that fails on every span. */
    private static String failing(String errorMode) {
        return """
                error_mode: %s
                default_pipelines: [traces/other]
                table:
                  - condition: attributes["service.name"] == "acme"
                    pipelines: [traces/acme]
                  - context: span
                    condition: Len(attributes["missing"]) > 3
                    pipelines: [traces/long]
                """.formatted(errorMode);
    }

    static RoutingConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "connectors::routing", RoutingConfig.class,
                RoutingConfig.DEFAULT);
    }

    /** A recording consumer per pipeline ID, in order. */
    private static <D extends SignalData<D, ?>> Map<String, Recording<D>> pipelines(String... ids) {
        Map<String, Recording<D>> pipelines = new LinkedHashMap<>();
        for (String id : ids) {
            pipelines.put(id, Recording.create());
        }
        return pipelines;
    }

    private static <D extends SignalData<D, ?>> Connector<D> connector(Signal<D> signal, String yaml, Map<String, Recording<D>> pipelines) {
        return new RoutingConnectorFactory().create(TestContext.of("routing").build(), config(yaml), signal,
                new ConnectorTargets<>(signal, pipelines));
    }

    private static ClientInfo tenant(String header, String value) {
        return ClientInfo.of(new InetSocketAddress("10.0.0.7", 4318)).withMetadata(ClientInfo.metadata(List.of(Map.entry(header, value))));
    }

    private static Traces traces(ResourceSpans... resources) throws InvalidOtlpException {
        return Traces.parse(TestTraces.request(resources).toByteString());
    }

    private static Metrics metrics(ResourceMetrics... resources) throws InvalidOtlpException {
        return Metrics.parse(TestMetrics.request(resources).toByteString());
    }

    private static Logs logs(ResourceLogs... resources) throws InvalidOtlpException {
        return Logs.parse(TestLogs.request(resources).toByteString());
    }

    private static LogRecord error(String body) {
        return TestLogs.record(body).toBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR).setSeverityText("ERROR").build();
    }

    private static List<String> names(Recording<Traces> pipeline) {
        List<ResourceSpans> all = new ArrayList<>();
        pipeline.batches().forEach(batch -> all.addAll(batch.resourceSpans()));
        return TestTraces.names(all);
    }

    private static List<String> points(Recording<Metrics> pipeline) {
        List<ResourceMetrics> all = new ArrayList<>();
        pipeline.batches().forEach(batch -> all.addAll(batch.resourceMetrics()));
        return TestMetrics.points(all);
    }

    private static List<String> bodies(Recording<Logs> pipeline) {
        List<ResourceLogs> all = new ArrayList<>();
        pipeline.batches().forEach(batch -> all.addAll(batch.resourceLogs()));
        return TestLogs.bodies(all);
    }

    private static Metric onlyMetric(Recording<Metrics> pipeline, String name) {
        return TestMetrics.metric(pipeline.batches().get(0).toRequest(), "m", name);
    }
}
