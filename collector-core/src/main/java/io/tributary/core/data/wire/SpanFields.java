package io.tributary.core.data.wire;

/**
 * One encoded span's own fields, found in one pass over its bytes and read where they lie: what
 * the components that turn spans into metrics need of every span, without a {@code Span} object.
 * One instance is reused span after span ({@link #read}); the byte ranges it reports index
 * {@link #buffer()}.
 */
public final class SpanFields {
    private static final int TRACE_ID = Schema.lengthDelimited(Schema.Span.TRACE_ID);
    private static final int SPAN_ID = Schema.lengthDelimited(Schema.Span.SPAN_ID);
    private static final int TRACE_STATE = Schema.lengthDelimited(Schema.Span.TRACE_STATE);
    private static final int PARENT_SPAN_ID = Schema.lengthDelimited(Schema.Span.PARENT_SPAN_ID);
    private static final int NAME = Schema.lengthDelimited(Schema.Span.NAME);
    private static final int KIND = Schema.tag(Schema.Span.KIND, Schema.WIRETYPE_VARINT);
    private static final int START = Schema.tag(Schema.Span.START_TIME_UNIX_NANO, Schema.WIRETYPE_FIXED64);
    private static final int END = Schema.tag(Schema.Span.END_TIME_UNIX_NANO, Schema.WIRETYPE_FIXED64);
    private static final int EVENT = Schema.lengthDelimited(Schema.Span.EVENTS);
    private static final int STATUS = Schema.lengthDelimited(Schema.Span.STATUS);
    private static final int STATUS_CODE = Schema.tag(Schema.Status.CODE, Schema.WIRETYPE_VARINT);

    /** An event's bytes [from, to) within {@link #buffer()}. */
    public interface EventVisitor {
        void event(byte[] buf, int from, int to);
    }

    private byte[] buf;
    private int from;
    private int to;
    private int traceIdFrom;
    private int traceIdTo;
    private int spanIdFrom;
    private int spanIdTo;
    private int traceStateFrom;
    private int traceStateTo;
    private int parentFrom;
    private int parentTo;
    private int nameFrom;
    private int nameTo;
    private int kind;
    private long start;
    private long end;
    private int statusCode;
    private boolean hasEvents;

    /** Reads the span in [from, to) of {@code buf}; absent fields read as proto3 defaults (empty, 0). */
    public SpanFields read(byte[] buf, int from, int to) {
        this.buf = buf;
        this.from = from;
        this.to = to;
        traceIdFrom = traceIdTo = spanIdFrom = spanIdTo = traceStateFrom = traceStateTo = parentFrom = parentTo = nameFrom = nameTo = from;
        kind = 0;
        start = end = 0;
        statusCode = 0;
        hasEvents = false;
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more()) {
            int tag = in.tag();
            if (tag == START) {
                start = in.fixed64();
            } else if (tag == END) {
                end = in.fixed64();
            } else if (tag == KIND) {
                kind = (int) in.varint();
            } else if (tag == TRACE_ID || tag == SPAN_ID || tag == TRACE_STATE || tag == PARENT_SPAN_ID || tag == NAME) {
                int fieldEnd = in.lengthEnd();
                setRange(tag, in.pos(), fieldEnd);
                in.pos(fieldEnd);
            } else if (tag == STATUS) {
                int statusEnd = in.lengthEnd();
                statusCode = statusCode(buf, in.pos(), statusEnd);
                in.pos(statusEnd);
            } else {
                hasEvents |= tag == EVENT;
                in.skip(tag);
            }
        }
        return this;
    }

    private void setRange(int tag, int fieldFrom, int fieldTo) {
        if (tag == TRACE_ID) {
            traceIdFrom = fieldFrom;
            traceIdTo = fieldTo;
        } else if (tag == SPAN_ID) {
            spanIdFrom = fieldFrom;
            spanIdTo = fieldTo;
        } else if (tag == TRACE_STATE) {
            traceStateFrom = fieldFrom;
            traceStateTo = fieldTo;
        } else if (tag == PARENT_SPAN_ID) {
            parentFrom = fieldFrom;
            parentTo = fieldTo;
        } else {
            nameFrom = fieldFrom;
            nameTo = fieldTo;
        }
    }

    /** The {@code code} of the encoded {@code Status} in [from, to) of {@code buf}; 0 (unset) when absent. */
    public static int statusCode(byte[] buf, int from, int to) {
        WireCursor in = new WireCursor(buf, from, to);
        int code = 0;
        while (in.more()) {
            int tag = in.tag();
            if (tag == STATUS_CODE) {
                code = (int) in.varint();
            } else {
                in.skip(tag);
            }
        }
        return code;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Where the span's bytes start in {@link #buffer()}. */
    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    public int traceIdFrom() {
        return traceIdFrom;
    }

    public int traceIdTo() {
        return traceIdTo;
    }

    public int spanIdFrom() {
        return spanIdFrom;
    }

    public int spanIdTo() {
        return spanIdTo;
    }

    /** The W3C {@code tracestate} text (UTF-8), empty when the span has none. */
    public int traceStateFrom() {
        return traceStateFrom;
    }

    public int traceStateTo() {
        return traceStateTo;
    }

    public int parentSpanIdFrom() {
        return parentFrom;
    }

    public int parentSpanIdTo() {
        return parentTo;
    }

    /** A root span: its parent span ID is absent or empty. */
    public boolean isRoot() {
        return parentFrom == parentTo;
    }

    public int nameFrom() {
        return nameFrom;
    }

    public int nameTo() {
        return nameTo;
    }

    /** The {@code SpanKind} number (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
    public int kind() {
        return kind;
    }

    public long startTimeUnixNano() {
        return start;
    }

    public long endTimeUnixNano() {
        return end;
    }

    /** The {@code Status.StatusCode} number (0 unset, 1 ok, 2 error). */
    public int statusCode() {
        return statusCode;
    }

    /** The value of the span's first attribute with this key (UTF-8), or null. */
    public Attributes.Value attribute(byte[] key) {
        return Attributes.find(buf, from, to, Schema.Span.ATTRIBUTES, key);
    }

    /** Visits each event's bytes in order; read an event's attributes with {@link Attributes#find} and {@link Schema.Event}. */
    public void events(EventVisitor visitor) {
        if (!hasEvents) {
            return;
        }
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more()) {
            int tag = in.tag();
            if (tag == EVENT) {
                int eventEnd = in.lengthEnd();
                visitor.event(buf, in.pos(), eventEnd);
                in.pos(eventEnd);
            } else {
                in.skip(tag);
            }
        }
    }
}
