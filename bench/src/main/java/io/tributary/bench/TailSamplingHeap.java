package io.tributary.bench;

import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.component.Processor;
import io.tributary.core.data.Traces;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per buffered span in the {@code tail_sampling} processor: fills the buffer with the load
 * generator's traffic (no decision is due: decision_wait 1h), reads the heap after a full GC, and
 * compares it with the spans' OTLP-encoded size and with the target of 1.5 × encoded + 64 bytes.
 * For contrast it then holds the same requests as protobuf-java object graphs. Prints the heap
 * the seed's case needs: 10,000 traces/s × 10 spans × a 30 s window.
 *
 * <pre>java -Xmx4g -cp bench/target/tributary-bench.jar io.tributary.bench.TailSamplingHeap [spans]</pre>
 */
public final class TailSamplingHeap {
    private static final int SPANS_PER_REQUEST = 100;

    private TailSamplingHeap() {
    }

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SyntheticTraces synthetic = new SyntheticTraces(3);
        long baseline = heapAfterGc();
        Processor processor = TailSamplingRig.processor(
                "decision_wait: 1h\nnum_traces: 10000000\nmax_buffered_bytes: 100GiB\n" + TailSamplingRig.SEED_POLICIES);
        long spans = 0;
        long encoded = 0;
        while (spans < target) {
            ExportTraceServiceRequest request = synthetic.nextRequest(SPANS_PER_REQUEST);
            encoded += spanBytes(request);
            spans += SPANS_PER_REQUEST;
            processor.consume(Traces.parse(UnsafeByteOperations.unsafeWrap(request.toByteArray())));
        }
        long buffered = heapAfterGc() - baseline;
        double perSpan = (double) buffered / spans;
        double encodedPerSpan = (double) encoded / spans;
        System.out.printf("tail_sampling buffer: %,d spans, %,d bytes encoded (%.0f B/span)%n", spans, encoded, encodedPerSpan);
        System.out.printf("heap after GC: %,d bytes = %.0f B/span = %.2f x encoded; target 1.5 x %.0f + 64 = %.0f B/span%n",
                buffered, perSpan, perSpan / encodedPerSpan, encodedPerSpan, 1.5 * encodedPerSpan + 64);
        long seedSpans = 10_000L * 10 * 30;
        System.out.printf("seed case (10,000 traces/s x 10 spans x 30 s = %,d spans): %.0f MiB of heap%n",
                seedSpans, seedSpans * perSpan / (1 << 20));
        java.lang.ref.Reference.reachabilityFence(processor);
        processor = null;

        long graphBaseline = heapAfterGc();
        List<ExportTraceServiceRequest> graphs = new ArrayList<>();
        SyntheticTraces again = new SyntheticTraces(3);
        for (long s = 0; s < spans; s += SPANS_PER_REQUEST) {
            graphs.add(ExportTraceServiceRequest.parseFrom(again.nextRequest(SPANS_PER_REQUEST).toByteArray()));
        }
        long graphHeap = heapAfterGc() - graphBaseline;
        System.out.printf("the same spans as protobuf object graphs: %.0f B/span = %.2f x encoded%n",
                (double) graphHeap / spans, (double) graphHeap / spans / encodedPerSpan);
        java.lang.ref.Reference.reachabilityFence(graphs);
    }

    private static long spanBytes(ExportTraceServiceRequest request) {
        long bytes = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    bytes += span.getSerializedSize();
                }
            }
        }
        return bytes;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
