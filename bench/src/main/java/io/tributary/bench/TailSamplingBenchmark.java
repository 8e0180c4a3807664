package io.tributary.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.component.Processor;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the {@code tail_sampling} processor's ingest costs per span on the caller's thread: one
 * request of the load generator's traffic ({@link #SPANS} spans, several traces, several services)
 * handed to {@code consume}, with the seed config's policies and the decision thread running
 * (decision_wait 1s) so the buffer stays at its steady-state size. Each call rewrites the trace
 * IDs in place first, so every request brings new traces, as live traffic does.
 *
 * <pre>java -jar bench/target/tributary-bench.jar TailSamplingBenchmark -wi 3 -i 5 -f 1</pre>
 *
 * On a shared, loaded machine wall time overstates the cost; {@link #main} runs the same calls
 * and reports the ingest thread's CPU time per span instead:
 *
 * <pre>java -Xmx6g -cp bench/target/tributary-bench.jar io.tributary.bench.TailSamplingBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(TailSamplingBenchmark.SPANS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TailSamplingBenchmark {
    static final int SPANS = 100;
    private static final int POOL = 256;

    private final List<byte[]> requests = new ArrayList<>();
    private final List<int[]> traceIdOffsets = new ArrayList<>();
    private final List<Traces> traces = new ArrayList<>();
    private Processor processor;
    private long generation;
    private int next;

    /** With the decision thread running, or ingest alone (a fresh buffer each iteration, nothing decided). */
    @Param({"true", "false"})
    public boolean decide;

    @Setup(Level.Trial)
    public void setUp() throws InvalidOtlpException {
        SyntheticTraces synthetic = new SyntheticTraces(1);
        for (int i = 0; i < POOL; i++) {
            ExportTraceServiceRequest request = synthetic.nextRequest(SPANS);
            byte[] bytes = request.toByteArray();
            requests.add(bytes);
            traceIdOffsets.add(traceIdOffsets(request, bytes));
            traces.add(Traces.parse(UnsafeByteOperations.unsafeWrap(bytes)));
        }
    }

    @Setup(Level.Iteration)
    public void startProcessor() throws Exception {
        processor = TailSamplingRig.processor((decide ? "decision_wait: 1s\n" : "decision_wait: 1h\n")
                + "num_traces: 10000000\nmax_buffered_bytes: 2GiB\n" + TailSamplingRig.SEED_POLICIES);
        if (decide) {
            processor.start(null);
        }
    }

    @TearDown(Level.Iteration)
    public void stopProcessor() {
        processor.shutdown();
        processor = null;
    }

    @Benchmark
    public void ingest() {
        int i = next;
        next = (next + 1) % POOL;
        byte[] bytes = requests.get(i);
        long id = ++generation;
        for (int offset : traceIdOffsets.get(i)) {
            for (int b = 0; b < 8; b++) {
                bytes[offset + b] = (byte) (id >>> (56 - 8 * b));
            }
        }
        processor.consume(traces.get(i));
    }

    /** Ingest thread CPU per span, with and without the decision thread, after a warm-up. */
    public static void main(String[] args) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (boolean decide : new boolean[] {false, true}) {
            TailSamplingBenchmark bench = new TailSamplingBenchmark();
            bench.decide = decide;
            bench.setUp();
            for (int round = 0; round < 4; round++) {
                bench.startProcessor();
                int calls = 10_000;
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    bench.ingest();
                }
                double perSpan = (threads.getCurrentThreadCpuTime() - cpu) / (double) (calls * SPANS);
                bench.stopProcessor();
                System.out.printf("decision thread %s, round %d%s: %.0f ns CPU per span on the ingest thread%n",
                        decide ? "on" : "off", round, round == 0 ? " (warm-up)" : "", perSpan);
            }
        }
    }

    /** Where each span's 16 trace-ID bytes sit in the encoded request. */
    private static int[] traceIdOffsets(ExportTraceServiceRequest request, byte[] bytes) {
        Set<ByteString> ids = new LinkedHashSet<>();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    ids.add(span.getTraceId());
                }
            }
        }
        List<Integer> offsets = new ArrayList<>();
        for (ByteString id : ids) {
            byte[] needle = id.toByteArray();
            for (int at = 0; at + 16 <= bytes.length; at++) {
                if (java.util.Arrays.equals(bytes, at, at + 16, needle, 0, 16)) {
                    offsets.add(at);
                }
            }
        }
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }
}
