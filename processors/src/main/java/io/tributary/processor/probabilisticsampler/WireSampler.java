package io.tributary.processor.probabilisticsampler;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.Attributes;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.EnvelopeWriter;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import io.tributary.processor.probabilisticsampler.SpanSampler.Decision;
import io.tributary.processor.probabilisticsampler.SpanSampler.Priority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Samples an encoded {@code ExportTraceServiceRequest} without decoding it: each span's trace
 * ID, tracestate and attribute keys are read where they lie. When every span is kept as it came
 * (and no scope or resource is empty) the request passes on untouched; otherwise the kept spans'
 * bytes, with a rewritten tracestate replacing just that field, are written into new envelopes.
 */
final class WireSampler {
    private static final int TRACE_ID = Schema.lengthDelimited(Schema.Span.TRACE_ID);
    private static final int TRACE_STATE = Schema.lengthDelimited(Schema.Span.TRACE_STATE);
    private static final byte[] PRIORITY_KEY = SamplingPriority.ATTRIBUTE.getBytes(StandardCharsets.UTF_8);

    private final SpanSampler sampler;

    WireSampler(SpanSampler sampler) {
        this.sampler = sampler;
    }

    /**
     * The traces with only their kept spans: {@code traces} itself when every span is kept as it
     * came, null when none is. {@code counts} receives one count per span, indexed by
     * {@link SamplerMetrics#index}. otelcol drops a scope or resource that has no spans, even one
     * that arrived empty.
     */
    Traces sample(Traces traces, int[] counts) {
        FlatBytes flat = FlatBytes.of(traces.encoded());
        Pass pass = new Pass(flat.array(), traces.spanCount(), counts);
        EnvelopeWalker.walk(Schema.TRACES, flat.array(), flat.from(), flat.to(), pass);
        if (pass.keepsAll()) {
            return traces;
        }
        if (pass.kept == 0) {
            return null;
        }
        EnvelopeWriter out = new EnvelopeWriter(Schema.TRACES);
        pass.writeTo(out);
        return Traces.trusted(UnsafeByteOperations.unsafeWrap(out.toByteArray()), out.items(), out.resourceEntries())
                .withClient(traces.client());
    }

    /**
     * One walk: decides each span and notes where the kept ones and their envelopes are, so that
     * envelopes are read again only when the request must be rewritten.
     */
    private final class Pass implements EnvelopeWalker.Visitor {
        private final byte[] buf;
        private final int[] counts;
        int spans;
        int kept;
        /** Whether no kept span has a rewritten tracestate. */
        boolean unchanged = true;
        /** Per kept span: its bytes (the request's buffer or a rewritten copy), range and scope entry. */
        private final byte[][] arrays;
        private final int[] from;
        private final int[] to;
        private final int[] scopeOf;
        /** Per resource entry and per scope entry: its message range and how many spans it holds. */
        private final Entries resources = new Entries();
        private final Entries scopes = new Entries();
        private int[] resourceOfScope = new int[4];

        Pass(byte[] buf, int capacity, int[] counts) {
            this.buf = buf;
            this.counts = counts;
            arrays = new byte[capacity][];
            from = new int[capacity];
            to = new int[capacity];
            scopeOf = new int[capacity];
        }

        @Override
        public void resource(int entryStart, int start, int end) {
            resources.add(start, end);
        }

        @Override
        public void scope(int start, int end) {
            if (scopes.count == resourceOfScope.length) {
                resourceOfScope = Arrays.copyOf(resourceOfScope, scopes.count * 2);
            }
            resourceOfScope[scopes.count] = resources.count - 1;
            scopes.add(start, end);
        }

        @Override
        public void item(int start, int end) {
            spans++;
            resources.spans[resources.count - 1]++;
            scopes.spans[scopes.count - 1]++;
            byte[] span = sampleSpan(buf, start, end, counts);
            if (span == null) {
                return;
            }
            int i = kept++;
            scopeOf[i] = scopes.count - 1;
            if (span == buf) {
                arrays[i] = buf;
                from[i] = start;
                to[i] = end;
            } else {
                unchanged = false;
                arrays[i] = span;
                to[i] = span.length;
            }
        }

        /** Whether the request would come out as it came: every span kept as it was, no envelope empty. */
        boolean keepsAll() {
            return unchanged && kept == spans && resources.allHoldSpans() && scopes.allHoldSpans();
        }

