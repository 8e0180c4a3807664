package io.tributary.processor.attributes;

import static io.tributary.testkit.TestTraces.attribute;
import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.config.Problems;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.Recording;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AttributesProcessorTest {
    private final Telemetry telemetry = new Telemetry();
    private final RecordingConsumer next = new RecordingConsumer();
    private final Recording<Logs> logs = Recording.create();
    private final Recording<Metrics> metrics = Recording.create();

    @Test
    void appliesTheActionsInOrderToEverySpan() {
        Processor processor = processor("""
                actions:
                  - {key: http.request.header.authorization, action: delete}
                  - {key: env, value: prod, action: insert}
                """);

        processor.consume(Traces.of(List.of(resource("svc-a", span("a", "http.request.header.authorization", "secret")))));

        assertThat(next.spans().get(0).getAttributesList()).containsExactly(attribute("env", "prod"));
    }

    @Test
    void fromContextReadsTheBatchsClientAndTheRewrittenBatchKeepsIt() {
        Processor processor = processor("actions: [{key: tenant, from_context: metadata.x-tenant, action: insert}]");
        ClientInfo acme = ClientInfo.of(new InetSocketAddress("10.0.0.1", 4317)).withMetadata(Map.of("x-tenant", List.of("acme")));
        ClientInfo globex = ClientInfo.of(new InetSocketAddress("10.0.0.2", 4317)).withMetadata(Map.of("x-tenant", List.of("globex")));

        processor.consume(Traces.of(List.of(resource("svc-a", span("a"), span("b")))).withClient(acme));
        processor.consume(Traces.of(List.of(resource("svc-a", span("c")))).withClient(globex));

        assertThat(next.spans()).extracting(s -> s.getAttributes(0))
                .containsExactly(attribute("tenant", "acme"), attribute("tenant", "acme"), attribute("tenant", "globex"));
        assertThat(next.batches()).extracting(Traces::client).containsExactly(acme, globex);
    }

    @Test
    void actsOnlyOnSpansThatPassIncludeAndExclude() {
        Processor processor = processor("""
                include: {match_type: strict, services: [svc-a]}
                exclude: {match_type: regexp, span_names: ['^health']}
                actions: [{key: touched, value: true, action: insert}]
                """);

        processor.consume(Traces.of(List.of(
                resource("svc-a", span("GET /users"), span("healthcheck")),
                resource("svc-b", span("GET /users")))));

        assertThat(next.spans()).extracting(s -> s.getAttributesCount()).containsExactly(1, 0, 0);
    }

    @Test
    void passesABatchNoActionChangesOnAsTheSameTraces() throws Exception {
        Processor processor = processor("actions: [{key: absent, action: delete}]");
        Traces encoded = Traces.parse(Traces.of(List.of(resource("svc-a", span("a", "k", "v")))).encoded());

        processor.consume(encoded);

        assertThat(next.batches()).singleElement().isSameAs(encoded);
    }

    @Test
    void keepsUnchangedResourcesAndSpansAsTheyAre() {
        Processor processor = processor("""
                include: {match_type: strict, span_names: [b]}
                actions: [{key: k, value: new, action: update}]
                """);
        ResourceSpans untouched = resource("svc-a", span("a", "k", "old"));

        processor.consume(Traces.of(List.of(untouched, resource("svc-b", span("b", "k", "old")))));

        List<ResourceSpans> received = next.resourceSpans();
        assertThat(received.get(0)).isSameAs(untouched);
        assertThat(received.get(1).getScopeSpans(0).getSpans(0).getAttributesList()).containsExactly(attribute("k", "new"));
    }

    @Test
    void countsSpansInAndOut() {
        Processor processor = processor("actions: [{key: env, value: prod, action: upsert}]");

        processor.consume(Traces.of(List.of(resource("svc-a", span("a"), span("b")))));

        assertThat(counter("otelcol.processor.incoming.items")).isEqualTo(2);
        assertThat(counter("otelcol.processor.outgoing.items")).isEqualTo(2);
    }

    @Test
    void aRefusalOfTheNextConsumerGoesBackToTheCaller() {
        Processor processor = processor("actions: [{key: env, value: prod, action: upsert}]");
        next.failWith(() -> new RetryableException("busy"));

        assertThatThrownBy(() -> processor.consume(Traces.of(List.of(resource("svc-a", span("a"))))))
                .isInstanceOf(RetryableException.class);
    }

    @Test
    void actionsAreRequired() {
        assertThatThrownBy(() -> config("include: {match_type: strict, services: [a]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing required field \"actions\"");
    }

    @Test
    void validationReportsABadAction() {
        assertThatThrownBy(() -> config("actions: [{key: a, action: insert}]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processors::attributes")
                .hasMessageContaining("0-th action");
    }

    @Test
    void aBadPatternIsRefusedForThePipelinesSignalAtItsSection() {
        AttributesConfig config = config("""
                include: {match_type: regexp, span_names: ['(']}
                actions: [{key: a, action: delete}]
                """);

        assertThatThrownBy(() -> new AttributesProcessorFactory().checkFor(Signal.TRACES, config))
                .isInstanceOf(Problems.Invalid.class)
                .hasMessageStartingWith("include: invalid regexp '('");
    }

    @Test
    void eachSignalRefusesTheMatchKeysOfTheOthersAsOtelcolsFactory() {
        AttributesConfig spans = config("include: {match_type: strict, services: [a]}\nactions: [{key: a, action: delete}]");
        AttributesConfig logs = config("exclude: {match_type: strict, log_bodies: [a]}\nactions: [{key: a, action: delete}]");
        AttributesProcessorFactory factory = new AttributesProcessorFactory();

        factory.checkFor(Signal.TRACES, spans);
        factory.checkFor(Signal.LOGS, logs);
        assertThatThrownBy(() -> factory.checkFor(Signal.LOGS, spans)).isInstanceOf(Problems.Invalid.class)
                .hasMessage("include: services, span_names, span_kinds and metric_names are not valid for log records");
        assertThatThrownBy(() -> factory.checkFor(Signal.METRICS, logs)).isInstanceOf(Problems.Invalid.class)
                .hasMessageContaining("exclude: \"span_names\", \"span_kinds\", \"log_bodies\"");
        assertThatThrownBy(() -> factory.checkFor(Signal.TRACES, logs)).isInstanceOf(Problems.Invalid.class)
                .hasMessage("exclude: log_bodies should not be specified for trace spans");
    }

    @Test
    void editsTheAttributesOfTheLogRecordsThatPassIncludeAndExclude() throws Exception {
        SignalProcessor<Logs> processor = processor(Signal.LOGS, """
                include:
                  match_type: regexp
                  log_bodies: ['^GET']
                  log_severity_number: {min: 9}
                exclude:
                  match_type: strict
                  attributes: [{key: synthetic, value: true}]
                actions:
                  - {key: user.email, action: hash}
                  - {key: handled, value: true, action: insert}
                """, logs);
        LogRecord info = record("GET /cart", 9).toBuilder().addAttributes(attribute("user.email", "a@b.c")).build();
        LogRecord debug = record("GET /cart", 5);
        LogRecord synthetic = record("GET /probe", 13).toBuilder().addAttributes(attribute("synthetic", AnyValue.newBuilder().setBoolValue(true)))
                .build();
        LogRecord post = record("POST /pay", 13);

        processor.consume(Logs.of(List.of(TestLogs.resource("svc", TestLogs.scope("http", List.of(info, debug, synthetic, post))))));

        List<LogRecord> received = logs.batches().get(0).resourceLogs().get(0).getScopeLogs(0).getLogRecordsList();
        assertThat(received.get(0).getAttributesList()).extracting(KeyValue::getKey).containsExactly("user.email", "handled");
        assertThat(received.get(0).getAttributes(0).getValue().getStringValue()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("a@b.c".getBytes(StandardCharsets.UTF_8))));
        assertThat(received.subList(1, 4)).containsExactly(debug, synthetic, post);
    }

    @Test
    void editsEveryDataPointOfTheMetricsWhoseNameIsSelected() throws Exception {
        SignalProcessor<Metrics> processor = processor(Signal.METRICS, """
                include: {match_type: regexp, metric_names: ['^h']}
                exclude: {match_type: strict, metric_names: [h2]}
                actions: [{key: point, action: delete}, {key: env, value: prod, action: insert}]
                """, metrics);
        Metric gauge = TestMetrics.gauge("g", 2);
        Metrics input = Metrics.parse(Metrics.of(List.of(TestMetrics.resource("svc", TestMetrics.scope("lib",
                List.of(TestMetrics.histogram("h", 2), gauge, TestMetrics.histogram("h2", 1), TestMetrics.summary("hq", 3)))))).encoded());

        processor.consume(input);

        List<Metric> received = metrics.batches().get(0).resourceMetrics().get(0).getScopeMetrics(0).getMetricsList();
        assertThat(received.get(0).getHistogram().getDataPointsList()).allSatisfy(point ->
                assertThat(point.getAttributesList()).containsExactly(attribute("env", "prod")));
        assertThat(received.get(0).getHistogram().getDataPoints(1).getExemplarsList())
                .isEqualTo(TestMetrics.histogram("h", 2).getHistogram().getDataPoints(1).getExemplarsList());
        assertThat(received.get(1)).isEqualTo(gauge);
        assertThat(received.get(2)).isEqualTo(TestMetrics.histogram("h2", 1));
        assertThat(received.get(3).getSummary().getDataPointsList()).hasSize(3).allSatisfy(point ->
                assertThat(point.getAttributesList()).containsExactly(attribute("env", "prod")));
    }

    @Test
    void forMetricsResourcesAreAcceptedAndNotMatchedAsInOtelcol() {
        SignalProcessor<Metrics> processor = processor(Signal.METRICS, """
                include: {match_type: strict, resources: [{key: service.name, value: other}]}
                actions: [{key: env, value: prod, action: insert}]
                """, metrics);

        processor.consume(Metrics.of(List.of(TestMetrics.resource("svc", TestMetrics.scope("lib", List.of(TestMetrics.gauge("g", 1)))))));

        assertThat(metrics.batches().get(0).resourceMetrics().get(0).getScopeMetrics(0).getMetrics(0).getGauge().getDataPoints(0)
                .getAttributesList()).contains(attribute("env", "prod"));
    }

    @Test
    void theFactoryIsDiscoveredAsAttributes() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f.type()).isEqualTo("attributes"));
    }

    private <D extends SignalData<D, ?>> SignalProcessor<D> processor(Signal<D> signal, String yaml, Recording<D> consumer) {
        ComponentContext context = TestContext.of("attributes").telemetry(telemetry).build();
        return new AttributesProcessorFactory().create(context, config(yaml), signal, consumer);
    }

    private static LogRecord record(String body, int severity) {
        return TestLogs.record(body).toBuilder().setSeverityNumberValue(severity).build();
    }

    private Processor processor(String yaml) {
        ComponentContext context = TestContext.of("attributes").telemetry(telemetry).build();
        return new AttributesProcessorFactory().create(context, config(yaml), next);
    }

    private static AttributesConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "processors::attributes",
                AttributesConfig.class, new AttributesProcessorFactory().defaultConfig());
    }

    private double counter(String name) {
        return telemetry.registry().get(name).tag("processor", "attributes").counter().count();
    }
}
