package io.tributary.processor.resource;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.testkit.Recording;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ResourceProcessorTest {
    private final RecordingConsumer next = new RecordingConsumer();

    @Test
    void appliesTheActionsToEveryResource() {
        Processor processor = processor("""
                attributes:
                  - {key: deployment.environment, value: prod, action: upsert}
                  - {key: host.name, action: delete}
                """, Map.of());

        processor.consume(Traces.of(List.of(resource("svc-a", "host.name", "h1"), resource("svc-b", "deployment.environment", "dev"))));

        assertThat(next.resourceSpans()).extracting(rs -> rs.getResource().getAttributesList()).containsExactly(
                List.of(attribute("service.name", "svc-a"), attribute("deployment.environment", "prod")),
                List.of(attribute("service.name", "svc-b"), attribute("deployment.environment", "prod")));
    }

    @Test
    void takesAValueFromTheEnvironment() {
        Processor processor = processor("attributes: [{key: region, value: '${env:REGION}', action: insert}]", Map.of("REGION", "eu-west-1"));

        processor.consume(Traces.of(List.of(resource("svc-a"))));

        assertThat(next.resourceSpans().get(0).getResource().getAttributesList()).contains(attribute("region", "eu-west-1"));
    }

    @Test
    void leavesSpansAlone() {
        Processor processor = processor("attributes: [{key: k, action: delete}]", Map.of());
        ResourceSpans input = resource("svc-a").toBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName("s").addAttributes(attribute("k", "v"))))
                .build();

        processor.consume(Traces.of(List.of(input)));

        assertThat(next.resourceSpans()).containsExactly(input);
    }

    @Test
    void passesABatchNoActionChangesOnAsTheSameTraces() throws Exception {
        Processor processor = processor("attributes: [{key: service.name, value: svc-a, action: upsert}]", Map.of());
        Traces encoded = Traces.parse(Traces.of(List.of(resource("svc-a"))).encoded());

        processor.consume(encoded);

        assertThat(next.batches()).singleElement().isSameAs(encoded);
    }

    @Test
    void editsTheResourcesOfMetricsAndLogsAndLeavesTheirItemsAlone() throws Exception {
        ResourceConfig config = config("attributes: [{key: host.name, action: delete}, {key: env, value: prod, action: insert}]", Map.of());
        ResourceProcessorFactory factory = new ResourceProcessorFactory();
        Recording<Metrics> metrics = Recording.create();
        Recording<Logs> logs = Recording.create();
        ResourceMetrics metricsIn = TestMetrics.resource("svc", TestMetrics.scope("lib", TestMetrics.everyType(2))).toBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("host.name", "h1"))).build();
        ResourceLogs logsIn = TestLogs.resource("svc", TestLogs.scope("app", TestLogs.records("a", "b")));

        factory.create(TestContext.of("resource").build(), config, Signal.METRICS, metrics)
                .consume(Metrics.parse(Metrics.of(List.of(metricsIn)).encoded()));
        factory.create(TestContext.of("resource").build(), config, Signal.LOGS, logs)
                .consume(Logs.parse(Logs.of(List.of(logsIn)).encoded()));

        ResourceMetrics metricsOut = metrics.batches().get(0).resourceMetrics().get(0);
        assertThat(metricsOut.getResource().getAttributesList()).containsExactly(attribute("env", "prod"));
        assertThat(metricsOut.getScopeMetricsList()).isEqualTo(metricsIn.getScopeMetricsList());
        ResourceLogs logsOut = logs.batches().get(0).resourceLogs().get(0);
        assertThat(logsOut.getResource().getAttributesList()).containsExactly(attribute("service.name", "svc"), attribute("env", "prod"));
        assertThat(logsOut.getScopeLogsList()).isEqualTo(logsIn.getScopeLogsList());
    }

    @Test
    void isAProcessorOfEverySignal() {
        assertThat(new ResourceProcessorFactory().signals()).containsExactlyInAnyOrder(Signal.TRACES, Signal.METRICS, Signal.LOGS);
    }

    @Test
    void attributesAreRequired() {
        assertThatThrownBy(() -> config("{}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing required field \"attributes\"");
    }

    @Test
    void theFactoryIsDiscoveredAsResource() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f.type()).isEqualTo("resource"));
    }

    private Processor processor(String yaml, Map<String, String> env) {
        ComponentContext context = TestContext.of("resource").build();
        return new ResourceProcessorFactory().create(context, config(yaml, env), next);
    }

    private static ResourceConfig config(String yaml, Map<String, String> env) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", env::get), "processors::resource",
                ResourceConfig.class, new ResourceProcessorFactory().defaultConfig());
    }

    private static ResourceSpans resource(String service, String... keysAndValues) {
        Resource.Builder resource = Resource.newBuilder().addAttributes(attribute("service.name", service));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            resource.addAttributes(attribute(keysAndValues[i], keysAndValues[i + 1]));
        }
        return ResourceSpans.newBuilder().setResource(resource).build();
    }
}
