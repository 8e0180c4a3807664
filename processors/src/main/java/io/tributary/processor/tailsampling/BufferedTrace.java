package io.tributary.processor.tailsampling;

import io.tributary.core.data.wire.EnvelopeWriter;
import io.tributary.core.data.wire.WireCursor;
import java.util.Arrays;

/**
 * One trace in the buffer: the fields policies need (span count, earliest start, latest end,
 * status codes seen, size), and its spans as their encoded bytes in one array, each record being
 * {@code [origin index][length][span bytes]} (varints). Once decided the spans are freed and the
 * trace stays as a small stub carrying its decision, so late spans follow it. The buffer's lock
 * guards every field.
 */
final class BufferedTrace {
    enum State { PENDING, DECIDING, SAMPLED, NOT_SAMPLED }

    static final int STATUS_UNSET = 1;
    static final int STATUS_OK = 2;
    static final int STATUS_ERROR = 4;
    static final int ROOT = 8;

    /** Objects and map entries a trace costs beyond its span bytes, for the byte budget. */
    static final int OVERHEAD = 224;

    final TraceKey key;
    final long arrivalMillis;
    long deadlineMillis;
    State state = State.PENDING;
    long decisionMillis;

    int spanCount;
    long minStart = -1;
    long maxEnd;
    int flags;
    /** otelcol's trace size: the encoded {@code ResourceSpans} of each batch the trace came in. */
    long sizeBytes;

    byte[] data = new byte[0];
    int length;
    Origins.Scope[] origins = new Origins.Scope[1];
    int originCount;
    /** What this trace is charged against the byte budget. */
    long charged;

    BufferedTrace(TraceKey key, long arrivalMillis, long deadlineMillis) {
        this.key = key;
        this.arrivalMillis = arrivalMillis;
        this.deadlineMillis = deadlineMillis;
    }

    boolean pending() {
        return state == State.PENDING;
    }

    boolean decided() {
        return state == State.SAMPLED || state == State.NOT_SAMPLED;
    }

    /** The index of {@code scope} in this trace's origins, adding it (and counting this trace on it) when new. */
    int originIndex(Origins.Scope scope) {
        for (int i = 0; i < originCount; i++) {
            if (origins[i] == scope) {
                return i;
            }
        }
        if (originCount == origins.length) {
            origins = Arrays.copyOf(origins, originCount * 2);
        }
        Origins.retain(scope);
        origins[originCount] = scope;
        return originCount++;
    }

    /** Appends one span's bytes; grows the array by a quarter at least, so the slack stays small. */
    void append(int origin, byte[] src, int from, int to) {
        int size = to - from;
        int needed = length + EnvelopeWriter.varintSize(origin) + EnvelopeWriter.varintSize(size) + size;
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length + (data.length >> 2)));
        }
        length = writeVarint(origin, length);
        length = writeVarint(size, length);
        System.arraycopy(src, from, data, length, size);
        length += size;
    }

    /** Hands every buffered span to {@code out} under its resource and scope. */
    void writeTo(EnvelopeWriter out) {
        WireCursor in = new WireCursor(data, 0, length);
        while (in.more()) {
            Origins.Scope scope = origins[(int) in.varint()];
            int end = in.lengthEnd();
            out.add(scope.resource.head, scope.head, data, in.pos(), end - in.pos());
            in.pos(end);
        }
    }

    void addSpan(long start, long end, int status, boolean root) {
        spanCount++;
        if (minStart == -1 || Long.compareUnsigned(start, minStart) < 0) {
            minStart = start;
        }
        if (Long.compareUnsigned(end, maxEnd) > 0) {
            maxEnd = end;
        }
        flags |= switch (status) {
            case 1 -> STATUS_OK;
            case 2 -> STATUS_ERROR;
            default -> STATUS_UNSET;
        };
        if (root) {
            flags |= ROOT;
        }
    }

    /** Frees the spans, keeping the decision; returns the scopes to release. */
    Origins.Scope[] free() {
        Origins.Scope[] held = Arrays.copyOf(origins, originCount);
        data = null;
        origins = null;
        originCount = 0;
        length = 0;
        return held;
    }

    private int writeVarint(long value, int at) {
        while ((value & ~0x7FL) != 0) {
            data[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        data[at++] = (byte) value;
        return at;
    }
}