        void writeTo(EnvelopeWriter out) {
            byte[][] resourceHeads = new byte[resources.count][];
            byte[][] scopeHeads = new byte[scopes.count][];
            for (int i = 0; i < kept; i++) {
                int scope = scopeOf[i];
                if (scopeHeads[scope] == null) {
                    scopeHeads[scope] = EnvelopeWalker.head(buf, scopes.starts[scope], scopes.ends[scope], Schema.TRACES.itemTag);
                }
                int resource = resourceOfScope[scope];
                if (resourceHeads[resource] == null) {
                    resourceHeads[resource] = EnvelopeWalker.head(buf, resources.starts[resource], resources.ends[resource],
                            Schema.TRACES.scopeEntryTag);
                }
                out.add(resourceHeads[resource], scopeHeads[scope], arrays[i], from[i], to[i] - from[i]);
            }
        }
    }

    /** Message ranges of the envelope entries met so far, with their spans. */
    private static final class Entries {
        int count;
        int[] starts = new int[4];
        int[] ends = new int[4];
        int[] spans = new int[4];

        void add(int start, int end) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                spans = Arrays.copyOf(spans, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        boolean allHoldSpans() {
            for (int i = 0; i < count; i++) {
                if (spans[i] == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Decides the span in [start, end) of {@code buf}: {@code buf} itself if kept as it is, a copy
     * with the new tracestate, or null if dropped.
     */
    private byte[] sampleSpan(byte[] buf, int start, int end, int[] counts) {
        WireCursor in = new WireCursor(buf, start, end);
        ByteString traceId = ByteString.EMPTY;
        String traceState = "";
        int stateStart = -1;
        int stateEnd = -1;
        int firstLaterField = end;
        while (in.more()) {
            int fieldStart = in.pos();
            int tag = in.tag();
            if (tag >>> 3 > Schema.Span.TRACE_STATE && firstLaterField == end) {
                firstLaterField = fieldStart;
            }
            if (tag == TRACE_ID) {
                int idEnd = in.lengthEnd();
                traceId = UnsafeByteOperations.unsafeWrap(buf, in.pos(), idEnd - in.pos());
                in.pos(idEnd);
            } else if (tag == TRACE_STATE) {
                stateEnd = in.lengthEnd();
                traceState = new String(buf, in.pos(), stateEnd - in.pos(), StandardCharsets.UTF_8);
                stateStart = fieldStart;
                in.pos(stateEnd);
            } else {
                in.skip(tag);
            }
        }
        Decision decision = sampler.decide(traceId, traceState, priority(buf, start, end));
        counts[SamplerMetrics.index(decision.policy(), decision.sampled())]++;
        if (!decision.sampled()) {
            return null;
        }
        String newState = decision.traceState();
        if (newState == null || newState.equals(traceState)) {
            return buf;
        }
        // Where the field goes keeps protobuf's field order: in place, or before the first field after it.
        int cutFrom = stateStart >= 0 ? stateStart : firstLaterField;
        int cutTo = stateStart >= 0 ? stateEnd : firstLaterField;
        byte[] field = traceStateField(newState);
        byte[] span = new byte[(cutFrom - start) + field.length + (end - cutTo)];
        System.arraycopy(buf, start, span, 0, cutFrom - start);
        System.arraycopy(field, 0, span, cutFrom - start, field.length);
        System.arraycopy(buf, cutTo, span, cutFrom - start + field.length, end - cutTo);
        return span;
    }

    /** What the span's {@code sampling.priority} attribute asks for. */
    private static Priority priority(byte[] buf, int start, int end) {
        Attributes.Value value = Attributes.find(buf, start, end, Schema.Span.ATTRIBUTES, PRIORITY_KEY);
        if (value == null) {
            return Priority.DEFER;
        }
        try {
            return SamplingPriority.of(AnyValue.parseFrom(UnsafeByteOperations.unsafeWrap(buf, value.from(), value.to() - value.from())));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an attribute value was validated but cannot be decoded", e);
        }
    }

    private static byte[] traceStateField(String value) {
        byte[] bytes = new byte[CodedOutputStream.computeStringSize(Schema.Span.TRACE_STATE, value)];
        try {
            CodedOutputStream.newInstance(bytes).writeString(Schema.Span.TRACE_STATE, value);
        } catch (IOException e) {
            throw new IllegalStateException("writing to an array of the computed size failed", e);
        }
        return bytes;
    }
}
