package io.tributary.core.data.wire;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an export request around chosen items' stored bytes: items are grouped by resource and
 * scope (their envelope heads from {@link EnvelopeWalker#head}, compared by identity, so a caller
 * passes the same array for the same resource) and copied into resource and scope entries whose
 * sizes are computed first, so no item is decoded and each byte is written once. Entries come
 * out in the order their first item was added; an entry's head precedes its children.
 */
public final class EnvelopeWriter {
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

        void add(byte[] array, int offset, int length, int tagSize) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            arrays.add(array);
            offsets[count] = offset;
            lengths[count] = length;
            count++;
            size += fieldSize(tagSize, length);
        }
    }

    private static final class ResourceGroup {
        final byte[] head;
        final Map<byte[], ScopeGroup> scopes = new IdentityHashMap<>();
        final List<ScopeGroup> order = new ArrayList<>();

        ResourceGroup(byte[] head) {
            this.head = head;
        }

        int size(int tagSize) {
            int size = head.length;
            for (ScopeGroup scope : order) {
                size += fieldSize(tagSize, scope.size);
            }
            return size;
        }
    }

    private final Schema schema;
    private final Map<byte[], ResourceGroup> resources = new IdentityHashMap<>();
    private final List<ResourceGroup> order = new ArrayList<>();
    private int items;

    public EnvelopeWriter(Schema schema) {
        this.schema = schema;
    }

    public boolean isEmpty() {
        return items == 0;
    }

    public int items() {
        return items;
    }

    /** How many resource entries {@link #toByteArray} writes. */
    public int resourceEntries() {
        return order.size();
    }

    /** Adds the item whose message is [offset, offset + length) of {@code array}, under these heads. */
    public void add(byte[] resourceHead, byte[] scopeHead, byte[] array, int offset, int length) {
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
        scope.add(array, offset, length, varintSize(schema.itemTag));
        items++;
    }

    /** The encoded request; the arrays passed to {@link #add} are read now, not before. */
    public byte[] toByteArray() {
        int scopeTagSize = varintSize(schema.scopeEntryTag);
        int[] sizes = new int[order.size()];
        int total = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = order.get(i).size(scopeTagSize);
            total += fieldSize(varintSize(schema.resourceEntryTag), sizes[i]);
        }
        byte[] out = new byte[total];
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            for (int i = 0; i < sizes.length; i++) {
                ResourceGroup resource = order.get(i);
                coded.writeUInt32NoTag(schema.resourceEntryTag);
                coded.writeUInt32NoTag(sizes[i]);
                coded.writeRawBytes(resource.head);
                for (ScopeGroup scope : resource.order) {
                    coded.writeUInt32NoTag(schema.scopeEntryTag);
                    coded.writeUInt32NoTag(scope.size);
                    coded.writeRawBytes(scope.head);
                    for (int s = 0; s < scope.count; s++) {
                        coded.writeUInt32NoTag(schema.itemTag);
                        coded.writeUInt32NoTag(scope.lengths[s]);
                        coded.writeRawBytes(scope.arrays.get(s), scope.offsets[s], scope.lengths[s]);
                    }
                }
            }
            coded.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("writing to an array of the computed size failed", e);
        }
        return out;
    }

    public static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Bytes a length-delimited field of {@code length} bytes takes with a tag of {@code tagSize} bytes. */
    public static int fieldSize(int tagSize, int length) {
        return tagSize + varintSize(length) + length;
    }
}
