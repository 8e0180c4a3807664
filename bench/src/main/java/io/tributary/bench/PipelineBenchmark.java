package io.tributary.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Kind;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import io.tributary.core.service.Components;
import io.tributary.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The collector's hot path without the network: 82 received 100-span requests (8200 spans, just
 * over the batch processor's default {@code send_batch_size} of 8192) decoded, merged into one
 * batch and encoded for export. Scores are ns per span.
 *
 * <ul>
 *   <li>{@code zeroDecodeConcat}: {@link Traces#parse} validates each request's bytes and
 *       {@link Traces#concat} joins them, so no protobuf object is built;
 *   <li>{@code zeroDecodeBatchProcessor}: the same data through the real {@code batch} processor,
 *       made by its factory as the daemon makes it;
 *   <li>{@code parseEverything}: the baseline every protobuf-object pipeline pays, full
 *       {@code parseFrom}, a merged request, {@code toByteString}.
 * </ul>
 *
 * <pre>java -jar bench/target/tributary-bench.jar PipelineBenchmark -wi 2 -i 3 -f 1</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PipelineBenchmark.SPANS_PER_BATCH)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {
    static final int SPANS_PER_REQUEST = 100;
    static final int REQUESTS_PER_BATCH = 82;
    static final int SPANS_PER_BATCH = SPANS_PER_REQUEST * REQUESTS_PER_BATCH;

    private final List<ByteString> requests = new ArrayList<>();
    private final AtomicReference<Traces> exported = new AtomicReference<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private Processor batch;

    @Setup
    public void setUp() {
        LoadGenerator.encodePool(REQUESTS_PER_BATCH, SPANS_PER_REQUEST, 1)
                .forEach(bytes -> requests.add(ByteString.copyFrom(bytes)));
        scheduler = Executors.newSingleThreadScheduledExecutor();
        workers = Executors.newSingleThreadExecutor();
        batch = batchProcessor();
    }

    /** The {@code batch} processor with default sizes and a timeout that never fires mid-batch. */
    private Processor batchProcessor() {
        @SuppressWarnings("unchecked") // the processor factory registered under "batch"
        ProcessorFactory<Object> factory = (ProcessorFactory<Object>) Components.discover()
                .find(Kind.PROCESSOR, "batch")
                .orElseThrow(() -> new IllegalStateException("no batch processor on the class path"));
        Object config = Binder.bind(ConfigLoader.parse("timeout: 1h", "bench", name -> null),
                "processors::batch", factory.configType(), factory.defaultConfig());
        ComponentContext context = new ComponentContext(new ComponentId("batch", ""), Telemetry.noop(),
                null, workers, scheduler, Clock.systemUTC());
        return factory.create(context, config, exported::set);
    }

    @TearDown
    public void tearDown() {
        batch.shutdown();
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    @Benchmark
    public int zeroDecodeConcat() throws InvalidOtlpException {
        List<Traces> parts = new ArrayList<>(REQUESTS_PER_BATCH);
        for (ByteString request : requests) {
            parts.add(Traces.parse(request));
        }
        return Traces.concat(parts).encoded().size();
    }

    @Benchmark
    public int zeroDecodeBatchProcessor() throws InvalidOtlpException {
        for (ByteString request : requests) {
            batch.consume(Traces.parse(request));
        }
        // The size trigger may hand the batch to the processor's own thread.
        Traces out;
        while ((out = exported.getAndSet(null)) == null) {
            Thread.onSpinWait();
        }
        return out.encoded().size();
    }

    @Benchmark
    public int parseEverything() throws InvalidProtocolBufferException {
        ExportTraceServiceRequest.Builder merged = ExportTraceServiceRequest.newBuilder();
        for (ByteString request : requests) {
            merged.addAllResourceSpans(ExportTraceServiceRequest.parseFrom(request).getResourceSpansList());
        }
        return merged.build().toByteString().size();
    }
}
