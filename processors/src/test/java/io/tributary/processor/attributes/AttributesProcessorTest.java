package io.tributary.processor.attributes;

import static io.tributary.testkit.TestTraces.attribute;
import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AttributesProcessorTest {
    private final Telemetry telemetry = new Telemetry();
    private final RecordingConsumer next = new RecordingConsumer();

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
    void validationReportsABadActionAndABadPattern() {
        assertThatThrownBy(() -> config("actions: [{key: a, action: insert}]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processors::attributes")
                .hasMessageContaining("0-th action");
        assertThatThrownBy(() -> config("""
                include: {match_type: regexp, span_names: ['(']}
                actions: [{key: a, action: delete}]
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("include: invalid regexp '('");
    }

    @Test
    void theFactoryIsDiscoveredAsAttributes() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f.type()).isEqualTo("attributes"));
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
