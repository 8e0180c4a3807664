package io.tributary.processor.tailsampling;

import io.tributary.core.data.Traces;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * One pass over an encoded request, before the buffer's lock is taken: where each span's bytes
 * are, its trace ID, start and end times, status code and whether it is a root, and the encoded
 * resource and scope of each group of spans. No protobuf objects are built.
 */
final class RequestScan {
    private static final int RESOURCE_SPANS = 1 << 3 | Wire.LENGTH_DELIMITED;
    private static final int SCOPE_SPANS = 2 << 3 | Wire.LENGTH_DELIMITED;
    private static final int SPANS = 2 << 3 | Wire.LENGTH_DELIMITED;

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
        RequestScan scan = new RequestScan(traces.encoded().toByteArray(), traces.spanCount());
        scan.request();
        return scan;
    }

    private void request() {
        Wire in = new Wire(buf, 0, buf.length);
        while (in.more()) {
            int tag = in.tag();
            if (tag != RESOURCE_SPANS) {
                in.skip(tag);
                continue;
            }
            int end = in.lengthEnd();
            resourceSpans(in.pos, end);
            in.pos = end;
        }
    }

    private void resourceSpans(int start, int end) {
        byte[] head = head(start, end, SCOPE_SPANS);
        Wire in = new Wire(buf, start, end);
        while (in.more()) {
            int tag = in.tag();
            if (tag != SCOPE_SPANS) {
                in.skip(tag);
                continue;
            }
            int scopeEnd = in.lengthEnd();
            scopeSpans(head, in.pos, scopeEnd);
            in.pos = scopeEnd;
        }
    }

    private void scopeSpans(byte[] resourceHead, int start, int end) {
        int group = groupCount++;
        if (group == resourceHeads.length) {
            resourceHeads = Arrays.copyOf(resourceHeads, group * 2);
            scopeHeads = Arrays.copyOf(scopeHeads, group * 2);
        }
        resourceHeads[group] = resourceHead;
        scopeHeads[group] = head(start, end, SPANS);
        Wire in = new Wire(buf, start, end);
        while (in.more()) {
            int tag = in.tag();
            if (tag != SPANS) {
                in.skip(tag);
                continue;
            }
            int spanEnd = in.lengthEnd();
            span(group, in.pos, spanEnd);
            in.pos = spanEnd;
        }
    }

    private void span(int group, int start, int end) {
        int i = spans++;
        from[i] = start;
        to[i] = end;
        groups[i] = group;
        TraceKey traceId = null;
        boolean hasParent = false;
        Wire in = new Wire(buf, start, end);
        while (in.more()) {
            int tag = in.tag();
            switch (tag) {
                case 1 << 3 | Wire.LENGTH_DELIMITED -> {
                    int idEnd = in.lengthEnd();
                    traceId = TraceKey.of(buf, in.pos);
                    in.pos = idEnd;
                }
                case 4 << 3 | Wire.LENGTH_DELIMITED -> {
                    int idEnd = in.lengthEnd();
                    hasParent = idEnd > in.pos;
                    in.pos = idEnd;
                }
                case 7 << 3 | Wire.FIXED64 -> starts[i] = in.fixed64();
                case 8 << 3 | Wire.FIXED64 -> ends[i] = in.fixed64();
                case 15 << 3 | Wire.LENGTH_DELIMITED -> {
                    int statusEnd = in.lengthEnd();
                    statuses[i] = statusCode(in, statusEnd);
                }
                default -> in.skip(tag);
            }
        }
        // A span without a trace ID has pdata's empty (all-zero) one.
        traceIds[i] = traceId != null ? traceId : new TraceKey(0, 0);
        roots[i] = !hasParent;
    }

    private static int statusCode(Wire in, int end) {
        int code = 0;
        while (in.pos < end) {
            int tag = in.tag();
            if (tag == (3 << 3 | Wire.VARINT)) {
                code = (int) in.varint();
            } else {
                in.skip(tag);
            }
        }
        return code;
    }

    /** The fields of the message in [start, end) except the repeated {@code children} field, bytes as they are. */
    private byte[] head(int start, int end, int children) {
        ByteArrayOutputStream head = new ByteArrayOutputStream(64);
        Wire in = new Wire(buf, start, end);
        while (in.more()) {
            int fieldStart = in.pos;
            int tag = in.tag();
            in.skip(tag);
            if (tag != children) {
                head.write(buf, fieldStart, in.pos - fieldStart);
            }
        }
        return head.toByteArray();
    }
}
