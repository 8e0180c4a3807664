package io.tributary.processor.probabilisticsampler;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.processor.probabilisticsampler.SpanSampler.Decision;
import io.tributary.processor.probabilisticsampler.SpanSampler.Priority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Samples an encoded {@code ExportTraceServiceRequest} without decoding it: each span's trace
 * ID, tracestate and attribute keys are read where they lie, a kept span's bytes are reused (a
 * rewritten tracestate replaces just that field), and unchanged runs of bytes are sliced, never
 * copied. Lengths of the enclosing scope and resource entries are re-encoded only where something
 * inside them changed.
 */
final class WireSampler {
    private static final int RESOURCE_SPANS = 1;
    private static final int SCOPE_SPANS = 2;
    private static final int SPANS = 2;
    private static final int SPAN_TRACE_ID = 1;
    private static final int SPAN_TRACE_STATE = 3;
    private static final int SPAN_ATTRIBUTES = 9;
    private static final int KEY_VALUE_KEY = 1;
    private static final int KEY_VALUE_VALUE = 2;
    private static final byte[] PRIORITY_KEY = SamplingPriority.ATTRIBUTE.getBytes(StandardCharsets.UTF_8);

    private final SpanSampler sampler;

    WireSampler(SpanSampler sampler) {
        this.sampler = sampler;
    }

    /**
     * The request with only its kept spans: {@code request} itself when every span is kept as it
     * came, null when none is. {@code counts} receives one count per span, indexed by
     * {@link SamplerMetrics#index}.
     */
    ByteString sample(ByteString request, int[] counts) {
        return filter(request, RESOURCE_SPANS,
                resource -> filter(resource, SCOPE_SPANS,
                        scope -> filter(scope, SPANS, span -> sampleSpan(span, counts))));
    }

    /**
     * Maps every occurrence of the embedded message field {@code field} of {@code message}
     * ({@code null}: drop it), keeping the other fields. Returns {@code message} itself when each
     * came back unchanged, and null when none is left: otelcol drops a scope or resource that has
     * no spans, even one that arrived empty.
     */
    private static ByteString filter(ByteString message, int field, UnaryOperator<ByteString> map) {
        try {
            CodedInputStream in = input(message);
            List<ByteString> pieces = null;
            int copiedUpTo = 0;
            int kept = 0;
            while (true) {
                int start = in.getTotalBytesRead();
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (tag != embedded(field)) {
                    in.skipField(tag);
                    continue;
                }
                ByteString child = in.readBytes();
                ByteString mapped = map.apply(child);
                if (mapped == child) {
                    kept++;
                    continue;
                }
                if (pieces == null) {
                    pieces = new ArrayList<>();
                }
                pieces.add(message.substring(copiedUpTo, start));
                if (mapped != null) {
                    kept++;
                    pieces.add(lengthDelimited(field, mapped));
                }
                copiedUpTo = in.getTotalBytesRead();
            }
            if (kept == 0) {
                return null;
            }
            if (pieces == null) {
                return message;
            }
            pieces.add(message.substring(copiedUpTo));
            return ByteString.copyFrom(pieces);
        } catch (IOException e) {
            throw new IllegalStateException("traces bytes were validated but cannot be walked", e);
        }
    }

    /** The span's bytes if kept as it is, its bytes with the new tracestate, or null if dropped. */
    private ByteString sampleSpan(ByteString span, int[] counts) {
        try {
            CodedInputStream in = input(span);
            ByteString traceId = ByteString.EMPTY;
            String traceState = "";
            int stateStart = -1;
            int stateEnd = -1;
            int firstLaterField = span.size();
            Priority priority = null;
            while (true) {
                int start = in.getTotalBytesRead();
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                int number = WireFormat.getTagFieldNumber(tag);
                if (number > SPAN_TRACE_STATE && firstLaterField == span.size()) {
                    firstLaterField = start;
                }
                if (tag == embedded(SPAN_TRACE_ID)) {
                    traceId = in.readBytes();
                } else if (tag == embedded(SPAN_TRACE_STATE)) {
                    traceState = in.readStringRequireUtf8();
                    stateStart = start;
                    stateEnd = in.getTotalBytesRead();
                } else if (priority == null && tag == embedded(SPAN_ATTRIBUTES)) {
                    priority = priority(in);
                } else {
                    in.skipField(tag);
                }
            }
            Decision decision = sampler.decide(traceId, traceState, priority == null ? Priority.DEFER : priority);
            counts[SamplerMetrics.index(decision.policy(), decision.sampled())]++;
            if (!decision.sampled()) {
                return null;
            }
            String newState = decision.traceState();
            if (newState == null || newState.equals(traceState)) {
                return span;
            }
            // Where the field goes keeps protobuf's field order: in place, or before the first field after it.
            int from = stateStart >= 0 ? stateStart : firstLaterField;
            int to = stateStart >= 0 ? stateEnd : firstLaterField;
            return span.substring(0, from).concat(stringField(SPAN_TRACE_STATE, newState)).concat(span.substring(to));
        } catch (IOException e) {
            throw new IllegalStateException("traces bytes were validated but cannot be walked", e);
        }
    }

    /**
     * Reads one attribute ({@code KeyValue}) in place: the priority it asks for when its key is
     * {@code sampling.priority}, else null. Only a key of the right length is looked at, so the
     * usual attribute costs no allocation.
     */
    private static Priority priority(CodedInputStream in) throws IOException {
        int oldLimit = in.pushLimit(in.readRawVarint32());
        boolean isPriority = false;
        ByteString value = ByteString.EMPTY;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == embedded(KEY_VALUE_KEY)) {
                int length = in.readRawVarint32();
                isPriority = length == PRIORITY_KEY.length && Arrays.equals(in.readRawBytes(length), PRIORITY_KEY);
                if (!isPriority) {
                    in.skipRawBytes(in.getBytesUntilLimit()); // the rest of the attribute, whatever was read of its key
                    break;
                }
            } else if (tag == embedded(KEY_VALUE_VALUE)) {
                value = in.readBytes();
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(oldLimit);
        if (!isPriority) {
            return null;
        }
        try {
            return SamplingPriority.of(AnyValue.parseFrom(value));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an attribute value was validated but cannot be decoded", e);
        }
    }

    /** The tag of a length-delimited field (an embedded message, string or bytes). */
    private static int embedded(int field) {
        return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    /** Slices of the input share its bytes instead of copying them. */
    private static CodedInputStream input(ByteString bytes) {
        CodedInputStream in = bytes.newCodedInput();
        in.enableAliasing(true);
        return in;
    }

    private static ByteString lengthDelimited(int field, ByteString payload) throws IOException {
        byte[] header = new byte[CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(payload.size())];
        CodedOutputStream out = CodedOutputStream.newInstance(header);
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(payload.size());
        return ByteString.copyFrom(header).concat(payload);
    }

    private static ByteString stringField(int field, String value) throws IOException {
        byte[] bytes = new byte[CodedOutputStream.computeStringSize(field, value)];
        CodedOutputStream.newInstance(bytes).writeString(field, value);
        return ByteString.copyFrom(bytes);
    }
}
