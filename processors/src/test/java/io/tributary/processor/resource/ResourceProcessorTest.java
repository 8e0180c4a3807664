package io.tributary.processor.resource;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.tributary.core.data.Traces;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
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
