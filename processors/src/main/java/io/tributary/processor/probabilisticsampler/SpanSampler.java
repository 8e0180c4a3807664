package io.tributary.processor.probabilisticsampler;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.core.data.wire.Attributes;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import io.tributary.processor.probabilisticsampler.ItemSampler.HashSource;
import io.tributary.processor.probabilisticsampler.ItemSampler.Hashed;
import io.tributary.processor.probabilisticsampler.ItemSampler.Outcome;
import io.tributary.processor.probabilisticsampler.ItemSampler.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One span's keep-or-drop decision, made as otelcol's probabilistic sampler makes it for traces:
 * the span's randomness is the FNV hash of seed and trace ID (hash mode), or an {@code rv} in its
 * tracestate, else the trace ID's low 56 bits; {@code sampling.priority} keeps or drops it
 * whatever the mode; a kept span's tracestate gets the threshold, and in hash mode the randomness.
 * It depends only on those inputs, so every span of a trace that shares them gets the same
 * decision, whatever request it arrives in. Immutable and thread-safe.
 */
final class SpanSampler {
    private static final int TRACE_ID = Schema.lengthDelimited(Schema.Span.TRACE_ID);
    private static final int TRACE_STATE = Schema.lengthDelimited(Schema.Span.TRACE_STATE);
    private static final byte[] PRIORITY_KEY = SamplingPriority.ATTRIBUTE.getBytes(StandardCharsets.UTF_8);

    /** What a span's {@code sampling.priority} attribute asks for. */
    enum Priority { DEFER, KEEP, DROP }

    /**
     * @param traceState the span's new tracestate when it is kept and otelcol would rewrite it
     *                   (possibly to the same text); null to leave it as it is
     */
    record Decision(boolean sampled, Policy policy, String traceState) {
    }

    private final ItemSampler sampler;

    SpanSampler(ProbabilisticSamplerConfig config) {
        this.sampler = new ItemSampler(config, "traces sampler");
    }

    Decision decide(ByteString traceId, String traceState, Priority priority) {
        SamplingTraceState carrier = SamplingTraceState.parse(traceState);
        HashSource hashSource = () -> ItemSampler.isEmptyTraceId(traceId)
                ? Hashed.MISSING : new Hashed(Policy.TRACE_ID_HASH, sampler.hashRandomness(traceId));
        Long priorityThreshold = priority == Priority.DEFER ? null : priority == Priority.KEEP ? Otep235.ALWAYS : Otep235.NEVER;
        Outcome outcome = sampler.decide(traceId, carrier, hashSource, true, priorityThreshold);
        return new Decision(outcome.sampled(), outcome.policy(), outcome.sampled() && outcome.carrierUsed() ? carrier.serialize() : null);
    }

    /**
     * Decides the encoded span in [start, end) of {@code buf}, reading its trace ID, tracestate and
     * {@code sampling.priority} where they lie, and counts it: {@code buf} itself if kept as it
     * is, a copy with the new tracestate, or null if dropped.
     */
    byte[] sample(byte[] buf, int start, int end, int[] counts) {
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
        Decision decision = decide(traceId, traceState, priority(buf, start, end));
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
