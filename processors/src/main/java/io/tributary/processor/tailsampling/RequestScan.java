package io.tributary.processor.tailsampling;

import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.SpanFields;
import io.tributary.core.data.wire.WireCursor;
import java.util.Arrays;

/**
 * One pass over an encoded request, before the buffer's lock is taken: where each span's bytes
 * are, its trace ID, start and end times, status code and whether it is a root, and the encoded
 * resource and scope of each group of spans. No protobuf objects are built.
 */
final class RequestScan implements EnvelopeWalker.Visitor {
    private static final int TRACE_ID = Schema.lengthDelimited(Schema.Span.TRACE_ID);
    private static final int PARENT_SPAN_ID = Schema.lengthDelimited(Schema.Span.PARENT_SPAN_ID);
    private static final int START = Schema.tag(Schema.Span.START_TIME_UNIX_NANO, Schema.WIRETYPE_FIXED64);
    private static final int END = Schema.tag(Schema.Span.END_TIME_UNIX_NANO, Schema.WIRETYPE_FIXED64);
    private static final int STATUS = Schema.lengthDelimited(Schema.Span.STATUS);

    final byte[] buf;
    int spans;
    int[] from;
    int[] to;
    TraceKey[] traceIds;
    long[] starts;
    long[] ends;
    int[] statuses;
    boolean[] roots;
    /** The group (a scope within a resource) each span belongs to. */
    int[] groups;

    int groupCount;
    byte[][] resourceHeads = new byte[4][];
    byte[][] scopeHeads = new byte[4][];
    private byte[] resourceHead;

    private RequestScan(byte[] buf, int capacity) {
        this.buf = buf;
        from = new int[capacity];
        to = new int[capacity];
        traceIds = new TraceKey[capacity];
        starts = new long[capacity];
        ends = new long[capacity];
        statuses = new int[capacity];
        roots = new boolean[capacity];
        groups = new int[capacity];
    }

    static RequestScan of(Traces traces) {
        // The request's own array when it has one: spans are copied out of it, never written into it.
        FlatBytes flat = FlatBytes.of(traces.encoded());
        RequestScan scan = new RequestScan(flat.array(), traces.spanCount());
        EnvelopeWalker.walk(Schema.TRACES, flat.array(), flat.from(), flat.to(), scan);
        return scan;
    }

    @Override
    public void resource(int entryStart, int start, int end) {
        resourceHead = EnvelopeWalker.head(buf, start, end, Schema.TRACES.scopeEntryTag);
    }

    @Override
    public void scope(int start, int end) {
        int group = groupCount++;
        if (group == resourceHeads.length) {
            resourceHeads = Arrays.copyOf(resourceHeads, group * 2);
            scopeHeads = Arrays.copyOf(scopeHeads, group * 2);
        }
        resourceHeads[group] = resourceHead;
        scopeHeads[group] = EnvelopeWalker.head(buf, start, end, Schema.TRACES.itemTag);
    }

    @Override
    public void item(int start, int end) {
        int i = spans++;
        from[i] = start;
        to[i] = end;
        groups[i] = groupCount - 1;
        TraceKey traceId = null;
        boolean hasParent = false;
        WireCursor in = new WireCursor(buf, start, end);
        while (in.more()) {
            int tag = in.tag();
            if (tag == TRACE_ID) {
                int idEnd = in.lengthEnd();
                traceId = TraceKey.of(buf, in.pos());
                in.pos(idEnd);
            } else if (tag == PARENT_SPAN_ID) {
                int idEnd = in.lengthEnd();
                hasParent = idEnd > in.pos();
                in.pos(idEnd);
            } else if (tag == START) {
                starts[i] = in.fixed64();
            } else if (tag == END) {
                ends[i] = in.fixed64();
            } else if (tag == STATUS) {
                int statusEnd = in.lengthEnd();
                statuses[i] = SpanFields.statusCode(buf, in.pos(), statusEnd);
                in.pos(statusEnd);
            } else {
                in.skip(tag);
            }
        }
        // A span without a trace ID has pdata's empty (all-zero) one.
        traceIds[i] = traceId != null ? traceId : new TraceKey(0, 0);
        roots[i] = !hasParent;
    }
}
