package io.tributary.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Kind;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import io.tributary.core.service.Components;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.processor.attributes.actions.AttributeActions;
import io.tributary.processor.resource.ResourceConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code attributes} and {@code resource} processors on received data: 10 encoded 100-span
 * requests, each parsed, run through a processor made by its factory from YAML, and encoded again
 * for export (the cost a pipeline with the processor pays over one without). Scores are ns per span.
 *
 * <ul>
 *   <li>{@code baselineParseEncode}: no processor, the bytes pass through;
 *   <li>{@code attributesScrub}: delete, hash, insert and extract on every span, so every span is
 *       rewritten and the batch re-encoded;
 *   <li>{@code attributesExcludedByService}: the same actions, but {@code exclude} selects no
 *       span: the batch is decoded and matched, then passed on unchanged;
 *   <li>{@code attributesNoChange}: an action that finds nothing to do on any span;
 *   <li>{@code resourceUpsert}: one resource attribute upserted per resource, edited on the bytes;
 *   <li>{@code resourceUpsertObjectPath}: the same upsert as the processor made it before it
 *       edited bytes, kept here as the baseline: the batch decoded with protobuf-java, each
 *       resource rebuilt with the actions' result, the batch encoded again.
 * </ul>
 *
 * <pre>java -jar bench/target/tributary-bench.jar AttributesBenchmark -wi 3 -i 5 -f 1</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(AttributesBenchmark.SPANS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AttributesBenchmark {
    static final int SPANS_PER_REQUEST = 100;
    static final int REQUESTS = 10;
    static final int SPANS = SPANS_PER_REQUEST * REQUESTS;

    private static final String SCRUB = """
            actions:
              - {key: client.address, action: delete}
              - {key: db.query.text, action: hash}
              - {key: env, value: prod, action: insert}
              - {key: http.route, pattern: '^/api/(?P<api_area>[a-z]+)', action: extract}
            """;
    private static final String RESOURCE_UPSERT = "attributes: [{key: deployment.environment, value: prod, action: upsert}]";

    private final List<ByteString> requests = new ArrayList<>();
    private Processor scrub;
    private Processor excluded;
    private Processor noChange;
    private Processor resource;
    private AttributeActions resourceActions;
    private Traces out;

    @Setup
    public void setUp() {
        LoadGenerator.encodePool(REQUESTS, SPANS_PER_REQUEST, 1).forEach(bytes -> requests.add(ByteString.copyFrom(bytes)));
        scrub = processor("attributes", SCRUB);
        excluded = processor("attributes", SCRUB + "exclude: {match_type: regexp, services: ['.*']}\n");
        noChange = processor("attributes", "actions: [{key: absent, action: delete}]");
        resource = processor("resource", RESOURCE_UPSERT);
        resourceActions = AttributeActions.compile(((ResourceConfig) config(factory("resource"), RESOURCE_UPSERT)).attributes());
    }

    private Processor processor(String type, String yaml) {
        ProcessorFactory<Object> factory = factory(type);
        ComponentContext context = new ComponentContext(new ComponentId(type, ""), Telemetry.noop(),
                null, null, null, Clock.systemUTC());
        return factory.create(context, config(factory, yaml), traces -> out = traces);
    }

    private static ProcessorFactory<Object> factory(String type) {
        @SuppressWarnings("unchecked") // the processor factory registered under type
        ProcessorFactory<Object> factory = (ProcessorFactory<Object>) Components.discover()
                .find(Kind.PROCESSOR, type)
                .orElseThrow(() -> new IllegalStateException("no " + type + " processor on the class path"));
        return factory;
    }

    private static Object config(ProcessorFactory<Object> factory, String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "bench", name -> null),
                "processors::" + factory.type(), factory.configType(), factory.defaultConfig());
    }

    @Benchmark
    public int baselineParseEncode() throws InvalidOtlpException {
        return run(traces -> out = traces);
    }

    @Benchmark
    public int attributesScrub() throws InvalidOtlpException {
        return run(scrub);
    }

    @Benchmark
    public int attributesExcludedByService() throws InvalidOtlpException {
        return run(excluded);
    }

    @Benchmark
    public int attributesNoChange() throws InvalidOtlpException {
        return run(noChange);
    }

    @Benchmark
    public int resourceUpsert() throws InvalidOtlpException {
        return run(resource);
    }

    @Benchmark
    public int resourceUpsertObjectPath() throws InvalidOtlpException {
        return run(traces -> out = resourceObjectPath(traces));
    }

    /** The baseline: the resource processor's edit as it was made on decoded objects. */
    private Traces resourceObjectPath(Traces traces) {
        AttributeActions actions = resourceActions.forClient(traces.client());
        List<ResourceSpans> in = traces.resourceSpans();
        List<ResourceSpans> edited = new ArrayList<>(in.size());
        boolean changed = false;
        for (ResourceSpans resourceSpans : in) {
            Resource resource = resourceSpans.getResource();
            List<KeyValue> attributes = resource.getAttributesList();
            List<KeyValue> rewritten = actions.apply(attributes);
            changed |= rewritten != attributes;
            edited.add(rewritten == attributes
                    ? resourceSpans
                    : resourceSpans.toBuilder().setResource(resource.toBuilder().clearAttributes().addAllAttributes(rewritten)).build());
        }
        return changed ? traces.withResourceSpans(edited) : traces;
    }

    private int run(TracesConsumer processor) throws InvalidOtlpException {
        int bytes = 0;
        for (ByteString request : requests) {
            processor.consume(Traces.parse(request));
            bytes += out.encoded().size();
        }
        return bytes;
    }
}
