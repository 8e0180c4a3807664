package io.tributary.processor.tailsampling;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.tributary.core.data.InvalidTracesException;
import io.tributary.core.data.Traces;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-assembles released spans into an OTLP request around their stored bytes: spans are grouped
 * by resource and scope (compared by identity of their interned encodings) and copied into
 * {@code ResourceSpans}/{@code ScopeSpans} envelopes whose sizes are computed first, so no span
 * is decoded and each byte is written once.
 */
final class OtlpWriter {
    private static final int RESOURCE_SPANS_TAG = 1 << 3 | Wire.LENGTH_DELIMITED;
    private static final int SCOPE_SPANS_TAG = 2 << 3 | Wire.LENGTH_DELIMITED;
    private static final int SPANS_TAG = 2 << 3 | Wire.LENGTH_DELIMITED;

    private static final class ScopeGroup {
        final byte[] head;
        final List<byte[]> arrays = new ArrayList<>();
        int[] offsets = new int[8];
        int[] lengths = new int[8];
        int count;
        int size;

        ScopeGroup(byte[] head) {
            this.head = head;
            this.size = head.length;
        }

        void add(byte[] array, int offset, int length) {
            if (count == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, count * 2);
                lengths = java.util.Arrays.copyOf(lengths, count * 2);
            }
            arrays.add(array);
            offsets[count] = offset;
            lengths[count] = length;
            count++;
            size += Wire.fieldSize(length);
        }
    }

    private static final class ResourceGroup {
        final byte[] head;
        final Map<byte[], ScopeGroup> scopes = new IdentityHashMap<>();
        final List<ScopeGroup> order = new ArrayList<>();

        ResourceGroup(byte[] head) {
            this.head = head;
        }

        int size() {
            int size = head.length;
            for (ScopeGroup scope : order) {
                size += Wire.fieldSize(scope.size);
            }
            return size;
        }
    }

    private final Map<byte[], ResourceGroup> resources = new IdentityHashMap<>();
    private final List<ResourceGroup> order = new ArrayList<>();
    private int spans;

    boolean isEmpty() {
        return spans == 0;
    }

    int spans() {
        return spans;
    }

    /** Adds every span record of a buffered trace. */
    void addTrace(Origins.Scope[] origins, byte[] data, int length) {
        Wire in = new Wire(data, 0, length);
        while (in.more()) {
            Origins.Scope scope = origins[(int) in.varint()];
            int size = (int) in.varint();
            add(scope.resource.head, scope.head, data, in.pos, size);
            in.pos += size;
        }
    }

    void add(byte[] resourceHead, byte[] scopeHead, byte[] array, int offset, int length) {
        ResourceGroup resource = resources.get(resourceHead);
        if (resource == null) {
            resource = new ResourceGroup(resourceHead);
            resources.put(resourceHead, resource);
            order.add(resource);
        }
        ScopeGroup scope = resource.scopes.get(scopeHead);
        if (scope == null) {
            scope = new ScopeGroup(scopeHead);
            resource.scopes.put(scopeHead, scope);
            resource.order.add(scope);
        }
        scope.add(array, offset, length);
        spans++;
    }

    /** The request; the writer can then be discarded. */
    Traces build() {
        int[] sizes = new int[order.size()];
        int total = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = order.get(i).size();
            total += Wire.fieldSize(sizes[i]);
        }
        byte[] out = new byte[total];
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            for (int i = 0; i < sizes.length; i++) {
                ResourceGroup resource = order.get(i);
                coded.writeUInt32NoTag(RESOURCE_SPANS_TAG);
                coded.writeUInt32NoTag(sizes[i]);
                coded.writeRawBytes(resource.head);
                for (ScopeGroup scope : resource.order) {
                    coded.writeUInt32NoTag(SCOPE_SPANS_TAG);
                    coded.writeUInt32NoTag(scope.size);
                    coded.writeRawBytes(scope.head);
                    for (int s = 0; s < scope.count; s++) {
                        coded.writeUInt32NoTag(SPANS_TAG);
                        coded.writeUInt32NoTag(scope.lengths[s]);
                        coded.writeRawBytes(scope.arrays.get(s), scope.offsets[s], scope.lengths[s]);
                    }
                }
            }
            coded.checkNoSpaceLeft();
            return Traces.parse(UnsafeByteOperations.unsafeWrap(out));
        } catch (IOException | InvalidTracesException e) {
            throw new IllegalStateException("re-encoding buffered spans failed", e);
        }
    }
}
