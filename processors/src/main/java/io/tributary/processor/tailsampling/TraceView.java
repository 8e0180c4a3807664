package io.tributary.processor.tailsampling;

import io.tributary.core.data.wire.WireCursor;
import java.util.function.Predicate;

/**
 * What a policy sees of a trace being decided: a snapshot of its aggregates and of its span
 * records, taken under the buffer's lock, so that policies run without it while late spans keep
 * arriving. Span fields are read from the encoded bytes on demand.
 */
record TraceView(
        TraceKey id,
        int spanCount,
        long minStart,
        long maxEnd,
        int flags,
        long sizeBytes,
        byte[] data,
        int length,
        Origins.Scope[] origins) {

    static TraceView of(BufferedTrace trace) {
        return new TraceView(trace.key, trace.spanCount, trace.minStart, trace.maxEnd, trace.flags,
                trace.sizeBytes, trace.data, trace.length, java.util.Arrays.copyOf(trace.origins, trace.originCount));
    }

    /** A span's bytes within {@link #data}, and the index of its resource and scope in {@link #origins}. */
    interface SpanVisitor {
        boolean visit(int origin, byte[] data, int from, int to);
    }

    /** True as soon as {@code visitor} returns true for a span. */
    boolean anySpan(SpanVisitor visitor) {
        WireCursor in = new WireCursor(data, 0, length);
        while (in.more()) {
            int origin = (int) in.varint();
            int to = in.lengthEnd();
            int from = in.pos();
            in.pos(to);
            if (visitor.visit(origin, data, from, to)) {
                return true;
            }
        }
        return false;
    }

    /** True as soon as {@code test} holds for the encoded head of one of the trace's distinct resources. */
    boolean anyResource(Predicate<byte[]> test) {
        for (int i = 0; i < origins.length; i++) {
            byte[] head = origins[i].resource.head;
            if (firstWithResource(head, i) && test.test(head)) {
                return true;
            }
        }
        return false;
    }

    private boolean firstWithResource(byte[] head, int index) {
        for (int i = 0; i < index; i++) {
            if (origins[i].resource.head == head) {
                return false;
            }
        }
        return true;
    }
}
