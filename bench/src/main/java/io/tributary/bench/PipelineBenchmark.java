package io.tributary.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Kind;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
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
 * batch and encoded for export. Scores are ns per span, or per item for the other signals.
 *
 * <ul>
 *   <li>{@code zeroDecodeConcat}: {@link Traces#parse} validates each request's bytes and
 *       {@link Traces#concat} joins them, so no protobuf object is built;
 *   <li>{@code zeroDecodeBatchProcessor}: the same data through the real {@code batch} processor,
 *       made by its factory as the daemon makes it;
 *   <li>{@code metricsZeroDecodeBatchProcessor}, {@code logsZeroDecodeBatchProcessor}: the same
 *       for metrics and logs, requests of about the traces requests' bytes
 *       ({@value SyntheticMetrics#POINTS_PER_REQUEST} data points, {@value SyntheticLogs#RECORDS_PER_REQUEST}
 *       log records) until just over 8192 items; ns per data point, per log record;
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
    /** The {@code batch} processor's default {@code send_batch_size}. */
    static final int SEND_BATCH_SIZE = 8192;
    // Requests per batch: enough to cross the send size once. An item count that divides 8192
    // would leave a request behind in the processor after each batch.
    static final int SPANS_PER_REQUEST = 100;
    static final int REQUESTS_PER_BATCH = SEND_BATCH_SIZE / SPANS_PER_REQUEST + 1;
    static final int SPANS_PER_BATCH = SPANS_PER_REQUEST * REQUESTS_PER_BATCH;
    static final int POINTS_PER_BATCH = SyntheticMetrics.POINTS_PER_REQUEST * (SEND_BATCH_SIZE / SyntheticMetrics.POINTS_PER_REQUEST + 1);
    static final int RECORDS_PER_BATCH = SyntheticLogs.RECORDS_PER_REQUEST * (SEND_BATCH_SIZE / SyntheticLogs.RECORDS_PER_REQUEST + 1);

    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private Batching<Traces> traces;
    private Batching<Metrics> metrics;
    private Batching<Logs> logs;

    @Setup
    public void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        workers = Executors.newSingleThreadExecutor();
        traces = new Batching<>(Signal.TRACES, SPANS_PER_REQUEST, SPANS_PER_BATCH);
        metrics = new Batching<>(Signal.METRICS, SyntheticMetrics.POINTS_PER_REQUEST, POINTS_PER_BATCH);
        logs = new Batching<>(Signal.LOGS, SyntheticLogs.RECORDS_PER_REQUEST, RECORDS_PER_BATCH);
    }

    @TearDown
    public void tearDown() {
        traces.batch.shutdown();
        metrics.batch.shutdown();
        logs.batch.shutdown();
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    /**
     * One signal's requests as received and the {@code batch} processor they go through, with
     * default sizes and a timeout that never fires mid-batch, made by its factory as the daemon
     * makes it.
     */
    private final class Batching<D extends SignalData<D, ?>> {
        private final Signal<D> signal;
        private final List<ByteString> requests = new ArrayList<>();
        private final AtomicReference<D> exported = new AtomicReference<>();
        private final SignalProcessor<D> batch;

        Batching(Signal<D> signal, int itemsPerRequest, int itemsPerBatch) {
            this.signal = signal;
            LoadGenerator.encodePool(signal, itemsPerBatch / itemsPerRequest, itemsPerRequest, 1)
                    .forEach(bytes -> requests.add(ByteString.copyFrom(bytes)));
            @SuppressWarnings("unchecked") // the processor factory registered under "batch"
            ProcessorFactory<Object> factory = (ProcessorFactory<Object>) Components.discover()
                    .find(Kind.PROCESSOR, "batch")
                    .orElseThrow(() -> new IllegalStateException("no batch processor on the class path"));
            Object config = Binder.bind(ConfigLoader.parse("timeout: 1h", "bench", name -> null),
                    "processors::batch", factory.configType(), factory.defaultConfig());
            ComponentContext context = new ComponentContext(new ComponentId("batch", ""), Telemetry.noop(),
                    null, workers, scheduler, Clock.systemUTC());
            batch = factory.create(context, config, signal, exported::set);
        }

        /** Validates every request into the processor and returns the size of the batch it exports. */
        int run() throws InvalidOtlpException {
            for (ByteString request : requests) {
                batch.consume(signal.parse(request));
            }
            // The size trigger may hand the batch to the processor's own thread.
            D out;
            while ((out = exported.getAndSet(null)) == null) {
                Thread.onSpinWait();
            }
            return out.encoded().size();
        }
    }

    @Benchmark
    public int zeroDecodeConcat() throws InvalidOtlpException {
        List<Traces> parts = new ArrayList<>(REQUESTS_PER_BATCH);
        for (ByteString request : traces.requests) {
            parts.add(Traces.parse(request));
        }
        return Traces.concat(parts).encoded().size();
    }

    @Benchmark
    public int zeroDecodeBatchProcessor() throws InvalidOtlpException {
        return traces.run();
    }

    @Benchmark
    @OperationsPerInvocation(POINTS_PER_BATCH)
    public int metricsZeroDecodeBatchProcessor() throws InvalidOtlpException {
        return metrics.run();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_BATCH)
    public int logsZeroDecodeBatchProcessor() throws InvalidOtlpException {
        return logs.run();
    }

    @Benchmark
    public int parseEverything() throws InvalidProtocolBufferException {
        ExportTraceServiceRequest.Builder merged = ExportTraceServiceRequest.newBuilder();
        for (ByteString request : traces.requests) {
            merged.addAllResourceSpans(ExportTraceServiceRequest.parseFrom(request).getResourceSpansList());
        }
        return merged.build().toByteString().size();
    }
}
