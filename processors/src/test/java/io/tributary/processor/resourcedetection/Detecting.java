package io.tributary.processor.resourcedetection;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.data.Traces;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestTraces;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A resourcedetection processor under test: configured from YAML, its detectors pointed at the
 * test's fake services through the environment variables the SDKs honour (and Azure's endpoint),
 * started, and fed encoded requests.
 */
final class Detecting implements AutoCloseable {
    final Map<String, String> env = new ConcurrentHashMap<>();
    final RecordingConsumer next = new RecordingConsumer();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private URI azureMetadata = URI.create("http://127.0.0.1:9/metadata/instance/compute");
    private KubernetesClient kubernetes;
    private Processor processor;

    Detecting env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Detecting azure(URI endpoint) {
        this.azureMetadata = endpoint;
        return this;
    }

    /** The API server the Kubernetes detectors reach, whatever their auth_type. */
    Detecting kubernetes(KubernetesClient mockServerClient) {
        this.kubernetes = mockServerClient;
        return this;
    }

    static ResourceDetectionConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "processors::resourcedetection",
                ResourceDetectionConfig.class, ResourceDetectionConfig.DEFAULT);
    }

    ResourceDetectionProcessorFactory factory() {
        KubernetesApi api = (authType, context, variables) -> {
            if (kubernetes == null) {
                throw new IllegalArgumentException("no Kubernetes API in this test");
            }
            // The detector closes its client at shutdown, as it owns the in-cluster one: give it its own.
            return new KubernetesClientBuilder().withConfig(kubernetes.getConfiguration()).build();
        };
        return new ResourceDetectionProcessorFactory(new Surroundings(env::get, azureMetadata, api, new MetadataClient()));
    }

    /** Creates and starts the processor; start fails as the daemon's would. */
    Detecting start(String yaml) throws Exception {
        processor = factory().create(context(), config(yaml), next);
        processor.start(id -> Optional.empty());
        return this;
    }

    /** What the service gives the processor: workers for detection, a scheduler for refreshes. */
    ComponentContext context() {
        return TestContext.of("resourcedetection").workers(workers).scheduler(scheduler).build();
    }

    /** The resource attributes of a span from a client whose resource had {@code attributes}, after the processor. */
    List<KeyValue> resourceAfter(KeyValue... attributes) throws Exception {
        ResourceSpans sent = ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAllAttributes(List.of(attributes)))
                .addScopeSpans(TestTraces.scope("lib", TestTraces.span("op"))).build();
        int before = next.resourceSpans().size();
        processor.consume(Traces.parse(Traces.of(List.of(sent)).encoded()));
        return next.resourceSpans().get(before).getResource().getAttributesList();
    }

    /** As {@link #resourceAfter}, for polling lambdas. */
    List<KeyValue> resourceAfterUnchecked() {
        try {
            return resourceAfter();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void consume(Traces traces) {
        processor.consume(traces);
    }

    @Override
    public void close() {
        if (processor != null) {
            processor.shutdown();
        }
        workers.shutdownNow();
        scheduler.shutdownNow();
    }
}
